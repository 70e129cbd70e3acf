"""Slack's Approve refuses a card whose draft was edited since it was posted. Through signed
requests to POST /slack/actions."""

from __future__ import annotations

import json

import sqlalchemy as sa

from mentiondesk.models import text_digest
from mentiondesk.tables import DRAFT
from tests.responders import test_slack_actions as base
from tests.responders.test_slack_actions import Desk, click, draft_status, send, set_draft

desk = base.desk  # the same desk: a card posted, /slack/actions mounted, a pending DM draft


def draft_text(d: Desk) -> str:
    with d.store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.text).where(DRAFT.c.id == d.seeded.draft_id)))


def approve_on_card(d: Desk, shown: str) -> dict[str, object]:
    """Approve pressed on a card that showed the draft as `shown` (its button's value)."""
    pressed = click(d, "approve")
    value = {"case": d.seeded.number, "draft": d.seeded.draft_id, "seen": text_digest(shown)}
    pressed["actions"] = [{"action_id": "approve", "value": json.dumps(value), "type": "button"}]
    return pressed


async def test_approve_refuses_a_draft_edited_since_the_card_was_posted(desk: Desk) -> None:
    set_draft(desk, "Sorry Ann, refund sent!")  # edited on the desk after the card went out
    assert await send(desk, approve_on_card(desk, "Sorry, DM us")) == 200
    assert draft_status(desk) == "pending"
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert "was edited since it was shown" in told["text"]
    assert not desk.slack.api.calls("/api/chat.update")
    # A card showing the draft as it is approves it.
    assert await send(desk, approve_on_card(desk, "Sorry Ann, refund sent!")) == 200
    assert (draft_status(desk), draft_text(desk)) == ("approved", "Sorry Ann, refund sent!")
