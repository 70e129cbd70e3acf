"""What a comment is on, in its alert: the console line and the Slack card say 'on “Show HN:
Lumora CI”' (em, in Portuguese), the title shown as typed (no mrkdwn, no pings, no bidi
override); a post itself is on nothing. End to end: a replayed comment's alert says it."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction
from mentiondesk.pipeline import App
from responders.console import ConsoleResponder
from responders.slack_blocks import alert_blocks
from tests.helpers import COMPLAINT, config_for, mention
from tests.responders._data import action
from tests.test_pipeline import Recorder


def _on(title: str | None) -> OutboxAction:
    alert = action("Congrats! what's the pricing?")
    ctx = replace(alert.context, mention=replace(alert.context.mention, on_title=title))
    return replace(alert, context=ctx)


def _context_texts(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "context" for e in b["elements"]]


def test_the_card_says_what_a_comment_is_on() -> None:
    [on] = [
        e for e in _context_texts(alert_blocks(_on("Show HN: Lumora CI"))) if "on “" in e["text"]
    ]
    assert on == {"type": "plain_text", "text": "on “Show HN: Lumora CI”", "emoji": False}
    pt = alert_blocks(_on("Show HN: Lumora CI"), wording_for("pt-PT", "UTC"))
    assert {"type": "plain_text", "text": "em “Show HN: Lumora CI”", "emoji": False} in (
        _context_texts(pt)
    )


def test_a_hostile_title_shows_as_typed_on_the_card() -> None:
    hostile = "*50% off* <!here> _x_ \u202eevil " + "y" * 400
    [on] = [e for e in _context_texts(alert_blocks(_on(hostile))) if "on “" in e["text"]]
    assert on["type"] == "plain_text"  # Slack formats and pings nothing in it
    assert (
        on["text"].startswith("on “*50% off* <!here> _x_ evil yyy") and "\u202e" not in on["text"]
    )
    assert on["text"].endswith("…”") and len(on["text"]) < 160


def test_a_post_itself_is_on_nothing() -> None:
    assert not any("on “" in e.get("text", "") for e in _context_texts(alert_blocks(_on(None))))
    assert " on “" not in ConsoleResponder(out=io.StringIO()).format(_on(None))


def test_the_console_line_says_it() -> None:
    line = ConsoleResponder(out=io.StringIO()).format(_on("Which CI\n\u202e do you use?"))
    assert line.endswith("“Congrats! what's the pricing?” on “Which CI do you use?”")


async def test_a_replayed_comment_alerts_with_what_it_is_on(tmp_path: Path) -> None:
    said = replace(mention(1, COMPLAINT, platform="reddit"), on_title="Which CI do you use?")
    config = config_for(tmp_path, f"sqlite:///{tmp_path}/desk.db", [said])
    chat, cases = Recorder("console"), Recorder("cases")
    async with App(config, responders={"console": chat, "cases": cases}) as app:
        await app.run_once()
    [alert] = [a for a in chat.delivered if a.kind == "alert"]
    assert alert.context.mention.on_title == "Which CI do you use?"
    assert ConsoleResponder().format(alert).endswith(" on “Which CI do you use?”")
