"""Finding an author to erase by more than their current handle.

Someone who renamed their account and has not posted since is stored under the old handle:
asked for by the new one they are "not found", which could be passed on as "we hold no data".
So an author is also found by the platform's account id, or by the link of one of their
posts (the post is looked up, never the handle in the link: X ignores it, and an old handle
may belong to someone else now).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa

from mentiondesk.contacts import no_author, same_author, stored_forms
from mentiondesk.models import CASELESS_HANDLES, named_as
from mentiondesk.queue import NotFound
from mentiondesk.tables import AUTHOR, MENTION

_X_HOSTS = {"x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"}
_X_POST = re.compile(r"^/[^/]+/status(?:es)?/(\d+)")
_BSKY_POST = re.compile(r"^/profile/([^/]+)/post/([A-Za-z0-9._~:-]+)")
_REDDIT_POST = re.compile(r"^(?:/r/[^/]+)?/comments/([a-z0-9]+)(?:/[^/]*/([a-z0-9]+))?", re.I)
_MASTODON_POST = re.compile(r"^/@[^/]+/(\d+)")


@dataclass(frozen=True, slots=True)
class Wanted:
    """Who to find on `platform`: by handle, account id or a post's link (one of them)."""

    platform: str
    handle: str = ""
    account_id: str = ""
    post_url: str = ""
    # The hosts of the Mastodon instances the sources read from (lower case): their own
    # accounts are stored without a server, so "ana@our.server" finds "ana" (stored_forms).
    home: frozenset[str] = frozenset()

    def searched(self) -> str:
        """What was looked for, for the "not found" message."""
        if self.account_id:
            return f"account id {self.account_id!r}"
        if self.post_url:
            return f"post {self.post_url!r}"
        return f"handle {self.handle!r}"

    def other_ways(self) -> str:
        """The ways to look that were not tried, for the "not found" message."""
        handle, account = "their handle", "their account id (--id)"
        post = "the link of one of their posts (--post URL)"
        if self.account_id:
            return f"{handle} or {post}"
        if self.post_url:
            return f"{handle} or {account}"
        return f"{account} or {post}"


def post_of(url: str) -> tuple[str, sa.ColumnElement[bool]] | None:
    """(platform, SQL on mention) for a post's link on a platform we read; None otherwise."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path
    if host in _X_HOSTS and (m := _X_POST.match(path)):
        # An edited post is keyed by its first id; its link names the version read.
        by_url = MENTION.c.url.like(f"%/status/{m[1]}")
        return "x", sa.or_(MENTION.c.external_id == m[1], by_url)
    if host == "bsky.app" and (m := _BSKY_POST.match(path)):
        uri = f"/app.bsky.feed.post/{m[2]}"
        if m[1].startswith("did:"):
            return "bluesky", MENTION.c.external_id == f"at://{m[1]}{uri}"
        ends = MENTION.c.external_id.endswith(uri, autoescape=True)
        return "bluesky", sa.and_(MENTION.c.external_id.startswith("at://"), ends)
    if host.endswith("reddit.com") and (m := _REDDIT_POST.match(path)):
        name = f"t1_{m[2]}" if m[2] else f"t3_{m[1]}"
        return "reddit", MENTION.c.external_id == name.lower()
    if host == "news.ycombinator.com" and path == "/item":
        item = (parse_qs(parts.query).get("id") or [""])[0]
        return ("hackernews", MENTION.c.external_id == item) if item.isdigit() else None
    if _MASTODON_POST.match(path):  # another instance's status id is not ours: the link is
        plain = f"https://{host}{path.rstrip('/')}"
        return "mastodon", sa.func.lower(MENTION.c.url) == plain.lower()
    return None


def authors_wanted(wanted: Wanted) -> sa.ColumnElement[bool]:
    """SQL on author: the rows `wanted` names (a link that names no post: none), under the
    platform's former name too."""
    platforms = named_as(wanted.platform)
    if wanted.account_id:
        return sa.and_(AUTHOR.c.platform.in_(platforms), AUTHOR.c.external_id == wanted.account_id)
    if wanted.post_url:
        post = post_of(wanted.post_url)
        if post is None or post[0] != wanted.platform:
            return sa.false()
        posted = sa.select(MENTION.c.author_id).where(MENTION.c.platform.in_(platforms), post[1])
        return AUTHOR.c.id.in_(posted)
    if not wanted.handle:  # nobody: an author the retention blanked has handle ""
        return sa.false()
    forms = stored_forms(wanted.platform, wanted.handle, wanted.home)
    return sa.or_(*(same_author(p, form) for p in platforms for form in forms))


class Ambiguous(NotFound):
    """A handle that names several accounts: which one asked is for a person to say."""


def check_one(wanted: Wanted, authors: Sequence[Any]) -> None:
    """Raise Ambiguous when `wanted` is a handle stored on several accounts (rows with
    external_id and handle): a renamed account keeps its old handle here until it posts
    again, and someone else may have taken it and posted since. Exporting or erasing both
    would hand one person the other's posts, or erase someone who did not ask. Mastodon's
    "ana" and "ana@our.server" are one account's two forms (each instance's view), not two
    people."""
    if not wanted.handle:  # an account id or a post names one account
        return
    caseless = wanted.platform in CASELESS_HANDLES
    # An account stored under the platform's former name too is one account, not two.
    accounts = {(a.handle.lower() if caseless else a.handle, a.external_id) for a in authors}
    forms = Counter(form for form, _ in accounts)
    if all(n == 1 for n in forms.values()):
        return
    ids = ", ".join(sorted(repr(a.external_id) for a in authors))
    raise Ambiguous(
        f"the handle {wanted.handle!r} on {wanted.platform} is stored on {len(authors)} "
        f"accounts (account ids {ids}): someone who renamed their account is kept under the "
        "handle of their last post, which another person may have taken since. Give the "
        "account id of the one who asked (--id) or the link of one of their posts (--post URL)"
    )


def not_found(conn: sa.Connection, wanted: Wanted) -> str:
    """Nobody matched: say what was searched and the other ways to look (a renamed account
    is stored under its old handle until it posts again)."""
    if wanted.post_url:
        post = post_of(wanted.post_url)
        if post is None:
            return f"{wanted.post_url!r} is not a post link mentiondesk can read"
        if post[0] != wanted.platform:
            return f"{wanted.post_url!r} is a post on {post[0]}, not on {wanted.platform}"
    base = no_author(conn, wanted.platform, wanted.handle or "?")
    if not base.startswith("no author "):  # an unknown platform: that says it all
        return base
    return (
        f"no author found on {wanted.platform} by {wanted.searched()}; this is not proof "
        "that no data about them is stored: someone who renamed their account is kept under "
        f"the handle of their last post. Try {wanted.other_ways()}"
    )


def stored_authors(conn: sa.Connection, wanted: Wanted) -> tuple[tuple[int, ...], str]:
    """The author rows found by account id or post, and the handle they are stored under (the
    handle of their last post, which messages name); ((), "") when nobody matched. Their
    rows, not every account with that handle: another person may have taken it since."""
    query = sa.select(AUTHOR.c.id, AUTHOR.c.handle).where(authors_wanted(wanted))
    rows = conn.execute(query.order_by(AUTHOR.c.id)).all()
    return tuple(int(r.id) for r in rows), str(rows[0].handle) if rows else ""
