"""A webhook URL that redirects (Discord's or Teams' written http://, an on-prem Mattermost
moved behind https) must not lose alerts: the client followed the redirect as a GET (as for
any 301 or 302 to a POST), Discord answered that GET with the webhook itself, and the alert
counted as posted while nothing was. A 307 or 308 would have sent the mention on to wherever
it pointed. A redirect is not followed: the sink is refused, naming the variable to fix."""

from __future__ import annotations

import pytest

from mentiondesk.models import SinkRefused
from responders.discord import DiscordResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


async def test_a_redirect_is_refused_not_followed(hooks: FakeAPI) -> None:
    url = hooks.base_url + webhooks.DISCORD_PLAIN
    sink = DiscordResponder("discord", url=url, url_env="ALERTS_HOOK")
    try:
        with pytest.raises(SinkRefused, match=r"discord answered 301.*set ALERTS_HOOK"):
            await sink.deliver(action())
    finally:
        await sink.close()
    assert [c.method for c in hooks.requests] == ["POST"]  # no GET, nothing sent on


@pytest.mark.parametrize("status", [302, 307, 308])
async def test_no_redirect_takes_the_mention_elsewhere(hooks: FakeAPI, status: int) -> None:
    elsewhere = {"Location": hooks.base_url + webhooks.MATTERMOST}
    hooks.queue("POST", webhooks.DISCORD, status, {}, headers=elsewhere)
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    try:
        with pytest.raises(SinkRefused, match=f"discord answered {status}"):
            await sink.deliver(action())
    finally:
        await sink.close()
    assert hooks.calls(webhooks.MATTERMOST) == []


async def test_a_followed_redirect_posts_nothing(hooks: FakeAPI) -> None:
    """What the client did with the fake's 301, as with Discord's: a GET, answered 200."""
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD_PLAIN)
    try:
        answer = await sink.http.call("POST", "", json=sink.body(action()))
    finally:
        await sink.close()
    assert answer["name"] == "support-alerts"
    assert [c.method for c in hooks.requests] == ["POST", "GET"]
