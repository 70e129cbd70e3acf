"""handle_prefix: what a platform writes before a handle ("@", "u/", nothing), the same that
handle_shown puts there; the Slack card writes it outside a handle's code span ("u/`_bob_`")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import OutboxAction, handle_prefix, handle_shown
from responders.slack_blocks import alert_blocks
from tests.responders._data import action

HANDLES = ["bob", "_bob_", "dan@remote.test", "@bob", "u/bob", "/u/bob", ""]
PLATFORMS = ["x", "twitter", "mastodon", "bluesky", "threads", "reddit", "hackernews", "web"]


@pytest.mark.parametrize(
    ("platform", "prefix"),
    [("x", "@"), ("bluesky", "@"), ("mastodon", "@"), ("reddit", "u/"), ("hackernews", "")],
)
def test_each_platforms_prefix(platform: str, prefix: str) -> None:
    assert handle_prefix(platform) == prefix
    assert handle_shown(platform, "bob") == prefix + "bob"


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("handle", HANDLES)
def test_a_handles_prefix_is_what_handle_shown_puts_before_it(platform: str, handle: str) -> None:
    """Never twice ("@@bob", "u/u/bob"), none for an erased author's empty handle."""
    assert handle_prefix(platform, handle) + handle == handle_shown(platform, handle)
    assert not handle_shown(platform, handle).startswith(("@@", "u/u/", "u//u/"))
    assert handle_prefix(platform, "") == "" == handle_shown(platform, "")


def _by(platform: str, handle: str) -> OutboxAction:
    alert = action()
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle=handle, name="Bob B"))
    return replace(alert, context=replace(alert.context, mention=m))


@pytest.mark.parametrize(
    ("platform", "handle", "shown"),
    [
        ("reddit", "_bob_", "* u/`_bob_`"),  # Slack would make "_bob_" italic: in a code span
        ("reddit", "bob", "* u/bob"),
        ("reddit", "u/bob", "* u/bob"),  # already written with it: not twice
        ("hackernews", "_bob_", "* `_bob_`"),
        ("hackernews", "bob", "* bob"),
        ("x", "_bob_", "* @`_bob_`"),
        ("x", "@bob", "* @bob"),
    ],
)
def test_the_slack_card_writes_the_prefix_outside_the_code_span(
    platform: str, handle: str, shown: str
) -> None:
    line: str = alert_blocks(_by(platform, handle))[0]["text"]["text"]
    assert line.split(" · ")[1] == f"*<{_by(platform, handle).context.mention.url}|Bob B>{shown}"
