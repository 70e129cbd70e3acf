"""X's API v2 as the X source meets it: the session tweepy calls through, the fields asked
for, a post's text as written, retweets, and what a refusal means."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace
from typing import Any

import aiohttp
import tweepy
from yarl import URL

from mentiondesk.models import FatalError, TransientError

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


class RewriteSession:
    """An aiohttp session for tweepy that sends its hard-coded api.twitter.com calls to `base`.

    It also keeps each answer's headers, since tweepy's Response does not carry them.
    """

    def __init__(self, base: str, *, timeout: float) -> None:
        self._base = URL(base)
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self.last: dict[str, str] = {}

    def request(self, method: str, url: str | URL, **kwargs: Any) -> Any:
        if self._session is None:  # made on the loop that uses it
            trace = aiohttp.TraceConfig()
            trace.on_request_end.append(self._on_end)
            self._session = aiohttp.ClientSession(timeout=self._timeout, trace_configs=[trace])
        target = URL(url, encoded=isinstance(url, URL))
        target = target.with_scheme(self._base.scheme).with_host(self._base.host or "")
        target = target.with_port(self._base.explicit_port)
        return self._session.request(method, target, **kwargs)

    async def _on_end(self, _session: Any, _ctx: SimpleNamespace, params: Any) -> None:
        self.last = {k.lower(): v for k, v in params.response.headers.items()}

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


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
