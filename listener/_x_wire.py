"""X's API v2 as the X source meets it: the fields asked for, a post's text as written,
retweets, the mention a post makes and what a refusal means."""

from __future__ import annotations

import html
import json
import logging
from typing import Any

import aiohttp
import tweepy

from listener._items import readable
from listener._wire import parse_time
from mentiondesk.models import Author, FatalError, Mention, TransientError

_LOGGER = logging.getLogger(__name__)

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


# The posts each one references (quoted, answered) and their authors come in `includes`:
# a quote or a reply says little without what it quotes or answers.
EXPANSIONS = ["author_id", "referenced_tweets.id", "referenced_tweets.id.author_id"]


def mentions_of(
    source: str,
    endpoint: str,
    tweets: list[dict[str, Any]],
    users: dict[str, dict[str, Any]],
    referenced: dict[str, dict[str, Any]] | None = None,
) -> list[Mention]:
    """The page's posts as mentions, each read on its own (one that cannot be read is skipped);
    retweets are left out: a retweet is someone passing on a post (its text an "RT @…:" cut of
    it), not their own words. Quote posts are their own; `referenced` (includes.tweets, by
    id) gives what a quote quotes and a reply answers."""
    kept = [t for t in latest_versions(tweets) if not is_retweet(t)]
    if len(kept) < len(tweets):
        _LOGGER.debug(
            "x %s: %d retweets of %d posts skipped",
            endpoint,
            len(tweets) - len(kept),
            len(tweets),
        )
    refs = referenced or {}
    return readable(
        f"{source} {endpoint}", kept, lambda t: _mention(t, users, refs), lambda t: t["id"]
    )


def _referenced(tweet: dict[str, Any], kind: str) -> str | None:
    """The id of the post `tweet` references as `kind` ("quoted", "replied_to"), if any."""
    refs = tweet.get("referenced_tweets") or []
    return next((str(r["id"]) for r in refs if r.get("type") == kind and r.get("id")), None)


def _context(
    tweet: dict[str, Any], users: dict[str, dict[str, Any]], refs: dict[str, dict[str, Any]]
) -> tuple[str, str | None]:
    """A line for the post `tweet` quotes (its address, as Bluesky's and Mastodon's quotes
    read; "" for none), and what it is on: the quoted post, else the one it answers, as
    "@author: text" (None when X did not send it: deleted, its author suspended)."""
    quoted = _referenced(tweet, "quoted")
    about = refs.get(quoted or _referenced(tweet, "replied_to") or "")
    author = users.get(str((about or {}).get("author_id")), {}).get("username")
    title = None
    if about is not None and about.get("text") is not None:
        title = f"@{author}: {full_text(about)}" if author else full_text(about)
    if quoted is None:
        return "", title
    quoted_by = author if about is not None and author else "i"  # x.com/i/status/ID: any post
    return f"\n↪️ https://x.com/{quoted_by}/status/{quoted}", title


def _mention(
    tweet: dict[str, Any], users: dict[str, dict[str, Any]], refs: dict[str, dict[str, Any]]
) -> Mention:
    user = users.get(str(tweet.get("author_id")), {})
    handle = user.get("username", str(tweet.get("author_id", "")))
    # Each edit is a new post id, listed oldest first; X serves the latest. The first id keys
    # the mention (an edit is not a second mention; the store takes it as an edit of the one
    # it has); the URL links the version read, which the X responder replies to.
    history = [str(i) for i in tweet.get("edit_history_tweet_ids") or [tweet["id"]]]
    parent = _referenced(tweet, "replied_to")
    quote_line, on_title = _context(tweet, users, refs)
    return Mention(
        platform="x",
        external_id=str(history[0]),
        author=Author(
            id=str(tweet.get("author_id", "")),
            handle=handle,
            name=user.get("name", ""),
            followers=int((user.get("public_metrics") or {}).get("followers_count", 0)),
        ),
        text=full_text(tweet) + quote_line,
        created_at=parse_time(tweet["created_at"]),
        url=f"https://x.com/{handle}/status/{tweet['id']}",
        lang=tweet.get("lang"),
        thread_id=tweet.get("conversation_id"),
        parent_id=parent,
        edit_id=str(tweet["id"]) if len(history) > 1 else None,
        on_title=on_title,
    )
