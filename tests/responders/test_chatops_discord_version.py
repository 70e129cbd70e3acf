"""A webhook URL pasted as Discord hands it out (…/api/webhooks/ID/TOKEN, no API version) is
served as Discord's deprecated v6, whose 429s count milliseconds: "Retry-After: 1500" (1.5 s)
was read as 25 minutes, every Discord alert held that long after one burst. The responder
posts (and `responders check` looks) with the version, where Discord counts seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.models import RateLimited
from responders._discord_url import versioned
from responders.discord import DiscordResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


async def test_a_url_as_discord_gives_it_is_posted_with_the_api_version(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD_AS_GIVEN)
    try:
        receipt = await sink.deliver(action())
        found = await sink.check()
    finally:
        await sink.close()
    assert receipt.ref == "9001" and found == "webhook 'support-alerts' found"
    assert [c.method for c in hooks.calls(webhooks.DISCORD)] == ["POST", "GET"]
    assert hooks.calls(webhooks.DISCORD_AS_GIVEN) == []


async def test_a_burst_s_rate_limit_is_waited_seconds_not_minutes(fake_api: FakeAPI) -> None:
    webhooks.install(fake_api, discord_hook=webhooks.DiscordHook(limited=1.5))
    sink = DiscordResponder("discord", url=fake_api.base_url + webhooks.DISCORD_AS_GIVEN)
    before = datetime.now(UTC)
    try:
        with pytest.raises(RateLimited) as limited:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert limited.value.until - before < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("url", "posted"),
    [
        ("https://discord.com/api/webhooks/1/t", "https://discord.com/api/v10/webhooks/1/t"),
        (
            "https://discordapp.com/api/webhooks/1/t?thread_id=4",
            "https://discordapp.com/api/v10/webhooks/1/t?thread_id=4",
        ),
        ("https://discord.com/api/v6/webhooks/1/t", "https://discord.com/api/v10/webhooks/1/t"),
        ("https://discord.com/api/v9/webhooks/1/t", "https://discord.com/api/v9/webhooks/1/t"),
        ("http://127.0.0.1:8080/relay/webhooks/1", "http://127.0.0.1:8080/relay/webhooks/1"),
    ],
)
def test_only_an_unversioned_discord_path_gets_the_version(url: str, posted: str) -> None:
    assert versioned(url) == posted
