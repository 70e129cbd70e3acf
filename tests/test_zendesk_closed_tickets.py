"""A follow-up on a case whose Zendesk ticket is closed: Zendesk refuses to update a closed
ticket (422), so it becomes a follow-up ticket linked to it, and the case's ticket from then on.
The real Zendesk responder, over HTTP against the fake, through the pipeline and the store."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.models import TransientError
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.helpers import config_for, mention
from tests.responders._data import action, follow_up
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import Recorder

TICKETS = "/api/v2/tickets.json"


def _desk(api: FakeAPI) -> ZendeskResponder:
    return ZendeskResponder("cases", base_url=api.base_url, email=zd.EMAIL, token=zd.TOKEN)


async def test_a_follow_up_to_a_closed_ticket_opens_a_linked_one_once(fake_api: FakeAPI) -> None:
    fake = zd.ZendeskFake(fake_api)
    desk = _desk(fake_api)
    try:
        first = await desk.deliver(action(kind="ticket", target="cases"))
        fake.tickets[1]["status"] = "closed"
        comment = follow_up("cases")
        receipt = await desk.deliver(comment)
        again = await desk.deliver(comment)  # a retry after a lost answer finds it
        later = await desk.deliver(follow_up("cases", "any news?", "m3"))
    finally:
        await desk.close()
    assert (first.ref, first.case_ticket) == ("1", False)
    assert (receipt.ref, receipt.case_ticket) == ("2", True) and again == receipt
    assert (later.ref, later.case_ticket) == ("2", True)  # on the follow-up ticket, still open
    assert fake.tickets[2]["via"]["source"]["rel"] == "follow_up"
    assert fake.tickets[1]["followup_ids"] == [2] and len(fake.comments[1]) == 1
    assert [len(fake.comments[2]), len(fake_api.calls(TICKETS, "POST"))] == [2, 2]
    assert fake.comments[2][0]["html_body"].startswith("<p><b>Follow-up:</b> @angry_ann on x")


async def test_a_follow_up_reopens_a_solved_ticket_in_the_same_update(fake_api: FakeAPI) -> None:
    """Zendesk keeps a solved ticket solved when a private comment is added: out of the
    agents' open views. The comment and the reopening go in one update, so a retry that
    finds the comment has nothing left to do."""
    fake = zd.ZendeskFake(fake_api)
    desk = _desk(fake_api)
    try:
        await desk.deliver(action(kind="ticket", target="cases"))
        fake.tickets[1]["status"] = "solved"
        comment = follow_up("cases")
        await desk.deliver(comment)
        fake.tickets[1]["status"] = "solved"  # an agent solves it again: the retry leaves it
        await desk.deliver(comment)
        fake.tickets[1]["status"] = "hold"  # waiting on a third party: left as it is
        await desk.deliver(follow_up("cases", "any news?", "m3"))
    finally:
        await desk.close()
    assert fake.tickets[1]["status"] == "hold" and len(fake.comments[1]) == 3
    updates = fake_api.calls("/api/v2/tickets/1.json", "PUT")
    assert [u.json()["ticket"].get("status") for u in updates] == ["open", None]


async def test_a_follow_up_sets_a_pending_ticket_open_in_the_same_update(
    fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """Pending waits on the author, who has now written: Zendesk sets a pending ticket open
    when the requester replies, not on a private comment, so the comment's update does."""
    fake = zd.ZendeskFake(fake_api)
    desk = _desk(fake_api)
    try:
        await desk.deliver(action(kind="ticket", target="cases"))
        fake.tickets[1]["status"] = "pending"  # an agent asked the author something
        comment = follow_up("cases")
        with caplog.at_level(logging.INFO, logger="responders.zendesk"):
            await desk.deliver(comment)
            await desk.deliver(comment)  # a retry finds its comment: nothing more
    finally:
        await desk.close()
    assert fake.tickets[1]["status"] == "open" and len(fake.comments[1]) == 2
    updates = fake_api.calls("/api/v2/tickets/1.json", "PUT")
    assert [u.json()["ticket"].get("status") for u in updates] == ["open"]
    # What happened, and nothing the author wrote.
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.zendesk"]
    assert logged == ["zendesk ticket 1 was pending; set open"]


async def _run(tmp_path: Path, db_url: str, api: FakeAPI, mentions: list) -> None:
    desk = _desk(api)
    app = App(
        config_for(tmp_path, db_url, mentions),
        responders={"console": Recorder("console"), "cases": desk},
    )
    async with app:
        await app.run_once()


def _ticket_ref(db_url: str) -> str | None:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            return conn.scalar(sa.select(CASE.c.ticket_ref).where(CASE.c.id == 1))
    finally:
        store.engine.dispose()


