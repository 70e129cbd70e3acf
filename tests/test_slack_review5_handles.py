"""A handle that Slack's mrkdwn would format ("_lumora_" in italics, "*lumora*" in bold) is
shown on a card as typed, in a code span: the underscores or asterisks that tell an impostor
from the brand's own account stay in sight. Slack has no escape for them."""

from __future__ import annotations

import re
from dataclasses import replace

from mentiondesk.models import OutboxAction
from responders._escape import slack_handle
from responders.slack_blocks import alert_blocks, fallback_text
from tests.responders._data import action


def by(handle: str, name: str = "Lumora Support") -> OutboxAction:
    alert = action()
    m = alert.context.mention
    author = replace(m.author, handle=handle, name=name)
    return replace(alert, context=replace(alert.context, mention=replace(m, author=author)))


def author_line(alert: OutboxAction) -> str:
    text: str = alert_blocks(alert)[0]["text"]["text"]
    return text


def outside_code(text: str) -> str:
    """What Slack formats: the text less its code spans."""
    return re.sub(r"`[^`]*`", "", text)


def test_an_impostors_underscores_and_asterisks_are_shown_as_typed() -> None:
    for handle in ("_lumora_", "*lumora*", "~lumora~", "lumora_", "__lumora"):
        line = author_line(by(handle))
        assert f"@`{handle}`" in line
        assert handle not in outside_code(line)  # nothing of it left for Slack to format
        assert f"by @`{handle}`" in fallback_text(by(handle))  # the notification too


def test_a_backtick_cannot_end_the_span_nor_vanish() -> None:
    assert slack_handle("lumora`") == "`lumoraˋ`"
    assert slack_handle("`*x*`") == "`ˋ*x*ˋ`"


def test_markup_in_a_handle_stays_escaped_in_its_span() -> None:
    assert slack_handle("_<!channel>_") == "`_&lt;!channel&gt;_`"


def test_a_handle_slack_would_not_format_is_shown_as_before() -> None:
    assert "@angry_ann ·" in author_line(by("angry_ann"))
    assert slack_handle("x_y_z") == "x_y_z" and slack_handle("lumora") == "lumora"
