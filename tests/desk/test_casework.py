"""Working cases over HTTP: correct, note, assign, escalate, close, follow-ups, 404s; hostile
text escaped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DRAFT,
    MENTION,
    NOTE,
    OUTBOX,
    case_number,
)
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _scalar(store: Store, query: sa.Select[tuple[object]]) -> object:
    with store.engine.connect() as conn:
        return conn.scalar(query)


def _rows(store: Store, query: sa.Select[tuple[object, object]]) -> list[tuple[object, object]]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


async def test_correction_is_stored_for_retraining(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Oh great, another delay", label="positive")
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/correct", label="negative")
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(CORRECTION)).one()
    assert (row.mention_id, row.label, row.previous_label) == (mention, "negative", "positive")
    assert row.corrected_by == "agent"
    page = await (await desk.client.get(f"/mentions/{mention}")).text()
    assert "corrected by agent" in page


async def test_note_assign_escalate_close_are_audited(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Third time asking")
    desk = await as_role("manager")
    await desk.post(f"/mentions/{mention}/notes", text="Called the courier")
    await desk.post(f"/cases/{case}/assign", assignee="agent")
    await desk.post(f"/cases/{case}/escalate")
    again = await desk.post(f"/cases/{case}/escalate")  # twice: one ticket, one audit line
    assert again.headers["Location"] == f"/cases/{case}"
    told = notice_of(await desk.landed(again), "already-escalated")
    assert "This case was already escalated: nothing new was sent to the help desk." in told
    pt = {"Accept-Language": "pt-BR"}
    pt_told = await desk.told(store, again.headers["Location"], pt, notice="already-escalated")
    assert "Este caso já tinha sido encaminhado" in pt_told
    page = await (await desk.client.get(f"/cases/{case}")).text()
    ticket = '<dd class="ticket" id="case-ticket">'
    assert f"{ticket}in the local case list (MD-{case:06d})</dd>" in page
    assert "local:" not in page  # it has one
    assert "Escalate to help desk" not in page
    pt = await (await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt"})).text()
    assert f"{ticket}na lista de casos local (MD-{case:06d})</dd>" in pt
    european = {"Accept-Language": "pt-PT"}
    pt_pt = await (await desk.client.get(f"/cases/{case}", headers=european)).text()
    assert f"{ticket}na lista de casos local (MD-{case:06d})</dd>" in pt_pt
    resolved = await desk.post(f"/cases/{case}/close", resolution="resolved")
    resolved_page = await desk.landed(resolved)
    assert _scalar(store, sa.select(NOTE.c.text)) == "Called the courier"
    with store.engine.connect() as conn:
        case_row = conn.execute(sa.select(CASE).where(CASE.c.id == case)).one()
        tickets = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.kind == "ticket")).all()
        actions = list(
            conn.scalars(
                sa.select(AUDIT.c.action).where(AUDIT.c.action != "user-add").order_by(AUDIT.c.id)
            )
        )
    assert (case_row.assignee, case_row.status) == ("agent", "resolved")
    assert len(tickets) == 1
    assert case_row.ticket_ref == f"local:MD-{case:06d}"  # delivered to the local help desk
    assert actions == ["note", "assign", "escalate", "resolved"]
    assert "Case resolved" in resolved_page


async def test_an_agent_takes_a_case_and_a_manager_unassigns_it(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Parcel lost")
    agent, manager = await as_role("agent"), await as_role("manager")
    page = await (await agent.client.get(f"/cases/{case}")).text()
    assert "Take this case" in page and "choose a person" not in page
    assert (await agent.post(f"/cases/{case}/assign", assignee="agent")).status == 303
    assert _scalar(store, sa.select(CASE.c.assignee).where(CASE.c.id == case)) == "agent"
    page = await (await manager.client.get(f"/cases/{case}")).text()
    assert "nobody (unassign)" in page
    nobody = await manager.post(f"/cases/{case}/assign", assignee="-")
    assert await manager.said(nobody) == "unassigned"
    assert _scalar(store, sa.select(CASE.c.assignee).where(CASE.c.id == case)) is None
    ghost = await manager.post(f"/cases/{case}/assign", assignee="ghost")
    assert await manager.said(ghost) == "bad-assignee"
    assert _scalar(store, sa.select(CASE.c.assignee).where(CASE.c.id == case)) is None
    page = await (await manager.client.get(f"/cases/{case}")).text()
    assert '<option value="" selected disabled>choose a person…</option>' in page


async def test_assigning_a_case_to_its_assignee_again_audits_nothing(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Parcel lost")
    agent = await as_role("agent")
    for _ in range(2):  # a double click, or a second tab: it is theirs, as it says
        page = await agent.landed(await agent.post(f"/cases/{case}/assign", assignee="agent"))
        assert "Case assigned to you." in page
    assert _scalar(store, sa.select(CASE.c.assignee).where(CASE.c.id == case)) == "agent"
    lines = sa.select(sa.func.count()).where(AUDIT.c.action == "assign")
    assert _scalar(store, lines) == 1


async def test_unknown_case_is_a_404_page(as_role: Login) -> None:
    desk = await as_role("agent")
    for path in ("/cases/999999", "/mentions/999999", "/cases/abc", "/nowhere"):
        response = await desk.client.get(path)
        assert response.status == 404
        assert "Back to the queue" in await response.text()
    assert (await desk.post("/drafts/999999/approve")).status == 404


async def test_hostile_text_is_escaped(as_role: Login, store: Store) -> None:
    evil = '<img src=x onerror=alert(1)><script>alert("x")</script>'
    mention, _, _ = add(store, evil, handle="<b>bold</b>", draft=evil)
    desk = await as_role("agent")
    for path in ("/queue", f"/mentions/{mention}"):
        page = await (await desk.client.get(path)).text()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "&lt;b&gt;bold&lt;/b&gt;" in page


async def test_a_follow_up_joins_the_case_and_brings_it_back(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my parcel?", handle="rui", ago=timedelta(minutes=30))
    with store.engine.connect() as conn:
        opened, posted = conn.execute(
            sa.select(CASE.c.opened_at, MENTION.c.created_at)
            .join(MENTION, MENTION.c.id == CASE.c.mention_id)
            .where(CASE.c.id == case)
        ).one()
    assert opened == posted  # Rui has waited since he posted, not since we read it
    desk = await as_role("agent")
    await desk.post(f"/drafts/{draft}/approve", back="/queue")
    assert "Where is my parcel?" not in await (await desk.client.get("/queue")).text()

    follow_up, joined, no_draft = add(
        store, "Still nothing?!", handle="rui", priority=20, draft=None
    )
    assert (joined, no_draft) == (case, None)
    # Answered, but the author wrote again since: the case needs a reply again.
    queue = await (await desk.client.get("/queue")).text()
    assert "Still nothing?!" in queue and "+1 follow-up" in queue  # the latest word, on top
    assert "latest of 2 mentions" in queue
    assert _scalar(store, sa.select(CASE.c.priority).where(CASE.c.id == case)) == 20
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Still nothing?!" in page and "2 mentions by the author" in page
    # Another customer's reply, approved since, does not count as answering Rui.
    _, _, other = add(store, "Broken screen", handle="bia")
    await desk.post(f"/drafts/{other}/approve", back="/queue")
    assert "Still nothing?!" in await (await desk.client.get("/queue")).text()
    # The follow-up's own page is the same case, with the reply already sent in it.
    page = await (await desk.client.get(f"/mentions/{follow_up}")).text()
    assert case_number(case) in page and "another mention in this case" in page


async def test_a_follow_ups_draft_replaces_the_cases_pending_private_message(
    as_role: Login, store: Store
) -> None:
    _, case, first = add(store, "Where is my parcel?", handle="lia")
    _, joined, second = add(store, "Hello?? Still nothing", handle="lia")
    assert joined == case
    statuses = dict(
        _rows(store, sa.select(DRAFT.c.id, DRAFT.c.status).where(DRAFT.c.case_id == case))
    )
    assert statuses == {first: "withdrawn", second: "pending"}
    desk = await as_role("agent")
    stale = await desk.post(f"/drafts/{first}/approve", back="/queue")
    assert await desk.said(stale) == "stale"
    page = await (await desk.client.get(f"/cases/{case}")).text()
    # Said as people say it (not "withdrawn by draft 7"), linked, below the one to act on.
    assert "Replaced by a newer draft" in page and f'href="#draft-{second}"' in page
    assert "by draft" not in page
    assert page.index(f'id="draft-{second}"') < page.index(f'id="draft-{first}"')
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get(f"/cases/{case}", headers=pt)).text()
    assert "Substituída por um rascunho mais recente" in page and "por draft" not in page
    await desk.post(f"/cases/{case}/close", resolution="closed")
    withdrawn = _scalar(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == second))
    assert withdrawn == "withdrawn"  # closing withdraws; nobody rejected it
    assert _scalar(store, sa.select(sa.func.count()).where(OUTBOX.c.kind == "post")) == 0


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Managers assign cases to others."),
        ("pt-BR", "Quem tem o papel de gestão atribui casos a outras pessoas."),
        ("pt-PT", "Quem tem o papel de gestão atribui casos a outras pessoas."),
    ],
)
async def test_an_agent_is_told_who_assigns_to_others(
    as_role: Login, store: Store, lang: str, words: str
) -> None:
    _, case, _ = add(store, "Parcel lost")
    agent, manager = await as_role("agent"), await as_role("manager")
    for desk in (agent, manager):
        desk.client.session.cookie_jar.update_cookies({"md_lang": lang})
    page = await (await agent.client.get(f"/cases/{case}")).text()
    assert f'<p class="muted small" id="assign-hint">{words}</p>' in page
    assert words not in await (await manager.client.get(f"/cases/{case}")).text()


async def test_a_note_on_a_follow_up_shows_on_its_case_page(as_role: Login, store: Store) -> None:
    """The case page links each follow-up to its own page: a note left there is the case's,
    where the queue sends colleagues, and its audit line is in the case's trail."""
    _, case, _ = add(store, "Where is my order?", handle="zed", ago=timedelta(minutes=30))
    follow_up, joined, _ = add(store, "any news??", handle="zed", draft=None)
    assert joined == case
    desk = await as_role("agent")
    back = f"/mentions/{follow_up}"
    await desk.post(f"{back}/notes", text="Customer called: refund promised", back=back)
    assert _scalar(store, sa.select(NOTE.c.case_id)) == case
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Customer called: refund promised" in page
    trail = page.split('class="audit"', 1)[1]
    assert "agent added a note" in trail
    assert "Customer called" in await (await desk.client.get(back)).text()


async def test_a_note_an_earlier_release_left_on_a_follow_up_shows_too(
    as_role: Login, store: Store
) -> None:
    """Notes written before they named their case (case_id NULL) are found by the post."""
    _, case, _ = add(store, "Where is my order?", handle="zed", ago=timedelta(minutes=30))
    follow_up, _, _ = add(store, "any news??", handle="zed", draft=None)
    with store.engine.begin() as conn:
        note = {"mention_id": follow_up, "case_id": None, "author": "ana", "text": "Rang them"}
        conn.execute(sa.insert(NOTE).values(note))
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert "Rang them" in page


async def test_one_follower_is_singular_on_the_case_page(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my order?")
    with store.engine.begin() as conn:
        conn.execute(sa.update(AUTHOR).values(followers=1))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "· 1 follower ·" in " ".join(page.split())
    pt = {"Accept-Language": "pt-BR"}
    pt_page = await (await desk.client.get(f"/cases/{case}", headers=pt)).text()
    assert "· 1 seguidor ·" in " ".join(pt_page.split())
