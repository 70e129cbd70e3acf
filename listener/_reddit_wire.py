"""Reddit's listings and error answers as the Reddit source meets them through asyncprawcore:
what a refusal means, when an item was posted and which submission a comment is under."""

from __future__ import annotations

from typing import Any

import asyncprawcore

from mentiondesk.models import FatalError, TransientError

GONE = {"[deleted]", "[removed]"}


def refusal(endpoint: str, exc: asyncprawcore.ResponseException, subs: str) -> Exception:
    """What an error answer means (`subs`: the subreddits searched, as an operator wrote them).
    A subreddit that is misspelt, banned, private or blocked stays so: retrying would back off
    forever without a word, so these stop."""
    status = exc.response.status
    if endpoint == "search" and (fatal := _search_refusal(exc, subs)):
        return fatal
    if status in (401, 403):
        return FatalError(f"reddit {endpoint}: {status}; check the credentials and account")
    return TransientError(f"reddit {endpoint}: status {status}")


def _search_refusal(exc: asyncprawcore.ResponseException, subs: str) -> FatalError | None:
    status = exc.response.status
    if isinstance(exc, asyncprawcore.Redirect):  # Reddit sends an unknown r/X to
        return FatalError(  # subreddit search; asyncprawcore does not follow it
            f"reddit search: {subs} does not exist (Reddit redirects to {exc.path}); "
            "check the spelling in the source's `subreddits`"
        )
    if status == 404:
        return FatalError(
            f"reddit search: {subs} is banned or gone (404); "
            "take it out of the source's `subreddits`"
        )
    if status == 403:
        return FatalError(
            f"reddit search: {subs} is private or quarantined (403); have the account "
            "approved (private) or opted in (quarantined), or take it out of `subreddits`"
        )
    if status == 451:
        return FatalError(
            f"reddit search: {subs} is unavailable for legal reasons where this runs "
            "(451); take it out of the source's `subreddits`"
        )
    return None


def created(child: dict[str, Any]) -> float:
    """When a listing item was posted, in Reddit's own clock (seconds since the epoch)."""
    return float(child["data"].get("created_utc", 0))


def thread_of(data: dict[str, Any]) -> str | None:
    """The submission of an inbox comment, which has no `link_id`: Reddit gives it only in
    `context`, "/r/<sub>/comments/<submission>/<slug>/<comment>/?context=3" (as asyncpraw's
    Comment._extract_submission_id reads it)."""
    parts = str(data.get("context") or "").split("?")[0].split("/")
    if "comments" not in parts:
        return None
    at = parts.index("comments") + 1
    return f"t3_{parts[at]}" if at < len(parts) and parts[at] else None
