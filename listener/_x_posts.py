"""What X's API v2 posts mean to mentiondesk: which are mentions, and their text as written."""

from __future__ import annotations

import html
import logging
from typing import Any

from listener._endpoints import parse_time
from mentiondesk.models import Author, Mention

_LOGGER = logging.getLogger(__name__)
# `note_tweet` carries the whole text of a post over 280 characters; `text` is cut short.
TWEET_FIELDS = [
    "created_at",
    "author_id",
    "conversation_id",
    "lang",
    "referenced_tweets",
    "note_tweet",
]
QUERY_MAX = 512  # recent search's longest query on self-serve access (docs.x.com, build a query)
NO_RETWEETS = "-is:retweet"


def default_query(brand_query: str) -> str:
    """The brand's terms without retweets (X's search returns them unless told not to), when
    that still fits X's query limit; the listener skips retweets either way."""
    query = f"({brand_query}) {NO_RETWEETS}"
    return query if brand_query and len(query) <= QUERY_MAX else brand_query


def mentions_of(
    tweets: list[dict[str, Any]], users: dict[str, dict[str, Any]], endpoint: str
) -> list[Mention]:
    """The page's posts as mentions; retweets are left out: a retweet is someone passing on a
    post (its text an "RT @…:" cut of it), not their own words. Quote posts are their own."""
    kept = [t for t in tweets if not _retweet(t)]
    if len(kept) < len(tweets):
        _LOGGER.debug(
            "x %s: %d retweets of %d posts skipped", endpoint, len(tweets) - len(kept), len(tweets)
        )
    return [mention(t, users) for t in kept]


def mention(tweet: dict[str, Any], users: dict[str, dict[str, Any]]) -> Mention:
    user = users.get(str(tweet.get("author_id")), {})
    handle = user.get("username", str(tweet.get("author_id", "")))
    # Each edit is a new post id, listed oldest first; X serves the latest. The first id keys
    # the mention (an edit is not a second mention); the URL links the version read, which
    # the X responder replies to.
    history = tweet.get("edit_history_tweet_ids") or [tweet["id"]]
    parent = next(
        (r["id"] for r in tweet.get("referenced_tweets") or [] if r.get("type") == "replied_to"),
        None,
    )
    return Mention(
        platform="x",
        external_id=str(history[0]),
        author=Author(
            id=str(tweet.get("author_id", "")),
            handle=handle,
            name=user.get("name", ""),
            followers=int((user.get("public_metrics") or {}).get("followers_count", 0)),
        ),
        text=full_text(tweet),
        created_at=parse_time(tweet["created_at"]),
        url=f"https://x.com/{handle}/status/{tweet['id']}",
        lang=tweet.get("lang"),
        thread_id=tweet.get("conversation_id"),
        parent_id=parent,
    )


def full_text(tweet: dict[str, Any]) -> str:
    """The post's whole text as its author wrote it: X sends `&`, `<` and `>` as HTML entities
    (the desk escapes on render; sentiment and look-ups want the characters)."""
    note = tweet.get("note_tweet")
    text = note.get("text") if isinstance(note, dict) else None
    return html.unescape(text if isinstance(text, str) and text else str(tweet["text"]))


def _retweet(tweet: dict[str, Any]) -> bool:
    return any(r.get("type") == "retweeted" for r in tweet.get("referenced_tweets") or [])
