"""Security review of the digest lines that name Reddit authors "u/name" and Hacker News
authors bare, and of the Slack card's author line: a hostile handle or name ("<!channel>",
"@everyone", "*bold* <http://evil|click>", a terminal escape) pings no one, links nowhere and
formats nothing in any chat the digest goes to, whatever prefix its platform gives it."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.models import ENGLISH, Author, CaseContext, Label, Mention, OutboxAction, Reading
from responders import console, discord, mattermost, teams
from responders._slack_author import author_line
from responders._slack_text import text_only_blocks
from responders.slack_blocks import fallback_text

ROUTE = AlertRoute(name="complaints", to=["console"], digest_minutes=60)
NAME = "*bold* <http://evil.test|click> <!channel> _x_ ~s~ `c`"
AUTHORS = [
    ("reddit", "<!channel>"),
    ("reddit", "u/<@U123>"),
    ("reddit", "@everyone"),
    ("hackernews", "everyone"),
    ("hackernews", "<!here>"),
    ("x", "*bold*"),
    ("mastodon", "here@evil.test"),
]
TEXT = "=cmd|' /C calc'!A0 \x1b]8;;http://evil.test\x1b\\x\x1b]8;;\x1b\\ @here <!everyone>\nnext"


def _alert(platform: str, handle: str) -> CaseContext:
    author = Author(id="u1", handle=handle, name=NAME, followers=5)
    url = "https://example.test/post/1"
    post = Mention(platform, "1", author, TEXT, datetime.now(UTC), url=url)
    return CaseContext(mention=post, reading=Reading(label=Label.NEGATIVE, score=0.9, lang="en"))


def _digest() -> OutboxAction:
    contexts = [_alert(p, h) for p, h in AUTHORS]
    contexts[0] = replace(contexts[0], impostor_of="@lumora")
    text = summary(ROUTE, contexts, timedelta(hours=1), ENGLISH)
    extra = {"digest": len(contexts)}
    return OutboxAction("digest:k", "alert", "chat", contexts[0], text=text, extra=extra)


def test_each_digest_line_is_one_line_starting_with_the_prefixed_handle() -> None:
    lines = (_digest().text or "").split("\n")
    assert len(lines) == 1 + len(AUTHORS)  # the mention's newline folded, no line forged
    assert lines[1].startswith("• ⚠ u/<!channel> (reddit, en)")
    assert lines[2].startswith("• u/<@U123> (reddit, en)")  # typed with its prefix: not twice
    assert lines[4].startswith("• everyone (hackernews, en)")


def test_slack_gets_the_digest_as_plain_text_and_an_escaped_notification() -> None:
    action = _digest()
    blocks = text_only_blocks(action.text or "")
    assert [b["text"]["type"] for b in blocks] == ["plain_text"]
    assert blocks[0]["text"]["emoji"] is False
    assert "\x1b" not in json.dumps(blocks, ensure_ascii=False)
    said = fallback_text(action)
    assert "<" not in said and ">" not in said, said


@pytest.mark.parametrize("render", [discord.content, mattermost.text])
def test_discord_and_mattermost_escape_every_digest_line(render: object) -> None:
    said: str = render(_digest())  # type: ignore[operator]
    assert "\x1b" not in said
    assert not re.search(r"(?<!\\)[<>*`|\[\]]", said), said  # every markdown mark escaped
    assert not re.search(r"@(everyone|here)", said), said  # broken with a zero-width space


def test_teams_and_the_console_show_the_digest_as_text() -> None:
    runs = [r["text"] for b in teams.card_body(_digest()) for r in b["inlines"]]
    printed = console.ConsoleResponder().format(_digest())
    for said in [*runs, printed]:
        assert "\x1b" not in said and "\n" not in said, said


@pytest.mark.parametrize(("platform", "handle"), AUTHORS)
def test_the_slack_author_line_links_only_the_post_and_pings_no_one(
    platform: str, handle: str
) -> None:
    line = author_line(_alert(platform, handle).mention, ENGLISH)
    links = re.findall(r"<([^>]*)>", line)
    assert [link.split("|")[0] for link in links] == ["https://example.test/post/1"], line
    assert "<!" not in line.replace("<https://", "") and "<@" not in line, line
    # The name's marks cannot end the bold around it: each followed by a zero-width space.
    assert re.search(r"[*_~`](?!\u200b)", line.split("|", 1)[1].split(">*", 1)[0]) is None, line
