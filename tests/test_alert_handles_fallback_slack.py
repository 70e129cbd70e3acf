"""The Slack notification text (chat.postMessage's `text`: the phone's push notification and
the sidebar) names the author as their platform writes them, as the card does: "u/ana" on
Reddit, bare "ana" on Hacker News, "@ana" on X, Bluesky and Mastodon; it said "@ana" for
every platform. Sent through the real slack_sdk client to the fake Slack Web API, in English,
pt-BR and pt-PT; a handle that could format or ping stays escaped."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, OutboxAction, Wording
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder

BR, PT = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")


def _by(platform: str, handle: str) -> OutboxAction:
    alert = action()
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle=handle, name="Ana A"))
    return replace(alert, context=replace(alert.context, mention=m))


@pytest.fixture
def fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


async def _sent(fake: SlackFake, alert: OutboxAction, wording: Wording = ENGLISH) -> str:
    """The `text` Slack received with the card, through slack_sdk."""
    before = len(fake.posted())
    slack = slack_responder(fake, wording)
    try:
        await slack.deliver(alert)
    finally:
        await slack.close()
    [body] = fake.posted()[before:]
    text: str = body["text"]
    return text


@pytest.mark.parametrize(
    ("platform", "shown"),
    [
        ("reddit", "u/ana"),
        ("hackernews", "ana"),
        ("x", "@ana"),
        ("bluesky", "@ana"),
        ("mastodon", "@ana"),
    ],
)
async def test_the_notification_names_the_author_as_their_platform_does(
    fake: SlackFake, platform: str, shown: str
) -> None:
    text = await _sent(fake, _by(platform, "ana"))
    assert text == f"MD-000007: negative mention by {shown}"


@pytest.mark.parametrize(("wording", "lang"), [(BR, "pt-BR"), (PT, "pt-PT")])
async def test_portuguese_notifications_too(fake: SlackFake, wording: Wording, lang: str) -> None:
    assert wording.lang == lang
    reddit = await _sent(fake, _by("reddit", "ana"), wording)
    assert reddit == "MD-000007: menção de u/ana (Reclamação)"
    hn = await _sent(fake, _by("hackernews", "ana"), wording)
    assert hn == "MD-000007: menção de ana (Reclamação)"
    x = await _sent(fake, _by("x", "ana"), wording)
    assert x == "MD-000007: menção de @ana (Reclamação)"  # as before


@pytest.mark.parametrize(
    ("platform", "handle", "shown"),
    [
        ("reddit", "_bob_", "u/`_bob_`"),  # the prefix outside the code span, as on the card
        ("hackernews", "_bob_", "`_bob_`"),
        ("x", "_bob_", "@`_bob_`"),
        ("reddit", "u/bob", "u/bob"),  # already written with it: not twice
        ("hackernews", "<!channel>", "&lt;!channel&gt;"),
        ("reddit", "<!channel>", "u/&lt;!channel&gt;"),
    ],
)
async def test_a_handle_that_could_format_or_ping_stays_escaped(
    fake: SlackFake, platform: str, handle: str, shown: str
) -> None:
    text = await _sent(fake, _by(platform, handle))
    assert text == f"MD-000007: negative mention by {shown}"
    assert "<!channel>" not in json.dumps(text)


async def test_a_follow_up_notification_too(fake: SlackFake) -> None:
    alert = _by("reddit", "ana")
    again = replace(alert, context=replace(alert.context, follow_up=True))
    assert await _sent(fake, again) == "MD-000007 follow-up: negative mention by u/ana"
    pt = await _sent(fake, again, BR)
    assert pt == "MD-000007 (nova menção): menção de u/ana (Reclamação)"
