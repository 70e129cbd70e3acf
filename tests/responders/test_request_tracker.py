"""RequestTrackerResponder against a real RT 5 server; solved tickets resolve their cases."""

from __future__ import annotations

import base64
import json
import logging
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import OutboxSection
from mentiondesk.decisions import OutboxPlan
from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.models import Author, FatalError, OutboxAction, TransientError
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up, seed
from tests.rt_server import RTServer


def rt_call(rt: RTServer, method: str, path: str, body: Any = None) -> Any:
    auth = base64.b64encode(f"{rt.user}:{rt.password}".encode()).decode()
    request = urllib.request.Request(
        rt.base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", "Authorization": "Basic " + auth},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


async def test_ticket_carries_case_thread_and_reading(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ticket = action(kind="ticket", target="rt").context
    receipt = await rt.deliver(action(kind="ticket", target="rt"))
    assert (
        receipt.url
        == f"{rt_server.base.removesuffix('REST/2.0/')}Ticket/Display.html?id={receipt.ref}"
    )
    data = rt_call(rt_server, "GET", f"ticket/{receipt.ref}")
    assert data["Subject"] == "[MD-000007] delivery — @angry_ann on x"
    assert data["Priority"] == str(2 * 25)  # frustration 2 of 3
    assert data["Queue"]["id"] == "1"
    assert ticket.case_number == "MD-000007"


async def test_same_case_twice_opens_one_ticket(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    first = await rt.deliver(action(kind="ticket", target="rt"))
    again = await rt.deliver(action(kind="ticket", target="rt"))
    assert again.ref == first.ref
    found = rt_call(
        rt_server, "GET", "tickets?query=" + urllib.request.quote("Subject LIKE 'MD-000007'")
    )
    assert found["total"] == 1


async def test_a_follow_up_is_one_comment_on_the_case_ticket(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ticket = _on_case(action(kind="ticket", target="rt"), "MD-000070")
    comment = _on_case(follow_up("rt"), "MD-000070")
    with pytest.raises(TransientError, match="no ticket for MD-000070 yet"):
        await rt.deliver(comment)  # it waits for the ticket
    opened = await rt.deliver(ticket)
    assert (await rt.deliver(comment)).ref == opened.ref
    await rt.deliver(comment)  # a retry after a lost answer finds its comment by subject
    path = f"ticket/{opened.ref}/history?fields=Type&per_page=100"
    kinds = [t["Type"] for t in rt_call(rt_server, "GET", path)["items"]]
    assert kinds.count("Comment") == 1
    path = f"ticket/{opened.ref}/attachments?fields=Subject,Content&per_page=100"
    (added,) = [
        a
        for a in rt_call(rt_server, "GET", path)["items"]
        if a["Subject"] == "[MD-000070] follow-up: @angry_ann on x, post m2"
    ]
    assert added["Content"].startswith("Follow-up: @angry_ann on x, post m2\n")
    # A text/plain comment: the mention's markup is shown as typed, never rendered.
    assert "Mention: Still nothing <b>&</b> no answer" in added["Content"]


async def test_a_retried_follow_up_with_a_long_subject_is_one_comment(
    rt_server: RTServer,
) -> None:
    """RT folds a subject past ~76 characters as a mail header ("…publicação\n 1846…"):
    a retry compared it as written and added the comment again (pt-BR, a 19-digit X id)."""
    pt = RequestTrackerResponder(
        "rt",
        base_url=rt_server.base,
        token=rt_server.token,
        wording=wording_for("pt-BR", "America/Sao_Paulo"),
    )
    comment = _on_case(follow_up("rt"), "MD-000077")
    long_id = "1846012345678901234"
    author = Author(id="44196397", handle="consumidora_sp", name="Ana")
    mention = replace(comment.context.mention, external_id=long_id, author=author)
    comment = replace(comment, context=replace(comment.context, mention=mention))
    ticket = _on_case(action(kind="ticket", target="rt"), "MD-000077")
    opener = replace(ticket.context.mention, author=author)  # the case's author: the same
    ticket = replace(ticket, context=replace(ticket.context, mention=opener))
    try:
        opened = await pt.deliver(ticket)
        await pt.deliver(comment)
        await pt.deliver(comment)  # a retry after a lost answer
    finally:
        await pt.close()
    path = f"ticket/{opened.ref}/attachments?fields=Subject&per_page=100"
    subjects = [str(a["Subject"]) for a in rt_call(rt_server, "GET", path)["items"]]
    assert any("\n" in s and long_id in s for s in subjects)  # folded, as RT keeps it
    path = f"ticket/{opened.ref}/history?fields=Type&per_page=100"
    kinds = [t["Type"] for t in rt_call(rt_server, "GET", path)["items"]]
    assert kinds.count("Comment") == 1


async def test_a_more_urgent_follow_up_raises_the_ticket_priority(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000071"))
    angry = _on_case(follow_up("rt", "GOING TO PROCON", "m3", frustration=3), "MD-000071")
    calm = _on_case(follow_up("rt", "ok, waiting", "m4", frustration=0), "MD-000071")

    def priority() -> int:
        return int(rt_call(rt_server, "GET", f"ticket/{opened.ref}")["Priority"])

    assert priority() == 50  # frustration 2
    await rt.deliver(angry)
    assert priority() == 75
    await rt.deliver(calm)  # never lowered
    assert priority() == 75


@pytest.mark.parametrize(
    ("status", "number"),
    [("resolved", "MD-000072"), ("rejected", "MD-000073"), ("stalled", "MD-000075")],
)
async def test_a_follow_up_reopens_an_inactive_or_stalled_ticket_with_its_comment(
    rt: RequestTrackerResponder,
    rt_server: RTServer,
    caplog: pytest.LogCaptureFixture,
    status: str,
    number: str,
) -> None:
    """RT takes a comment on a resolved or stalled ticket and leaves its status (its default
    scrip opens inactive tickets on correspondence only): the follow-up would sit where no
    active view shows it, or the ticket would go on waiting on the author, who has written."""
    opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), number))
    rt_call(rt_server, "PUT", f"ticket/{opened.ref}", {"Status": status})
    comment = _on_case(follow_up("rt"), number)
    with caplog.at_level(logging.INFO, logger="responders.request_tracker"):
        assert (await rt.deliver(comment)).ref == opened.ref
        await rt.deliver(comment)  # a retry finds its comment and an open ticket: nothing more
    assert rt_call(rt_server, "GET", f"ticket/{opened.ref}")["Status"] == "open"
    assert _history(rt_server, opened.ref).count("Comment") == 1
    assert _status_changes(rt_server, opened.ref) == [("new", status), (status, "open")]
    # What happened, and nothing the author wrote.
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert logged[-1] == f"rt ticket {opened.ref} was {status}; set open"
    assert not any("Still nothing" in line for line in logged)


async def test_a_follow_up_leaves_a_new_ticket_as_it_was(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    new = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000074"))
    await rt.deliver(_on_case(follow_up("rt"), "MD-000074"))
    assert rt_call(rt_server, "GET", f"ticket/{new.ref}")["Status"] == "new"
    assert _status_changes(rt_server, new.ref) == []


def _history(rt_server: RTServer, ticket: str) -> list[str]:
    path = f"ticket/{ticket}/history?fields=Type&per_page=100"
    return [t["Type"] for t in rt_call(rt_server, "GET", path)["items"]]


def _status_changes(rt_server: RTServer, ticket: str) -> list[tuple[str, str]]:
    path = f"ticket/{ticket}/history?fields=Type,Field,OldValue,NewValue&per_page=100"
    items = rt_call(rt_server, "GET", path)["items"]
    return [(t["OldValue"], t["NewValue"]) for t in items if t["Type"] == "Status"]


def _on_case(a: OutboxAction, number: str) -> OutboxAction:
    return replace(a, context=replace(a.context, case_number=number))


async def test_bad_token_is_fatal(rt_server: RTServer) -> None:
    bad = RequestTrackerResponder("rt", base_url=rt_server.base, token="1-1-wrong")
    try:
        with pytest.raises(FatalError, match="401"):
            await bad.deliver(action(kind="ticket", target="rt"))
    finally:
        await bad.close()


async def test_resolving_in_rt_resolves_the_case(
    rt: RequestTrackerResponder, rt_server: RTServer, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seeded = seed(store, "rt-sync", plan=OutboxPlan("ticket", "rt", "urgent"))
    worker = OutboxWorker(store, {"rt": rt}, OutboxSection())
    assert await worker.drain() == 1
    ref = _case(store, seeded.case_id)["ticket_ref"]
    assert await sync_solved(store, {"rt": rt}) == 0  # still open in RT
    rt_call(rt_server, "PUT", f"ticket/{ref}", {"Status": "resolved"})
    assert await sync_solved(store, {"rt": rt}) == 1
    assert _case(store, seeded.case_id)["status"] == "resolved"
    store.dispose()


def _case(store: Store, case_id: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(CASE).where(CASE.c.id == case_id)).one()._mapping)
