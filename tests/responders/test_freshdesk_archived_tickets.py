"""Freshdesk archives a ticket Closed and left alone for 120 days: read-only, out of search,
shown only at tickets/archived/{id}. A follow-up to it, or to a ticket deleted (in the trash or
for good), is filed as a new ticket under the case number, linking the one before; one marked
as spam is held for a person. The help-desk sync counts an archived ticket as solved and steps
over one deleted for good. The real responder, over HTTP against the fake, and through the
pipeline, the store and the sync."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.models import ENGLISH, FatalError, OutboxAction, TransientError, Wording
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.helpers import config_for, mention
from tests.responders._data import action, follow_up
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import Recorder

TICKET = action(kind="ticket", target="cases")
CREATE = "/api/v2/tickets"


def _desk(api: FakeAPI, wording: Wording = ENGLISH) -> FreshdeskResponder:
    return FreshdeskResponder("cases", base_url=api.base_url, api_key=fd.API_KEY, wording=wording)


@pytest.fixture
async def desk(fake_api: FakeAPI) -> AsyncIterator[FreshdeskResponder]:
    responder = _desk(fake_api)
    yield responder
    await responder.close()


def _on(ref: str, comment: OutboxAction, attempt: int = 1) -> OutboxAction:
    """`comment` as the outbox hands it over: the case's recorded ticket, the try."""
    return replace(comment, context=replace(comment.context, ticket_ref=ref), attempt=attempt)


async def test_a_follow_up_to_an_archived_ticket_is_filed_anew_once(
    fake_api: FakeAPI, desk: FreshdeskResponder, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    await desk.deliver(TICKET)
    fake.archive(1)
    comment = _on("1", follow_up("cases"))
    with caplog.at_level(logging.INFO, logger="responders.freshdesk"):
        receipt = await desk.deliver(comment)
    assert (receipt.ref, receipt.case_ticket) == ("2", True)
    new = fake.tickets[2]
    assert "MD-000007" in new["tags"] and new["status"] == 2 and new["priority"] == 3
    link = f'<a href="{fake_api.base_url}/helpdesk/tickets/1">1 (archived)</a>'
    assert new["description"].startswith(f"<p><b>Earlier ticket:</b> {link}</p>")
    assert "<p><b>Follow-up:</b> @angry_ann on x, post m2</p>" in new["description"]
    assert "&lt;b&gt;" in new["description"]  # the author's words escaped, as in any ticket
    assert fake.archived[1]["status"] == 5 and not fake.conversations  # read-only, untouched
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]
    assert logged == ["freshdesk ticket 1 is archived; follow-up filed as 2"]
    # The answer was lost and search has not indexed ticket 2 yet: the retry lists the
    # recent tickets, finds the one this follow-up filed, and adds nothing to it.
    fake.unindexed.add(2)
    again = await desk.deliver(_on("1", follow_up("cases"), attempt=2))
    assert again == receipt and len(fake_api.calls(CREATE, "POST")) == 2
    assert not fake.conversations
    fake.unindexed.clear()
    later = await desk.deliver(_on("2", follow_up("cases", "any news?", "m3")))
    assert (later.ref, later.case_ticket) == ("2", False)
    assert [len(fake.conversations[2]), len(fake_api.calls(CREATE, "POST"))] == [1, 2]


async def test_the_earlier_ticket_line_in_portuguese(fake_api: FakeAPI) -> None:
    fake = fd.FreshdeskFake(fake_api)
    desk = _desk(fake_api, wording=wording_for("pt-BR", "America/Sao_Paulo"))
    try:
        await desk.deliver(TICKET)
        fake.archive(1)
        await desk.deliver(_on("1", follow_up("cases")))
    finally:
        await desk.close()
    description = fake.tickets[2]["description"]
    assert description.startswith("<p><b>Chamado anterior:</b> <a href=")
    assert "1 (arquivado)</a></p><p><b>Nova menção:</b> @angry_ann no X" in description


@pytest.mark.parametrize("how", ["for good", "to the trash"])
async def test_a_follow_up_to_a_deleted_ticket_is_filed_anew(
    fake_api: FakeAPI, desk: FreshdeskResponder, how: str
) -> None:
    """The case is open here, so the author's new words reach the agents; the ticket line
    says what became of the one before."""
    fake = fd.FreshdeskFake(fake_api)
    await desk.deliver(TICKET)
    if how == "for good":
        fake.delete(1)
    else:
        fake.tickets[1]["deleted"] = True  # takes no note (405): not added to
    receipt = await desk.deliver(_on("1", follow_up("cases")))
    assert (receipt.ref, receipt.case_ticket) == ("2", True) and not fake.conversations
    link = f'<a href="{fake_api.base_url}/helpdesk/tickets/1">1 (deleted)</a>'
    assert fake.tickets[2]["description"].startswith(f"<p><b>Earlier ticket:</b> {link}</p>")


