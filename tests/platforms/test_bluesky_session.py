"""A Bluesky source and poster outlive their session: the PDS ends it with a 400 `ExpiredToken`
(not a 401), and they sign in again instead of stopping, through the real atproto client."""

from __future__ import annotations

from datetime import timedelta

import pytest

from listener.bluesky import BlueskySource
from mentiondesk.models import TransientError
from tests.fakes.bluesky import NOTIFICATIONS, SESSION
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import post_action, poster

HOUR = 3600


def _source(fake, clock: FakeClock) -> BlueskySource:
    return bluesky_source(fake, clock)


def _tokens(fake, path: str) -> list[str]:
    return [c.headers.get("Authorization", "") for c in fake.api.calls(path)]


async def test_source_keeps_reading_across_expired_sessions(bluesky_fake, clock) -> None:
    bluesky_fake.access_lifetime = timedelta(minutes=30)
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    read = []
    for hour in range(2):  # each hour the PDS has expired the token we hold
        clock.advance(HOUR)
        note = bluesky_fake.mention(f"@lumora.bsky.social still broken {hour}")
        run = await once(source, cursor, clock=clock)
        cursor = run.cursor
        read.append((run.ids, note["uri"]))
    await source.close()
    assert [ids for ids, _ in read] == [[uri] for _, uri in read]
    assert len(bluesky_fake.api.calls(SESSION)) == 3  # signed in again after each expiry
    assert len(set(_tokens(bluesky_fake, NOTIFICATIONS))) == 3


async def test_source_backs_off_when_even_a_new_session_is_refused(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    await started(source, clock)
    bluesky_fake.access_lifetime = timedelta(0)  # every token the PDS issues is already dead
    clock.advance(3 * HOUR)
    with pytest.raises(TransientError, match="ExpiredToken"):
        await source.poll(None)
    await source.close()


async def test_poster_keeps_posting_across_an_expired_session(bluesky_fake, clock) -> None:
    bluesky_fake.access_lifetime = timedelta(minutes=30)
    responder = poster("bluesky", bluesky_fake.base_url)
    first = bluesky_fake.mention("@lumora broke", author="fern")
    await responder.deliver(post_action("bluesky", first["uri"], key="k1"))
    clock.advance(HOUR)
    second = bluesky_fake.mention("@lumora broke too", author="gus")
    reply = await responder.deliver(post_action("bluesky", second["uri"], key="k2"))
    clock.advance(HOUR)
    dm = post_action(
        "bluesky", second["uri"], author_id=second["author"]["did"], private=True, key="k3"
    )
    message = await responder.deliver(dm)  # the chat proxy shares the new session
    await responder.close()
    assert len(bluesky_fake.records) == 2 and reply.detail == "reply"
    assert len(bluesky_fake.chat.sent()) == 1 and message.detail == "direct message"
    assert len(bluesky_fake.api.calls(SESSION)) == 3


async def test_poster_retries_later_when_even_a_new_session_is_refused(bluesky_fake) -> None:
    bluesky_fake.access_lifetime = timedelta(0)
    responder = poster("bluesky", bluesky_fake.base_url)
    view = bluesky_fake.mention("@lumora broke", author="fern")
    with pytest.raises(TransientError, match="ExpiredToken"):
        await responder.deliver(post_action("bluesky", view["uri"]))
    await responder.close()
    assert bluesky_fake.records == {}
