"""A mention its author deleted before the desk answered: each platform refuses the reply in
its own words (X 403 "deleted or not visible", Reddit DELETED_COMMENT in a 200, Mastodon 404,
Bluesky's AppView no longer listing the post). The poster holds it, in our words, as "deleted"
(the desk's reason), on a first attempt and on a retry that first looks for an earlier send;
nothing is posted, and none of the platform's words are copied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError
from mentiondesk.pipeline import App
from mentiondesk.queue import approve_draft
from mentiondesk.tables import DRAFT, OUTBOX
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.mastodon import MastodonFake
from tests.fakes.reddit import RedditFake
from tests.fakes.x import XFake
from tests.platforms.helpers import platform_config
from tests.platforms.posting import post_action, poster

ATTEMPTS = pytest.mark.parametrize("attempt", [1, 2])


async def _refused(platform: str, base_url: str, external_id: str, **kw: Any) -> str:
    responder = poster(platform, base_url)
    try:
        with pytest.raises(FatalError) as refused:
            await responder.deliver(post_action(platform, external_id, **kw))
    finally:
        await responder.close()
    return str(refused.value)


def _held_as_deleted(error: str, *platform_words: str) -> None:
    assert held_reason(error) == "deleted", error
    assert "gone (deleted)" in error and not any(w in error for w in platform_words), error


@ATTEMPTS
async def test_x_reply_to_a_deleted_tweet_is_held_as_deleted(x_fake: XFake, attempt: int) -> None:
    tweet = x_fake.publish("@lumora thanks, the lamp is lovely", author="bob")
    x_fake.delete(tweet["id"])
    error = await _refused("x", x_fake.base_url, tweet["id"], attempt=attempt)
    _held_as_deleted(error, "You attempted")
    assert "403 Forbidden" in error and x_fake.posted == []


@ATTEMPTS
async def test_reddit_reply_to_a_deleted_comment_is_held_as_deleted(
    reddit_fake: RedditFake, attempt: int
) -> None:
    name = reddit_fake.mention("u/lumora_bot thanks!", author="erin")["data"]["name"]
    reddit_fake.deleted.add(name)
    error = await _refused("reddit", reddit_fake.base_url, name, handle="erin", attempt=attempt)
    _held_as_deleted(error, "has been deleted")
    assert "DELETED_COMMENT" in error and reddit_fake.comments == []


@ATTEMPTS
@pytest.mark.parametrize("private", [False, True])
async def test_mastodon_reply_to_a_deleted_status_is_held_as_deleted(
    mastodon_fake: MastodonFake, attempt: int, private: bool
) -> None:
    """A direct message is a status in reply to the mention too: refused alike."""
    status = mastodon_fake.mention("@lumora thanks!")
    mastodon_fake.delete(status)
    error = await _refused(
        "mastodon", mastodon_fake.base_url, status["id"], attempt=attempt, private=private
    )
    _held_as_deleted(error, "does not appear", "Record not found")
    assert "404 Not Found" in error and mastodon_fake.posted == []


@ATTEMPTS
async def test_bluesky_reply_to_a_deleted_post_is_held_as_deleted(
    bluesky_fake: BlueskyFake, attempt: int
) -> None:
    view = bluesky_fake.mention("@lumora.bsky.social thanks!")
    bluesky_fake.delete(view["uri"])
    error = await _refused("bluesky", bluesky_fake.base_url, view["uri"], attempt=attempt)
    _held_as_deleted(error)
    assert bluesky_fake.records == {}


def _thank(app: App, config: Any, text: str) -> int:
    with app.store.engine.connect() as conn:
        draft_id = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.kind == "public"))
    assert draft_id is not None
    route = dict(config.settings.routing.post)
    approve_draft(app.store, draft_id, by="ana", post_route=route, text=text)
    return int(draft_id)


async def test_an_approved_reply_to_a_deleted_tweet_is_held_once_for_the_desk(
    tmp_path: Path, secrets: None, x_fake: XFake
) -> None:
    """Through the outbox: tried once, held with the reason the desk shows, kept (not lost),
    and not tried again on later drains."""
    config = load_config(platform_config(tmp_path, "x", x_fake.base_url, 'query = "lumora"'))
    async with App(config) as app:
        await app.run_once()
        tweet = x_fake.publish("@lumora thank you, the lamp is lovely, great service!")
        await app.run_once()
        x_fake.delete(tweet["id"])
        _thank(app, config, "Thank you, Alice!")
        for _ in range(3):
            await app.outbox.drain()
        with app.store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(OUTBOX.c.status, OUTBOX.c.attempts, OUTBOX.c.last_error).where(
                    OUTBOX.c.kind == "post"
                )
            ).all()
    assert [(r.status, r.attempts) for r in rows] == [("held", 1)], rows
    assert held_reason(rows[0].last_error) == "deleted" and x_fake.posted == []
