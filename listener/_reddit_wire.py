"""Reddit's listings and error answers as the Reddit source meets them through asyncprawcore:
what a refusal means, when an item was posted, which submission a comment is under and the
mention a listing item makes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import asyncprawcore

from listener._wire import parse_time
from mentiondesk.models import Author, FatalError, Mention, TransientError

GONE = {"[deleted]", "[removed]"}
# Subreddits that take in all of Reddit: r/all/comments is every comment posted (the firehose).
FIREHOSE = frozenset({"all", "popular"})
# The listings naming subreddits: what Reddit answers for one it cannot show means the same.
_SUBREDDIT_LISTINGS = ("search", "comments")


def refusal(endpoint: str, exc: asyncprawcore.ResponseException, subs: str) -> Exception:
    """What an error answer means (`subs`: the subreddits read, as an operator wrote them).
    A subreddit that is misspelt, banned, private or blocked stays so: retrying would back off
    forever without a word, so these stop."""
    status = exc.response.status
    if endpoint in _SUBREDDIT_LISTINGS and (fatal := _subreddit_refusal(endpoint, exc, subs)):
        return fatal
    if status in (401, 403):
        return FatalError(f"reddit {endpoint}: {status}; check the credentials and account")
    return TransientError(f"reddit {endpoint}: status {status}")


def _subreddit_refusal(
    endpoint: str, exc: asyncprawcore.ResponseException, subs: str
) -> FatalError | None:
    status = exc.response.status
    if isinstance(exc, asyncprawcore.Redirect):  # Reddit sends an unknown r/X to
        return FatalError(  # subreddit search; asyncprawcore does not follow it
            f"reddit {endpoint}: {subs} does not exist (Reddit redirects to {exc.path}); "
            "check the spelling in the source's `subreddits`"
        )
    if status == 404:
        return FatalError(
            f"reddit {endpoint}: {subs} is banned or gone (404); "
            "take it out of the source's `subreddits`"
        )
    if status == 403:
        return FatalError(
            f"reddit {endpoint}: {subs} is private or quarantined (403); have the account "
            "approved (private) or opted in (quarantined), or take it out of `subreddits`"
        )
    if status == 451:
        return FatalError(
            f"reddit {endpoint}: {subs} is unavailable for legal reasons where this runs "
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


def name_of(child: dict[str, Any]) -> str:
    """A listing item's fullname (`t1_…`, `t3_…`): the same whichever listing shows it."""
    return str(child["data"]["name"])


def edit_version(data: dict[str, Any]) -> str | None:
    """The version of an edited post, for the store (edited_posts): Reddit keeps its id and
    says when it was last edited (`edited`: seconds since the epoch, or false), so the version
    is that time in milliseconds, later with each edit. A post re-listed within the look-back
    (OVERLAP) after its author fixed it is then read at its new text, not dropped as a
    repeat. None when never edited, or when `edited` is no time."""
    edited = edited_at(data)
    return str(int(edited * 1000)) if edited else None


def edited_at(data: dict[str, Any]) -> float:
    """When a post was last edited (seconds since the epoch); 0.0 when never, or no time."""
    edited = data.get("edited")
    if isinstance(edited, bool) or not isinstance(edited, int | float) or edited <= 0:
        return 0.0
    return float(edited)


def edited_since(children: list[Any], since: float, floor: float) -> list[Any]:
    """The items listed from before the look-back (`since`) that were edited after it. Reddit
    keeps an edited post where its creation put it, so a listing shows the edit of one hours
    old as long as it is on the page read: it is read again at its new text. One from before
    the source started (`floor`) stays history, edited or not."""
    return [c for c in children if floor <= created(c) < since and edited_at(c["data"]) >= since]


def passed_on(data: dict[str, Any]) -> dict[str, Any] | None:
    """The original of a crosspost that adds no words (its title, no text of its own): like
    a retweet it passes that post on. None for any other post."""
    parents = data.get("crosspost_parent_list") or []
    parent = parents[0] if parents and isinstance(parents[0], dict) else None
    if not data.get("crosspost_parent") or parent is None:
        return None
    return parent if not data.get("selftext") and data.get("title") == parent.get("title") else None


def _removed(data: dict[str, Any]) -> bool:
    """A submission taken down by its subreddit's moderators, Reddit's spam filter or Reddit:
    its author and title stay listed, its text is "[removed]" (a link post's shows nothing),
    and `removed_by_category` says who took it down. No one sees it there to be answered."""
    text = data.get("selftext")
    return bool(data.get("removed_by_category")) or (isinstance(text, str) and text in GONE)


def _linked(data: dict[str, Any]) -> str:
    """Where a link post links ("" for a text post or a crosspost, whose `url` is a Reddit
    path): its title alone often does not say what is shared, the brand's blog or a
    competitor's benchmark, as on Hacker News."""
    url = data.get("url")
    if data.get("is_self") is not False or not isinstance(url, str):
        return ""
    return url if url.startswith(("https://", "http://")) else ""


def _always(original: dict[str, Any]) -> bool:
    return True


def mention_of(
    child: dict[str, Any], repost: Callable[[dict[str, Any]], bool] = _always
) -> Mention | None:
    """The mention a submission (t3) or comment (t1) makes; None once deleted or removed, or
    for a crosspost that only passes on an original `repost` says is no mention (read
    anyway, or the brand's own).

    Its `external_id` is the fullname, so a comment read from the inbox and from the comments
    listing is one mention (the endpoints' seen-list, then the store, keep the first)."""
    kind, data = child.get("kind"), child.get("data", {})
    author = data.get("author") or "[deleted]"
    if author in GONE or _removed(data):
        return None
    if kind == "t3":
        original = passed_on(data)
        if original is not None and repost(original):
            return None
        parts = (data.get("title", ""), data.get("selftext", ""), _linked(data))
        text = "\n\n".join(p for p in parts if p)
        thread, parent = data["name"], None
    else:
        text = data.get("body", "")
        thread, parent = data.get("link_id") or thread_of(data), data.get("parent_id")
    if text.strip() in GONE:  # deleted or removed after it was listed
        return None
    link = data.get("permalink") or data.get("context") or ""
    return Mention(
        platform="reddit",
        external_id=data["name"],
        author=Author(id=data.get("author_fullname") or author, handle=author, name=author),
        text=text,
        created_at=parse_time(float(data["created_utc"])),
        url=f"https://www.reddit.com{link}" if link.startswith("/") else link,
        thread_id=thread,
        parent_id=parent,
        edit_id=edit_version(data),  # the same id, edited: the store reads it again
        # The post a comment is under, by its title (listings and the inbox both give it).
        on_title=data.get("link_title") if kind != "t3" else None,
    )
