"""X's API v2 as the X source meets it: the fields asked for, a post's text as written,
retweets, and what a refusal means."""

from __future__ import annotations

import html
import json
from typing import Any

import aiohttp
import tweepy

from mentiondesk.models import FatalError, TransientError

# `note_tweet` carries the whole text of a post over 280 characters; `text` is cut short.
# `edit_history_tweet_ids` is a default field, named anyway: an edit is told by it.
TWEET_FIELDS = [
    "created_at",
    "author_id",
    "conversation_id",
    "lang",
    "referenced_tweets",
    "note_tweet",
    "edit_history_tweet_ids",
]
QUERY_MAX = 512  # recent search's longest query on self-serve access (docs.x.com, build a query)
NO_RETWEETS = "-is:retweet"


def default_query(brand_query: str) -> str:
    """The brand's terms without retweets (X's search returns them unless told not to), when
    that still fits X's query limit; the listener skips retweets either way."""
    query = f"({brand_query}) {NO_RETWEETS}"
    return query if brand_query and len(query) <= QUERY_MAX else brand_query


def full_text(tweet: dict[str, Any]) -> str:
    """The post's whole text as its author wrote it: X sends `&`, `<` and `>` as HTML entities
    (the desk escapes on render; sentiment and look-ups want the characters)."""
    note = tweet.get("note_tweet")
    text = note.get("text") if isinstance(note, dict) else None
    return html.unescape(text if isinstance(text, str) and text else str(tweet["text"]))


def latest_versions(tweets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`tweets` without a version another one in them edits (X serves the latest only, but a
    page may hold both if the edit came while it was read)."""
    edited = {
        str(old)
        for t in tweets
        for old in (t.get("edit_history_tweet_ids") or [])[:-1]
        if str(old) != str(t["id"])
    }
    return [t for t in tweets if str(t["id"]) not in edited]


def is_retweet(tweet: dict[str, Any]) -> bool:
    return any(r.get("type") == "retweeted" for r in tweet.get("referenced_tweets") or [])


class SinceTooOld(Exception):
    """X refused the saved since_id (recent search only goes back seven days)."""


# The errors `refusal` says the meaning of (a 429 aside: the source reads its body).
CLIENT_ERRORS = (tweepy.HTTPException, aiohttp.ClientError, TimeoutError, ValueError)


def refusal(endpoint: str, exc: Exception, *, since: bool) -> Exception:
    """One of CLIENT_ERRORS as the poller's error kinds (`since`: the call sent a since_id)."""
    if isinstance(exc, tweepy.Unauthorized | tweepy.Forbidden):
        return FatalError(f"x {endpoint}: {exc}; check the bearer token")
    if isinstance(exc, tweepy.TwitterServerError):
        return TransientError(f"x {endpoint}: {exc}")
    if isinstance(exc, tweepy.BadRequest) and since and names_parameter(exc, "since_id"):
        return SinceTooOld()
    if isinstance(exc, tweepy.HTTPException):
        return FatalError(f"x {endpoint}: {exc}")
    if isinstance(exc, aiohttp.ClientError | TimeoutError):
        return TransientError(f"x {endpoint}: {type(exc).__name__}")
    return TransientError(f"x {endpoint}: malformed JSON ({exc})")  # not JSON, or cut short


def names_parameter(exc: tweepy.HTTPException, name: str) -> bool:
    return any(name in (e.get("parameters") or {}) for e in exc.api_errors if isinstance(e, dict))


def titles(errors: list[Any]) -> str:
    return json.dumps([e.get("title") or e.get("message") for e in errors])[:200]
