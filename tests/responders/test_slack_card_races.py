"""A Slack card after clicks that race each other, or a decision made elsewhere: it is built
from the card as posted now and the store, never from the click's stale copy alone.

Real slack_sdk client against the fake Slack API; signed requests to add_slack_routes, as in
test_slack_actions."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.models import ENGLISH
from mentiondesk.slack_card import CardState, refreshed
from mentiondesk.tables import DRAFT
from tests.responders.test_slack_actions import Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported

BOB = {"id": "U77BOB", "username": "bob"}


def buttons(blocks: list[dict[str, Any]]) -> list[str]:
    actions = [b for b in blocks if b.get("block_id") == "md_actions"]
    return [e["action_id"] for b in actions for e in b["elements"]]


def lines(blocks: list[dict[str, Any]]) -> list[str]:
    """The card's context lines after its facts line: who did what, when."""
    found = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    return found[1:]


def card(d: Desk) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = d.slack.messages[d.ts]["blocks"]
    return blocks


def on(d: Desk, action_id: str, shown: dict[str, Any], user: dict[str, str] | None = None) -> Any:
    """A click made on the card as `shown` (not as it is now)."""
    pressed = click(d, action_id) | {"message": shown}
    return pressed | {"user": user} if user else pressed


def told(d: Desk) -> list[str]:
    return [c.json()["text"] for c in d.slack.api.calls("/api/chat.postEphemeral")]


async def test_two_clicks_on_the_card_as_first_shown_keep_both_outcomes(desk: Desk) -> None:
    shown = copy.deepcopy(desk.slack.messages[desk.ts])  # what both clients showed
    await send(desk, on(desk, "approve", shown))
    await send(desk, on(desk, "assign", shown, BOB))  # sent before Approve's update arrived
    assert draft_status(desk) == "approved"
    assert buttons(card(desk)) == ["escalate"]
    said = lines(card(desk))
    assert len(said) == 2
    assert said[0].startswith("Approved by <@U42ANN> at ")
    assert said[1].startswith("Assigned by <@U77BOB> at ")


async def test_clicks_worked_at_once_update_the_card_in_turn(desk: Desk) -> None:
    shown = copy.deepcopy(desk.slack.messages[desk.ts])
    work, slack = desk.actions.work, desk.actions.slacks[0]
    clicks = [on(desk, "approve", shown), on(desk, "assign", shown, BOB)]
    await asyncio.gather(*(work.run(slack, c) for c in clicks))
    assert buttons(card(desk)) == ["escalate"]
    said = sorted(line.split(" at ")[0] for line in lines(card(desk)))
    assert said == ["Approved by <@U42ANN>", "Assigned by <@U77BOB>"]
    assert len(work.cards) == 0  # no lock kept for an idle card


async def test_an_unreadable_card_still_loses_what_the_store_settled(desk: Desk) -> None:
    """Another worker approved, its update not landed, and this one cannot read the card
    back (no history scope): the click's copy is used, the store takes Approve off it."""
    shown = copy.deepcopy(desk.slack.messages[desk.ts])
    by, post_route = "slack:U42ANN (ann)", {"default": "console"}
    queue.approve_draft(desk.store, desk.seeded.draft_id, by=by, post_route=post_route)
    desk.slack.scopes -= {"channels:history"}
    await send(desk, on(desk, "assign", shown, BOB))
    assert buttons(card(desk)) == ["escalate"]
    said = lines(card(desk))
    assert said[0].startswith("Approved by <@U42ANN> at ")
    assert said[1].startswith("Assigned by <@U77BOB> at ")


async def test_a_draft_decided_on_the_desk_is_taken_off_the_card(desk: Desk) -> None:
    post_route = {"default": "console"}
    queue.approve_draft(desk.store, desk.seeded.draft_id, by="carla", post_route=post_route)
    await send(desk, click(desk, "approve"))
    assert told(desk) == ["Could not approve: draft 1 was already approved"]
    [update] = desk.slack.api.calls("/api/chat.update")
    assert buttons(update.json()["blocks"]) == ["assign", "escalate"]
    [line] = lines(card(desk))
    assert line.startswith("Approved by carla at ")
    await send(desk, click(desk, "reject"))  # the card says it already: no second update
    assert len(desk.slack.api.calls("/api/chat.update")) == 1


async def test_edit_on_a_decided_draft_is_refused_before_the_dialog(desk: Desk) -> None:
    queue.reject_draft(desk.store, desk.seeded.draft_id, by="cli:ana")
    await send(desk, click(desk, "edit"))
    assert not desk.slack.api.calls("/api/views.open")  # no typing into a decided draft
    assert told(desk) == ["Could not edit: draft 1 was already rejected"]
    assert buttons(card(desk)) == ["assign", "escalate"]
    assert lines(card(desk))[0].startswith("Rejected by cli:ana at ")


async def test_a_draft_edited_since_it_was_shown_keeps_its_buttons(desk: Desk) -> None:
    seen = json.loads(card(desk)[-1]["elements"][0]["value"])["seen"]  # the card's digest
    with desk.store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).values(text="Sorry Ann, DM us please"))
    pressed = click(desk, "approve")
    value = {"case": desk.seeded.number, "draft": desk.seeded.draft_id, "seen": seen}
    pressed["actions"][0]["value"] = json.dumps(value)  # type: ignore[index]
    await send(desk, pressed)
    assert draft_status(desk) == "pending" and "edited" in told(desk)[0]
    assert not desk.slack.api.calls("/api/chat.update")  # it still waits, to be read again


async def test_a_card_lock_goes_once_idle(desk: Desk) -> None:
    await send(desk, click(desk, "assign"))
    assert len(desk.actions.work.cards) == 0


def test_a_deciders_name_is_escaped_and_an_ended_case_takes_every_button() -> None:
    shown = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "facts"}]},
        {"type": "actions", "block_id": "md_actions", "elements": [{"action_id": "approve"}]},
    ]
    when = datetime(2026, 11, 26, 14, 3, tzinfo=UTC)
    decided = CardState(draft="approved", decided_by="<!channel> carla", decided_at=when)
    out = refreshed(shown, decided, pressed=None, when=when, wording=ENGLISH)
    assert lines(out) == ["Approved by &lt;!channel&gt; carla at 2026-11-26 14:03 UTC"]
    ended = CardState(draft="withdrawn", case="closed", closed_at=when)
    out = refreshed(shown, ended, pressed=None, when=when, wording=ENGLISH)
    assert buttons(out) == [] and lines(out) == ["Case closed at 2026-11-26 14:03 UTC"]
