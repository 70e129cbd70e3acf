"""A sister team's Discord, as its refusals read: a webhook made in a forum channel refuses
every alert alike (held together, saying to post in a text channel or name a post with
?thread_id=); a deleted thread is not called a deleted webhook; a field Discord refuses is
named, not blamed on the URL or token; its IP ban (a 429 with no retry time) is said and
waited out in longer steps. Through aiohttp to a fake answering as Discord does."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.config import OutboxSection
from mentiondesk.models import FatalError, RateLimited, Responder, SinkRefused
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from responders._discord_refusal import BANNED_WAIT
from responders.discord import DiscordResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action
from tests.test_outbox_unreachable import _enqueue, _rows


async def _deliver(fake_api: FakeAPI, hook: webhooks.DiscordHook, query: str = "") -> Exception:
    webhooks.install(fake_api, discord_hook=hook)
    url = fake_api.base_url + webhooks.DISCORD + query
    sink = DiscordResponder("discord", url=url, url_env="DISCORD_ALERTS")
    try:
        await sink.deliver(action())
    except Exception as exc:  # what it raised is what is checked
        return exc
    finally:
        await sink.close()
    raise AssertionError("posted")


async def test_a_forum_channels_webhook_refuses_the_sink_saying_what_to_do(
    fake_api: FakeAPI,
) -> None:
    refused = await _deliver(fake_api, webhooks.DiscordHook(forum=True))
    assert isinstance(refused, SinkRefused)
    said = str(refused)
    assert said.startswith("discord answered 400: the webhook is in a forum or media channel")
    assert "make the webhook in a text channel, or add ?thread_id=" in said
    assert "DISCORD_ALERTS (url_env of responder 'discord')" in said
    assert "must have a thread_name" not in said  # Discord's own words are not copied


async def test_a_forum_post_named_in_the_url_is_posted_to(fake_api: FakeAPI) -> None:
    webhooks.install(fake_api, discord_hook=webhooks.DiscordHook(forum=True))
    url = fake_api.base_url + webhooks.DISCORD + "?thread_id=42"
    sink = DiscordResponder("discord", url=url)
    try:
        receipt = await sink.deliver(action())
    finally:
        await sink.close()
    assert receipt.ref == "9001"
    assert dict(fake_api.calls(webhooks.DISCORD)[0].query) == {"thread_id": "42", "wait": "true"}


async def test_a_deleted_thread_is_not_called_a_deleted_webhook(fake_api: FakeAPI) -> None:
    refused = await _deliver(fake_api, webhooks.DiscordHook(), "?thread_id=7")
    assert isinstance(refused, SinkRefused)
    said = str(refused)
    assert said.startswith("discord answered 404: the channel or thread it posts to is gone")
    assert "?thread_id=" in said and "set DISCORD_ALERTS" in said


async def test_a_deleted_webhook_says_so(fake_api: FakeAPI) -> None:
    refused = await _deliver(fake_api, webhooks.DiscordHook(deleted=True))
    assert isinstance(refused, SinkRefused)
    assert str(refused).startswith("discord answered 404: the webhook was deleted")


async def test_a_refused_field_holds_that_alert_alone_naming_it(hooks: FakeAPI) -> None:
    hooks.queue("POST", webhooks.DISCORD, 400, webhooks.DISCORD_TOO_LONG)
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    try:
        with pytest.raises(FatalError) as refused:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert not isinstance(refused.value, SinkRefused)
    said = str(refused.value)
    assert said == "discord answered 400: it refused these fields (content: BASE_TYPE_MAX_LENGTH)"


async def test_the_ip_ban_is_said_and_waited_out_in_longer_steps(fake_api: FakeAPI) -> None:
    before = datetime.now(UTC)
    limited = await _deliver(fake_api, webhooks.DiscordHook(banned=True))
    assert isinstance(limited, RateLimited)
    assert limited.until >= before + BANNED_WAIT - timedelta(seconds=1)
    assert "Discord is blocking this host's address for a while" in str(limited)


async def test_a_rate_limit_with_its_retry_time_is_waited_as_it_says(hooks: FakeAPI) -> None:
    body = {"message": "You are being rate limited.", "retry_after": 6.2, "global": False}
    hooks.queue("POST", webhooks.DISCORD, 429, body, headers={"Retry-After": "7"})
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    before = datetime.now(UTC)
    try:
        with pytest.raises(RateLimited) as limited:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert timedelta(seconds=6) < limited.value.until - before < timedelta(seconds=8)


async def test_a_rate_limit_without_the_header_is_waited_as_its_body_says(
    hooks: FakeAPI,
) -> None:
    """A one-minute limit (global: every request from this host) was tried again at 30 s."""
    body = {"message": "You are being rate limited.", "retry_after": 64.57, "global": True}
    hooks.queue("POST", webhooks.DISCORD, 429, body)
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    before = datetime.now(UTC)
    try:
        with pytest.raises(RateLimited) as limited:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert timedelta(seconds=64) < limited.value.until - before < timedelta(seconds=66)
    assert str(limited.value).endswith("discord answered 429 for all of this host's requests")


async def test_the_outbox_holds_a_forum_webhooks_alerts_together(
    store: Store, fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """One try, one error line for all three, none retried one by one as content refused."""
    webhooks.install(fake_api, discord_hook=webhooks.DiscordHook(forum=True))
    now = datetime.now(UTC)
    for i in range(3):
        _enqueue(store, f"f{i}", "forum", now)
    url = fake_api.base_url + webhooks.DISCORD
    sinks: dict[str, Responder] = {"forum": DiscordResponder("forum", url=url)}
    worker = OutboxWorker(store, sinks, OutboxSection(batch_size=8), clock=lambda: now)
    try:
        with caplog.at_level(logging.ERROR, logger="mentiondesk.outbox"):
            assert await worker.drain() == 0
    finally:
        await sinks["forum"].close()
    rows = _rows(store, "forum")
    assert [r.status for r in rows] == ["held"] * 3
    assert [r.attempts for r in rows] == [1, 0, 0]
    assert len(fake_api.calls(webhooks.DISCORD, "POST")) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "forum or media channel" in errors[0]
