"""Mastodon's poster on a retry: it finds what an earlier attempt sent (after the one-hour
idempotency key expired, as Mastodon renders it, made unlisted) and nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.models import RateLimited
from tests.platforms.posting import post_action, poster


async def test_mastodon_retry_after_the_key_expired_finds_our_reply(mastodon_fake) -> None:
    status = mastodon_fake.mention("@lumora broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    first = await responder.deliver(post_action("mastodon", status["id"]))
    mastodon_fake.forget_keys = True  # more than an hour later
    again = await responder.deliver(post_action("mastodon", status["id"], attempt=3))
    assert len(mastodon_fake.posted) == 1 and again.ref == first.ref
    assert again.detail == "already sent"


@pytest.mark.parametrize("private", [False, True])
async def test_mastodon_retry_finds_our_reply_as_mastodon_renders_it(mastodon_fake, private):
    status = mastodon_fake.mention("@lumora broke", author="dan")
    text = (
        "@dan@remote.test So sorry, it's fixed <3 & more: "
        "https://brand.example/help/orders/12345?a=1&b=2\n\nSee #LumoraCare\n– Ana"
    )
    action = post_action(
        "mastodon", status["id"], handle="dan@remote.test", text=text, private=private
    )
    responder = poster("mastodon", mastodon_fake.base_url)
    first = await responder.deliver(action)
    mastodon_fake.forget_keys = True  # more than an hour later
    again = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    assert 'class="u-url mention">@<span>dan</span>' in mastodon_fake.posted[0]["content"]
    assert len(mastodon_fake.posted) == 1 and again.ref == first.ref


async def test_mastodon_retry_finds_a_public_reply_mastodon_made_unlisted(mastodon_fake) -> None:
    """Mastodon posts a limited (silenced) account's public reply as unlisted: a retry still
    finds it (it matched the visibility asked for, and posted the reply again)."""
    status = mastodon_fake.mention("@lumora my lamp broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    first = await responder.deliver(post_action("mastodon", status["id"], handle="dan"))
    mastodon_fake.posted[0]["visibility"] = "unlisted"  # as the server gave it
    mastodon_fake.forget_keys = True  # more than an hour later
    again = await responder.deliver(post_action("mastodon", status["id"], handle="dan", attempt=2))
    await responder.close()
    assert len(mastodon_fake.posted) == 1 and again.ref == first.ref
    assert again.detail == "already sent"


async def test_mastodon_retry_of_a_dm_is_not_taken_for_the_public_reply_holding_it(
    mastodon_fake,
) -> None:
    """Our public reply holds the words of the DM that follows it: on a retry of the DM (its
    first attempt got a 502), the thread check once matched the reply by substring and
    recorded the DM as sent with the reply's id. Only the same text, visibility and a date
    since the action was queued count."""
    status = mastodon_fake.mention("@lumora my lamp broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    public = "Sorry about that, we sent a new lamp. Details in your DMs!"
    await responder.deliver(post_action("mastodon", status["id"], handle="dan", text=public))
    dm = post_action(
        "mastodon",
        status["id"],
        handle="dan",
        private=True,
        key="post:draft:2",
        attempt=2,
        text="Sorry about that, we sent a new lamp.",
    )
    receipt = await responder.deliver(dm)
    later = replace(dm, key="post:draft:3", created_at=datetime.now(UTC) + timedelta(hours=1))
    again = await responder.deliver(later)  # the same words queued later: another message
    await responder.close()
    assert [p["visibility"] for p in mastodon_fake.posted] == ["public", "direct", "direct"]
    assert receipt.detail == "direct" and again.detail == "direct"


async def test_mastodon_retry_with_nothing_sent_before_posts(mastodon_fake) -> None:
    status = mastodon_fake.mention("@lumora broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    await responder.deliver(post_action("mastodon", status["id"], attempt=2))
    assert len(mastodon_fake.posted) == 1


async def test_mastodon_429_on_the_thread_check_waits_for_its_reset(mastodon_fake) -> None:
    """A 429 while looking for an earlier send is Mastodon.py's MastodonRatelimitError, no
    MastodonAPIError: it is RateLimited until X-RateLimit-Reset, as on the post, and nothing
    is posted meanwhile (not "status gone", which would post without having looked)."""
    status = mastodon_fake.mention("@lumora broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    reset = int(datetime.now(UTC).timestamp()) + 600
    headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0"}
    mastodon_fake.api.queue(
        "GET",
        f"/api/v1/statuses/{status['id']}/context",
        429,
        {"error": "Too many requests"},
        headers={**headers, "X-RateLimit-Reset": str(reset)},
    )
    try:
        with pytest.raises(RateLimited) as limited:
            await responder.deliver(post_action("mastodon", status["id"], attempt=2))
    finally:
        await responder.close()
    # Mastodon.py shifts the reset by the server's clock (the Date header): near, not equal.
    off = abs(limited.value.until - datetime.fromtimestamp(reset, UTC))
    assert off < timedelta(minutes=2)  # the reset 10 minutes off, not a minute's default
    assert mastodon_fake.posted == []
