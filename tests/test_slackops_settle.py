"""slackops: the settle pass also settles a case escalated or assigned away from the desk (the
pipeline files a follow-up's ticket), does not skip a later decision on a case the desk
touched, and retries a card whose update failed (Slack 5xx, rate limit)."""

from __future__ import annotations

from mentiondesk import casework, queue
from mentiondesk.slack_actions import SLACK_ACTIONS
from tests.fakes._base import FakeAPI
from tests.test_slack_review6_settle import DRAFT_BUTTONS, Card, card

__all__ = ["card"]  # the fixture, used by name


async def test_a_case_escalated_elsewhere_stops_offering_escalate(c: Card) -> None:
    assert "escalate" in c.buttons()
    # As the pipeline does for a follow-up asking for a ticket: the desk is not told.
    casework.escalate_case(c.store, c.seeded.case_id, by="pipeline", target="cases")
    await c.settle.once()
    assert "escalate" not in c.buttons()


async def test_a_case_assigned_elsewhere_stops_offering_assign(c: Card) -> None:
    casework.assign_case(c.store, c.seeded.case_id, assignee="bia", by="bia")
    await c.settle.once()
    assert "assign" not in c.buttons()


async def test_a_case_the_desk_assigned_is_still_settled_when_it_ends_later(c: Card) -> None:
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")  # on the desk, as are both
    c.settle.told("draft", c.seeded.draft_id)
    casework.assign_case(c.store, c.seeded.case_id, assignee="bia", by="bia")
    c.settle.told("case", c.seeded.case_id)
    await c.settle.once()
    queue.close_case(c.store, c.seeded.case_id, by="helpdesk:tickets", status="resolved")
    await c.settle.once()
    assert c.buttons() <= {"open_desk"}
    assert "Case resolved at" in c.lines()


async def test_a_card_update_slack_failed_is_made_by_the_next_pass(
    c: Card, fake_api: FakeAPI
) -> None:
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")
    fake_api.queue("POST", "/api/chat.update", 503, {"ok": False, "error": "fatal_error"})
    await c.settle.once()
    assert DRAFT_BUTTONS & c.buttons()  # not settled: Slack failed
    await c.settle.once()
    assert not DRAFT_BUTTONS & c.buttons()
    assert "Rejected by ann at" in c.lines()


async def test_a_card_slack_rate_limited_long_is_made_by_the_next_pass(
    c: Card, fake_api: FakeAPI
) -> None:
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")
    limited = {"ok": False, "error": "ratelimited"}
    fake_api.queue("POST", "/api/chat.update", 429, limited, headers={"Retry-After": "120"})
    await c.settle.once()
    await c.settle.once()
    assert not DRAFT_BUTTONS & c.buttons()


async def test_a_card_that_could_not_be_read_back_is_settled_by_the_next_pass(
    c: Card, fake_api: FakeAPI
) -> None:
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")
    fake_api.queue("GET", "/api/conversations.history", 502, {"ok": False})
    await c.settle.once()
    await c.settle.once()
    assert not DRAFT_BUTTONS & c.buttons()


async def test_a_card_says_who_took_the_case_elsewhere(c: Card) -> None:
    casework.assign_case(c.store, c.seeded.case_id, assignee="slack:U0BIA (bia)", by="bia")
    await c.settle.once()
    assert "Assigned to <@U0BIA>" in c.lines()


async def test_a_card_says_where_the_case_was_escalated_elsewhere(c: Card) -> None:
    casework.escalate_case(c.store, c.seeded.case_id, by="pipeline", target="cases")
    await c.settle.once()
    assert "Escalated to cases" in c.lines()


async def test_a_desk_settlement_slack_failed_is_made_by_the_next_pass(
    c: Card, fake_api: FakeAPI
) -> None:
    actions = c.app[SLACK_ACTIONS]
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")
    fake_api.queue("POST", "/api/chat.update", 503, {"ok": False, "error": "fatal_error"})
    actions.draft_decided(c.seeded.draft_id)  # as the desk's Reject does: Slack fails
    await actions.drain()
    assert DRAFT_BUTTONS & c.buttons()
    await c.settle.once()
    assert "Rejected by ann at" in c.lines()
