"""Mattermost's refusals name the setting at fault, and hold the sink as a whole: a deleted
webhook answers 400 (not 404), so each alert was held alone as if its text were refused; a
`channel` not in the webhook's team (404) or other than the channel a locked webhook posts
to (403) was said to be the webhook URL's fault. Through aiohttp to a fake answering as
Mattermost's server does (tests/fakes/webhooks.py, MattermostHook)."""

from __future__ import annotations

import pytest

from mentiondesk.models import FatalError, SinkRefused
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


async def _deliver(
    fake_api: FakeAPI, hook: webhooks.MattermostHook, channel: str | None = None
) -> Exception | None:
    webhooks.install(fake_api, hook)
    url = fake_api.base_url + webhooks.MATTERMOST
    sink = MattermostResponder("mm", url=url, channel=channel, url_env="MM_HOOK")
    try:
        await sink.deliver(action())
    except Exception as exc:  # what it raised is what is checked
        return exc
    finally:
        await sink.close()
    return None


async def test_a_deleted_webhook_refuses_the_sink_naming_its_variable(fake_api: FakeAPI) -> None:
    refused = await _deliver(fake_api, webhooks.MattermostHook(deleted=True))
    assert isinstance(refused, SinkRefused)
    said = str(refused)
    assert said.startswith("mattermost answered 400: no such webhook (it was deleted")
    assert "set MM_HOOK (url_env of responder 'mm')" in said
    assert "…" not in said  # Mattermost's own message is not copied


@pytest.mark.parametrize(
    ("hook", "channel", "status", "what"),
    [
        (webhooks.MattermostHook(), "suport", 404, "no channel of that name"),
        (webhooks.MattermostHook(locked=True), "support", 403, "the webhook is locked"),
        (webhooks.MattermostHook(), "@bob", 400, "no user of that @name"),
    ],
)
async def test_a_channel_it_may_not_post_to_names_the_channel_setting(
    fake_api: FakeAPI, hook: webhooks.MattermostHook, channel: str, status: int, what: str
) -> None:
    refused = await _deliver(fake_api, hook, channel)
    assert isinstance(refused, SinkRefused)
    said = str(refused)
    assert said.startswith(f"mattermost answered {status}: {what}")
    assert f"fix channel = {channel!r} of responder 'mm'" in said
    assert "MM_HOOK" not in said  # the URL is right: nothing to change there
    assert hook.posted_to == []


async def test_the_channels_it_may_post_to_are_posted_to(fake_api: FakeAPI) -> None:
    hook = webhooks.MattermostHook(locked=True)
    assert await _deliver(fake_api, hook) is None
    assert await _deliver(fake_api, hook, "town-square") is None
    assert await _deliver(fake_api, webhooks.MattermostHook(), "@ana") is None
    assert hook.posted_to == ["town-square", "town-square"]


async def test_another_400_is_still_about_that_message_alone(fake_api: FakeAPI) -> None:
    body = webhooks.mattermost_error(400, "web.incoming_webhook.text.app_error")
    fake_api.queue("POST", webhooks.MATTERMOST, 400, body)
    refused = await _deliver(fake_api, webhooks.MattermostHook())
    assert isinstance(refused, FatalError) and not isinstance(refused, SinkRefused)
    assert str(refused).startswith("mattermost answered 400;")


async def test_a_429_is_still_waited_for(fake_api: FakeAPI) -> None:
    body = webhooks.mattermost_error(429, "api.context.rate_limit.app_error")
    fake_api.queue("POST", webhooks.MATTERMOST, 429, body, headers={"Retry-After": "3"})
    refused = await _deliver(fake_api, webhooks.MattermostHook())
    assert type(refused).__name__ == "RateLimited"
