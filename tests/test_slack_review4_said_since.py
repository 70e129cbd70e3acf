"""A card made again for its draft (slack_desk_edits.rewritten) keeps what was said on it
once, even where no button was left to mark where the alert ends: the alert's own notes are
made again, not kept twice."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from mentiondesk.models import ENGLISH
from mentiondesk.slack_card import CardState
from mentiondesk.slack_desk_edits import rewritten
from responders.slack_blocks import alert_blocks, without_buttons
from tests.responders._data import action

WHEN = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
SAID = {"type": "context", "elements": [{"type": "mrkdwn", "text": "Withdrawn at 09:00"}]}


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(b["elements"][0]["text"]) for b in blocks if b["type"] == "context"]


def test_a_read_only_platforms_card_without_buttons_keeps_its_note_once() -> None:
    alert = action()
    ctx = alert.context
    mention = dataclasses.replace(ctx.mention, platform="hackernews")
    alert = dataclasses.replace(alert, context=dataclasses.replace(ctx, mention=mention))
    everything = {"approve", "edit", "reject", "assign", "escalate"}
    card = [*without_buttons(alert_blocks(alert), everything), SAID]
    new = rewritten(card, alert, "Sorry, DM us", CardState(), when=WHEN, wording=ENGLISH)
    assert {"reject", "assign"} <= {
        e["action_id"] for b in new if b.get("block_id") == "md_actions" for e in b["elements"]
    }
    said = _texts(new)
    assert said.count("Withdrawn at 09:00") == 1 and said[-1] == "Withdrawn at 09:00"
    assert sum("reply there yourself" in t for t in said) == 1  # the note, made again once


def test_an_older_texts_edit_note_goes_with_that_text() -> None:
    alert = action()
    long = dataclasses.replace(alert.context, draft_text="word " * 700)  # past the edit box
    old = dataclasses.replace(alert, context=long)
    card = without_buttons(alert_blocks(old), {"approve", "edit", "reject", "assign", "escalate"})
    new = rewritten([*card, SAID], alert, "Short now.", CardState(), when=WHEN, wording=ENGLISH)
    said = _texts(new)
    assert not any("edit box" in t for t in said)
    assert said.count("Withdrawn at 09:00") == 1
