"""A follow-up on a case whose Freshdesk ticket is Pending, Resolved or Closed: Freshdesk takes
the note and leaves the status, waiting on the author who has written again or out of the
agents' open views, so the responder sets it back to Open. The real responder, over HTTP
against the fake."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from mentiondesk.models import TransientError
from responders.freshdesk import FreshdeskResponder, FreshdeskResponderConfig
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import freshdesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action, follow_up

TICKET = action(kind="ticket", target="fd")
SHOW = "/api/v2/tickets/1"


def _notes(fake: fd.FreshdeskFake) -> list[str]:
    return [c["body_text"] for c in fake.conversations.get(1, [])]


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]


@pytest.mark.parametrize(("status", "name"), [(4, "resolved"), (5, "closed")])
async def test_a_follow_up_reopens_a_solved_ticket_with_its_note(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
    caplog: pytest.LogCaptureFixture,
    status: int,
    name: str,
) -> None:
    responder, fake = freshdesk
    first = await responder.deliver(TICKET)
    fake.tickets[1]["status"] = status  # an agent solved it
    assert await responder.solved(["1"]) == {"1"}
    comment = follow_up("fd")
    with caplog.at_level(logging.INFO, logger="responders.freshdesk"):
        receipt = await responder.deliver(comment)
        await responder.deliver(comment)  # a retry after a lost answer: nothing more
    assert receipt.ref == first.ref and not receipt.case_ticket
    assert fake.tickets[1]["status"] == 2  # Open: in the agents' views again
    (note,) = _notes(fake)
    assert "@angry_ann on x, post m2" in note
    assert fake.conversations[1][0]["private"] is True
    assert [c.json() for c in fake.api.calls(SHOW, "PUT")] == [{"status": 2}]
    assert await responder.solved(["1"]) == set()  # the help-desk sync keeps the case open
    assert _logged(caplog) == [f"freshdesk ticket 1 was {name}; set open"]


async def test_a_retry_after_the_note_still_reopens_the_ticket(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    fake.tickets[1]["status"] = 5
    fake.api.queue("PUT", SHOW, 500, {"code": "internal_error"})  # the reopen fails once
    comment = follow_up("fd")
    with pytest.raises(TransientError, match="freshdesk answered 500"):
        await responder.deliver(comment)
    assert fake.tickets[1]["status"] == 5 and len(_notes(fake)) == 1
    await responder.deliver(comment)
    assert fake.tickets[1]["status"] == 2 and len(_notes(fake)) == 1


async def test_a_follow_up_sets_a_pending_ticket_back_to_open(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake], caplog: pytest.LogCaptureFixture
) -> None:
    """Pending waits on the author, who has now written: the ticket goes back to the agents'
    open work, as Freshdesk itself does when a requester replies (not on an agent's note)."""
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    fake.tickets[1]["status"] = 3  # an agent asked the author something
    comment = follow_up("fd")
    with caplog.at_level(logging.INFO, logger="responders.freshdesk"):
        await responder.deliver(comment)
        await responder.deliver(comment)  # a retry after a lost answer: nothing more
    assert fake.tickets[1]["status"] == 2 and len(_notes(fake)) == 1
    assert [c.json() for c in fake.api.calls(SHOW, "PUT")] == [{"status": 2}]
    assert await responder.solved(["1"]) == set()  # pending is not solved, nor is open
    # What happened, and nothing the author wrote.
    assert _logged(caplog) == ["freshdesk ticket 1 was pending; set open"]


async def test_status_and_priority_are_read_afresh_not_from_the_lagging_search(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    """Search indexes an agent's change minutes late: its copy says Open at high priority
    while the ticket is Closed and urgent; the follow-up reopens it and lowers nothing."""
    responder, fake = freshdesk
    await responder.deliver(TICKET)
    stale = dict(fake.tickets[1])
    fake.tickets[1].update(status=5, priority=4)
    fake.api.queue("GET", "/api/v2/search/tickets", json={"results": [stale], "total": 1})
    await responder.deliver(follow_up("fd"))  # frustration 2: high, below urgent
    assert (fake.tickets[1]["status"], fake.tickets[1]["priority"]) == (2, 4)
    assert [c.json() for c in fake.api.calls(SHOW, "PUT")] == [{"status": 2}]


async def test_a_custom_status_listed_as_waiting_on_the_author_is_set_open(
    fake_api: FakeAPI, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An account's own "Waiting on Customer" (6) is set Open as Pending is; another custom
    status (7, say "Waiting on Third Party") is the account's to keep."""
    fake = fd.FreshdeskFake(fake_api)
    monkeypatch.setenv("FRESHDESK_API_KEY", fd.API_KEY)
    config = FreshdeskResponderConfig(base_url=fake_api.base_url, reopen_statuses=[6])
    responder = FreshdeskResponder(
        "fd", base_url=fake_api.base_url, api_key=fd.API_KEY, reopen_statuses=config.reopen_statuses
    )
    await responder.deliver(TICKET)
    fake.tickets[1]["status"] = 7
    await responder.deliver(follow_up("fd", external_id="m2"))
    assert fake.tickets[1]["status"] == 7 and not fake.api.calls(SHOW, "PUT")
    fake.tickets[1]["status"] = 6
    with caplog.at_level(logging.INFO, logger="responders.freshdesk"):
        await responder.deliver(follow_up("fd", external_id="m3"))
    await responder.close()
    assert fake.tickets[1]["status"] == 2 and len(_notes(fake)) == 2
    assert _logged(caplog) == ["freshdesk ticket 1 was custom status 6; set open"]


def test_reopen_statuses_takes_custom_statuses_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRESHDESK_API_KEY", "test")
    with pytest.raises(ValidationError, match=r"reopen_statuses\n.*3 is not a custom status"):
        FreshdeskResponderConfig(base_url="https://acme.freshdesk.com", reopen_statuses=[6, 3])