async def test_the_follow_up_ticket_becomes_the_cases_ticket(
    tmp_path: Path, db_url: str, fake_api: FakeAPI
) -> None:
    fake = zd.ZendeskFake(fake_api)
    first = [mention(1, ANGRY)]  # frustration 3: the rules escalate it
    await _run(tmp_path, db_url, fake_api, first)
    assert _ticket_ref(db_url) == "1"
    fake.tickets[1]["status"] = "closed"  # solved, then closed by Zendesk's automation
    await _run(tmp_path, db_url, fake_api, [*first, mention(2, ANGRY)])
    assert sorted(fake.tickets) == [1, 2] and fake.tickets[1]["followup_ids"] == [2]
    assert fake.tickets[2]["external_id"] == "MD-000001"
    assert len(fake.comments[1]) == 1  # the closed ticket is left as it was
    assert _ticket_ref(db_url) == "2"


async def test_the_help_desk_sync_follows_the_follow_up_ticket(
    tmp_path: Path, db_url: str, fake_api: FakeAPI
) -> None:
    """The case's ticket is the follow-up ticket once there is one: the closed ticket it
    follows no longer resolves the case at the sync, the follow-up ticket solved does."""
    fake = zd.ZendeskFake(fake_api)
    first = [mention(1, ANGRY)]
    await _run(tmp_path, db_url, fake_api, first)
    fake.tickets[1]["status"] = "closed"
    await _run(tmp_path, db_url, fake_api, [*first, mention(2, ANGRY)])
    assert _ticket_ref(db_url) == "2"
    store, desk = Store(db_url), _desk(fake_api)
    try:
        assert await sync_solved(store, {"cases": desk}) == 0  # ticket 2 is open
        fake.tickets[2]["status"] = "solved"
        assert await sync_solved(store, {"cases": desk}) == 1
        with store.engine.connect() as conn:
            assert conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == 1)) == "resolved"
    finally:
        await desk.close()
        store.dispose()


async def test_a_follow_up_to_an_archived_ticket_opens_a_linked_one(
    tmp_path: Path, db_url: str, fake_api: FakeAPI
) -> None:
    """Zendesk archives a ticket ~120 days after it closed: the search by case number no
    longer lists it, and the follow-up found it by the case's recorded ticket, through the
    outbox, instead of waiting for "no ticket yet" forever."""
    fake = zd.ZendeskFake(fake_api)
    first = [mention(1, ANGRY)]
    await _run(tmp_path, db_url, fake_api, first)
    assert _ticket_ref(db_url) == "1"
    fake.archive(1)
    await _run(tmp_path, db_url, fake_api, [*first, mention(2, ANGRY)])
    assert sorted(fake.tickets) == [1, 2] and fake.tickets[1]["followup_ids"] == [2]
    assert fake.tickets[2]["external_id"] == "MD-000001" and len(fake.comments[1]) == 1
    assert _ticket_ref(db_url) == "2"
    await _run(tmp_path, db_url, fake_api, [*first, mention(2, ANGRY), mention(3, ANGRY)])
    assert sorted(fake.tickets) == [1, 2] and len(fake.comments[2]) == 2  # on the open one


async def test_a_follow_up_to_a_deleted_ticket_is_filed_anew_once(fake_api: FakeAPI) -> None:
    """Deleted in Zendesk (404 by id) while the case is open here: the author's new words
    are a ticket of their own under the case number, the case's from then on, once."""
    fake = zd.ZendeskFake(fake_api)
    desk = _desk(fake_api)
    try:
        await desk.deliver(action(kind="ticket", target="cases"))
        fake.delete(1)
        comment = follow_up("cases")
        comment = replace(comment, context=replace(comment.context, ticket_ref="1"))
        receipt = await desk.deliver(comment)
        again = await desk.deliver(replace(comment, attempt=2))  # its answer was lost
    finally:
        await desk.close()
    assert (receipt.ref, receipt.case_ticket) == ("2", True) and again == receipt
    assert sorted(fake.tickets) == [2] and fake.tickets[2]["external_id"] == "MD-000007"
    assert len(fake.comments[2]) == 1 and "via" not in fake.tickets[2]
    assert fake.comments[2][0]["html_body"].startswith("<p><b>Follow-up:</b> @angry_ann on x")


async def test_another_cases_ticket_is_not_taken_for_an_archived_one(fake_api: FakeAPI) -> None:
    """A recorded ref that is not this case's ticket here (another sink's): it waits."""
    fake = zd.ZendeskFake(fake_api)
    desk = _desk(fake_api)
    try:
        await desk.deliver(action(kind="ticket", target="cases"))
        fake.tickets[1]["external_id"] = "MD-000999"
        comment = follow_up("cases")
        comment = replace(comment, context=replace(comment.context, ticket_ref="1"))
        with pytest.raises(TransientError, match="no ticket for"):
            await desk.deliver(comment)
    finally:
        await desk.close()
    assert sorted(fake.tickets) == [1]
