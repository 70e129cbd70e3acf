"""Every text a team's chat alert or help-desk ticket carries, for one hostile case: the
English snapshot (tests/data/alerts_en.json, written before alerts had a language) must stay
byte-identical, and the Portuguese ones are read from the same cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from mentiondesk.models import OutboxAction
from responders import _helpdesk as desk
from responders import discord, mattermost, slack_blocks, teams
from tests.responders._data import action, follow_up, mention


def cases() -> dict[str, OutboxAction]:
    """An alert with a draft, a follow-up alert, a ticket with earlier posts, a comment."""
    alert = action()
    earlier = (
        mention("first <b>post</b> & more", "m0"),
        replace(mention("second", "m00"), created_at=datetime(2026, 11, 26, 23, 30, tzinfo=UTC)),
    )
    ticket = action(kind="ticket", target="desk")
    ticket = replace(ticket, context=replace(ticket.context, earlier=earlier))
    again = replace(alert, context=replace(alert.context, follow_up=True, draft_text=None))
    return {"alert": alert, "again": again, "ticket": ticket, "comment": follow_up("desk")}


def texts(**wording: Any) -> dict[str, Any]:
    """What each sink shows for cases(), as JSON-able values."""
    out: dict[str, Any] = {}
    for name, act in cases().items():
        if act.kind == "alert":
            out[name] = {
                "slack": slack_blocks.alert_blocks(act, **wording),
                "slack_fallback": slack_blocks.fallback_text(act, **wording),
                "teams": teams.card_body(act, **wording),
                "discord": discord.content(act, **wording),
                "mattermost": mattermost.text(act, **wording),
            }
        else:
            out[name] = {
                "subject": desk.subject(act, **wording),
                "text": desk.text_body(act, **wording),
                "html": desk.html_body(act, **wording),
                "marks": desk.follow_up_marks(act, **wording),
            }
    when = datetime(2026, 11, 26, 14, 3, tzinfo=UTC) + timedelta(seconds=5)
    blocks = out["alert"]["slack"]
    out["decided"] = slack_blocks.decided_blocks(
        blocks, verb="Approved", pressed="approve", user="U42ANN", when=when, **wording
    )
    out["modal"] = slack_blocks.edit_modal(draft_text="Hi", metadata={"draft": 1}, **wording)
    return out
