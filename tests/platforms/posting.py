"""Building post actions and the four posting responders pointed at their fakes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mastodon import Mastodon

from mentiondesk.models import Author, CaseContext, Label, Mention, OutboxAction, Reading
from mentiondesk.models.reddit import build_reddit
from responders.bluesky_post import BlueskyPostResponder
from responders.mastodon_post import MastodonPostResponder
from responders.reddit_post import RedditPostResponder
from responders.x_post import XPostResponder


def post_action(
    platform: str,
    external_id: str,
    *,
    author_id: str = "u1",
    handle: str = "alice",
    text: str = "Sorry about that, we sent a new lamp.",
    private: bool = False,
    key: str = "post:draft:1",
    attempt: int = 1,
) -> OutboxAction:
    mention = Mention(
        platform=platform,
        external_id=external_id,
        author=Author(id=author_id, handle=handle),
        text="my lamp broke",
        created_at=datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
    )
    reading = Reading(label=Label.NEGATIVE, score=-0.6, lang="en")
    context = CaseContext(mention=mention, reading=reading, case_number=None, draft_id=1)
    return OutboxAction(
        key=key,
        kind="post",
        target=f"{platform}-post",
        context=context,
        text=text,
        private=private,
        attempt=attempt,
    )


def poster(platform: str, base_url: str) -> Any:
    """The real responder for `platform`, its client pointed at `base_url`."""
    if platform == "x":
        return XPostResponder("x-post", token="user-token", base_url=base_url)
    if platform == "reddit":
        reddit = build_reddit(
            client_id="cid",
            client_secret="secret",
            username="lumora_bot",
            password="pw",
            base_url=base_url,
            auth_url=base_url,
            user_agent="test/0.1",
        )
        return RedditPostResponder("reddit-post", reddit=reddit)
    if platform == "mastodon":
        api = Mastodon(
            access_token="tok",
            api_base_url=base_url,
            ratelimit_method="throw",
            version_check_mode="none",
        )
        return MastodonPostResponder("mastodon-post", api=api)
    return BlueskyPostResponder(
        "bluesky-post", handle="lumora.bsky.social", password="pw", base_url=base_url
    )
