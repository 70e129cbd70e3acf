"""An author whose display name draws nothing (spaces, a zero-width space, a bidi override, a
NUL, a Hangul filler) is named by their handle on Slack's card and Teams' card, or "Author"
("Perfil") where the handle draws nothing either: the card linked `<url|>`, which Slack shows
as the bare URL. A bidi override in a name is dropped, so it cannot reverse the card's text
after it. Through the real slack_sdk client to the fake Slack Web API, and aiohttp to the
fake Teams webhook."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, OutboxAction, Wording
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder

BR, PT = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")
BLANK_NAMES = ["", "  ", "\u200b", "\u202e", "\x00", "\u200b \u2066\u200d", "\u3164", "\u2800"]
PLATFORMS = [
    ("x", "https://x.com/bob/status/1"),
    ("bluesky", "https://bsky.app/profile/bob/post/1"),
    ("mastodon", "https://mastodon.test/@bob/1"),
    ("threads", "https://www.threads.net/@bob/post/1"),
    ("reddit", "https://www.reddit.com/r/x/comments/1/"),
    ("hackernews", "https://news.ycombinator.com/item?id=1"),
]


def _by(name: str, handle: str = "bob", platform: str = "x", url: str = "") -> OutboxAction:
    alert = action("hello")
    m = alert.context.mention
    url = url or m.url
    m = replace(m, platform=platform, url=url, author=replace(m.author, handle=handle, name=name))
    return replace(alert, context=replace(alert.context, mention=m))


@pytest.fixture
def fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


async def _slack_line(fake: SlackFake, alert: OutboxAction, wording: Wording = ENGLISH) -> str:
    """The author line of the card Slack received for `alert` (after the case title)."""
    slack = slack_responder(fake, wording)
    await slack.deliver(alert)
    body = fake.posted()[-1]
    text: str = body["blocks"][0]["text"]["text"]
    return text.split(" · ", 1)[1]


@pytest.mark.parametrize("name", BLANK_NAMES, ids=repr)
@pytest.mark.parametrize(("platform", "url"), PLATFORMS, ids=[p for p, _ in PLATFORMS])
async def test_a_blank_name_links_the_handle(
    fake: SlackFake, name: str, platform: str, url: str
) -> None:
    line = await _slack_line(fake, _by(name, platform=platform, url=url))
    assert line.startswith(f"*<{url}|bob>* "), line  # was `*<url|>*` (or `<url|\u200b>`)


@pytest.mark.parametrize(("wording", "word"), [(ENGLISH, "Author"), (BR, "Perfil"), (PT, "Perfil")])
async def test_a_blank_name_and_blank_handle_say_a_neutral_word(
    fake: SlackFake, wording: Wording, word: str
) -> None:
    line = await _slack_line(fake, _by("\u202e ", handle="\u200b"), wording)
    assert line.startswith(f"*<https://x.com/angry_ann/status/m1|{word}>* "), line


async def test_a_bidi_override_cannot_reverse_the_card(fake: SlackFake) -> None:
    line = await _slack_line(fake, _by("Bob\u202e\u2067 evil", handle="bob\u202e"))
    assert line == "*<https://x.com/angry_ann/status/m1|Bob evil>* @bob · 12.3k followers"
    wire = json.dumps(fake.posted()[-1], ensure_ascii=False)
    assert not any(c in wire for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


async def test_a_visible_name_is_kept(fake: SlackFake) -> None:
    line = await _slack_line(fake, _by("Zoë \u200b"))
    assert line.startswith("*<https://x.com/angry_ann/status/m1|Zoë \u200b>* "), line


async def _teams_name(hooks: FakeAPI, alert: OutboxAction, wording: Wording) -> str:
    sink = TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS, wording=wording)
    await sink.deliver(alert)
    await sink.close()
    body: list[dict[str, Any]] = hooks.calls(webhooks.TEAMS)[-1].json()["attachments"][0][
        "content"
    ]["body"]
    name: str = body[1]["inlines"][0]["text"]
    return name


@pytest.mark.parametrize("name", BLANK_NAMES, ids=repr)
async def test_teams_names_a_blank_named_author_by_handle(hooks: FakeAPI, name: str) -> None:
    assert await _teams_name(hooks, _by(name), ENGLISH) == "bob"  # was an empty bold run


@pytest.mark.parametrize(("wording", "word"), [(ENGLISH, "Author"), (BR, "Perfil"), (PT, "Perfil")])
async def test_teams_says_a_neutral_word_when_the_handle_is_blank_too(
    hooks: FakeAPI, wording: Wording, word: str
) -> None:
    assert await _teams_name(hooks, _by("  ", handle="\u200b"), wording) == word