async def test_a_follow_up_to_a_ticket_marked_as_spam_is_held(
    fake_api: FakeAPI, desk: FreshdeskResponder
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    await desk.deliver(TICKET)
    fake.tickets[1]["spam"] = True
    with pytest.raises(FatalError, match="freshdesk ticket 1 of MD-000007 was marked as spam"):
        await desk.deliver(_on("1", follow_up("cases")))
    assert sorted(fake.tickets) == [1] and not fake.conversations


async def test_another_cases_archived_ticket_is_not_taken(
    fake_api: FakeAPI, desk: FreshdeskResponder
) -> None:
    """A recorded ref that is not this case's ticket here (another sink's): it waits."""
    fake = fd.FreshdeskFake(fake_api)
    await desk.deliver(TICKET)
    fake.archive(1)
    fake.archived[1]["tags"] = ["MD-000999"]
    with pytest.raises(TransientError, match="no ticket for MD-000007 yet"):
        await desk.deliver(_on("1", follow_up("cases")))
    assert sorted(fake.tickets) == []


async def test_on_a_plan_without_archiving_a_follow_up_waits_for_its_ticket(
    fake_api: FakeAPI, desk: FreshdeskResponder
) -> None:
    """Search lags behind a new ticket; the archive's 403 `require_feature` on such a plan is
    no reason to hold the follow-up for a person: it waits for search, as before."""
    fake = fd.FreshdeskFake(fake_api, archiving=False)
    await desk.deliver(TICKET)
    fake.unindexed.add(1)
    with pytest.raises(TransientError, match="no ticket for MD-000007 yet"):
        await desk.deliver(_on("1", follow_up("cases")))
    assert len(fake_api.calls("/api/v2/tickets/archived/1")) == 1 and len(fake.tickets) == 1
    fake.unindexed.clear()
    assert (await desk.deliver(_on("1", follow_up("cases")))).ref == "1"
    assert len(fake.conversations[1]) == 1


async def test_the_sync_counts_an_archived_ticket_solved_and_steps_over_a_deleted_one(
    fake_api: FakeAPI, desk: FreshdeskResponder, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    for n in (1, 2, 3):
        await desk.deliver(replace(TICKET, context=replace(TICKET.context, case_number=f"MD-{n}")))
    fake.archive(1)
    fake.delete(2)  # 404 everywhere
    fake.tickets[3]["status"] = 4
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        assert await desk.solved(["1", "2", "3"]) == {"1", "3"}
        assert await desk.solved(["2"]) == set()  # the next sync: said once, not every time
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]
    assert logged == ["freshdesk ticket 2 was not found (deleted?); case left open"]


async def _run(tmp_path: Path, db_url: str, api: FakeAPI, mentions: list) -> None:
    app = App(
        config_for(tmp_path, db_url, mentions),
        responders={"console": Recorder("console"), "cases": _desk(api)},
    )
    async with app:
        await app.run_once()


async def test_through_the_store_the_new_ticket_is_the_cases_and_is_synced(
    tmp_path: Path, db_url: str, fake_api: FakeAPI
) -> None:
    """The outbox hands the follow-up the case's recorded ticket; the new ticket becomes the
    case's, and the sync follows it, not the archived one (which counts as solved)."""
    fake = fd.FreshdeskFake(fake_api)
    first = [mention(1, ANGRY)]  # frustration 3: the rules escalate it
    await _run(tmp_path, db_url, fake_api, first)
    fake.tickets[1]["status"] = 5
    fake.archive(1)  # the case is open here: nobody ran the sync for 120 days
    await _run(tmp_path, db_url, fake_api, [*first, mention(2, ANGRY)])
    store, desk = Store(db_url), _desk(fake_api)
    try:
        with store.engine.connect() as conn:
            case = conn.execute(sa.select(CASE).where(CASE.c.id == 1)).one()
        assert (case.ticket_ref, case.status) == ("2", "open")
        assert case.ticket_url == f"{fake_api.base_url}/a/tickets/2"
        assert await sync_solved(store, {"cases": desk}) == 0  # ticket 2 is open
        fake.tickets[2]["status"] = 4
        assert await sync_solved(store, {"cases": desk}) == 1
    finally:
        await desk.close()
        store.dispose()
