"""The do-not-contact list: people who asked us to stop get no private message."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa

from mentiondesk import registry
from mentiondesk.forgotten import drop_handle, keep_handle, unlist_forgotten
from mentiondesk.models import CASELESS_HANDLES, FORMER_PLATFORMS, SourceConfig, named_as
from mentiondesk.opt_outs import (
    listed_by,
    lock_authors,
    withdraw_for_listed,
    withdraw_private_drafts,
)
from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR
from playbooks.conditions import unknown


@dataclass(frozen=True, slots=True)
class Listing:
    """What putting an author on (or off) the list changed."""

    authors: int  # accounts with that handle on the platform
    withdrawn: int  # their pending private drafts, withdrawn (none when taken off the list)
    author_ids: tuple[int, ...] = ()  # those accounts: the audit trail records under theirs
    # The platform of a handle nobody has seen yet (listed for their first post), else "".
    unseen: str = ""
    # Listed already, every account: listing changed nothing (but drafts an older release left
    # pending, withdrawn now).
    already: bool = False


def set_do_not_contact(
    store: Store,
    platform: str,
    handle: str,
    *,
    by: str,
    value: bool = True,
    home: Collection[str] = (),
    only: Collection[int] = (),
) -> Listing:
    """Put an author (every account with that handle on the platform, or the author rows
    `only`, found by account id or post) on do-not-contact, and withdraw their pending private
    drafts naming `by`; with value=False take them off the list (nothing withdrawn comes back:
    the next draft is a fresh one). `home`: the hosts of the Mastodon instances the sources
    listen on (stored_forms)."""
    platform, handle = platform.strip().lower(), handle.strip().lstrip("@")
    forms = stored_forms(platform, handle, home)
    with store.engine.begin() as conn:
        # Under the platform's former name too: a DM drafted to an older release's row of
        # theirs ("twitter") is withdrawn with the rest.
        anyone = sa.or_(*(same_author(p, form) for p in named_as(platform) for form in forms))
        # The platform's own rows first: the audit line names the first (audit.record_listing).
        found = sa.select(AUTHOR.c.id).where(anyone)
        found = found.order_by(AUTHOR.c.platform != platform, AUTHOR.c.id)
        ids = sorted(only) or list(conn.scalars(found))
        if not ids:
            return _unseen(conn, platform, handle, value=value)
        # Drafts being written for them finish first (the withdrawal below then sees them);
        # drafts written after this commit see the list (decisions.record).
        lock_authors(conn, ids)
        listed = conn.scalars(sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.id.in_(ids)))
        already = all(listed.all()) and value
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id.in_(ids)).values(do_not_contact=value))
        if not value:  # an erased author who came back: the kept fingerprint must not relist them
            unlist_forgotten(conn, ids, home)
        withdrawn = withdraw_private_drafts(conn, ids, listed_by(by), _utcnow()) if value else 0
    return Listing(len(ids), withdrawn, tuple(ids), already=already)


def _unseen(conn: sa.Connection, platform: str, handle: str, *, value: bool) -> Listing:
    """List (or unlist) a handle on a platform a source listens to that nobody has posted from
    yet: someone who asked in an email or a call before their first mention. NotFound for
    another platform ("twitter": stored by older releases, listened to as "x"), an empty
    handle, or unlisting a handle that was not listed."""
    if platform not in registry.platforms() or not handle:
        raise NotFound(no_author(conn, platform, handle))
    forms = _handle_forms(platform, handle)
    if value:
        added = False
        for form in forms:  # each form kept (a row each); listed before if none was new
            added = keep_handle(conn, platform, form) or added
        return Listing(0, 0, unseen=platform, already=not added)
    if not [form for form in forms if drop_handle(conn, platform, form)]:
        raise NotFound(no_author(conn, platform, handle))
    return Listing(0, 0, unseen=platform)


def mastodon_homes(sources: Iterable[SourceConfig]) -> frozenset[str]:
    """The hosts of the Mastodon instances the sources read from (lower case): their own
    accounts are stored without a server (stored_forms)."""
    urls = (s.base_url for s in sources if s.kind == "mastodon" and s.base_url)
    return frozenset((urlsplit(url).hostname or "").lower() for url in urls)


def stored_forms(platform: str, handle: str, home: Collection[str]) -> tuple[str, ...]:
    """The forms a seen author's handle is stored in. The Mastodon listener stores an
    account's `acct`, which names an account of the instance it reads from without its server
    ("ana", not "ana@our.server"): written with one of `home` (lower-case hosts), "ana" too."""
    user, at, server = handle.partition("@")
    if platform == "mastodon" and at and user and server.lower() in home:
        return (handle, user)
    return (handle,)


def _handle_forms(platform: str, handle: str) -> tuple[str, ...]:
    """The forms an unseen handle may take once seen. A Mastodon instance names its own
    accounts without their server ("ana", not "ana@our.server"), and the CLI cannot know which
    instance a source listens on: "ana@server" keeps "ana" too (at worst someone of that name
    on the listening instance gets no private message)."""
    user, at, _server = handle.partition("@")
    return (handle, user) if platform == "mastodon" and at and user else (handle,)


def same_author(platform: str, handle: str) -> sa.ColumnElement[bool]:
    """SQL: an author row is `handle` (no @) on `platform` (lower case), as that platform
    compares handles."""
    if platform in CASELESS_HANDLES:
        same = sa.func.lower(AUTHOR.c.handle) == handle.lower()
    else:
        same = AUTHOR.c.handle == handle
    return sa.and_(AUTHOR.c.platform == platform, same)


def no_author(conn: sa.Connection, platform: str, handle: str) -> str:
    """Why nobody matched: a platform no source listens to ("twitter": did you mean 'x'?, as
    a rule's is), one the store has no authors on (say which it has), or the handle."""
    known = list(conn.scalars(sa.select(AUTHOR.c.platform).distinct().order_by(AUTHOR.c.platform)))
    if platform in known:  # "twitter" too, where an older release stored authors under it
        return f"no author {handle!r} on {platform}"
    if platform not in registry.platforms():
        return unknown("platform", platform, registry.platforms(), FORMER_PLATFORMS)
    if not known:
        # Not "yet": after erasures, nothing left is not nothing ever read.
        return f"no authors on {platform!r}: no author stored (none read yet, or all erased)"
    return f"no authors on {platform!r}; the store has authors on: {', '.join(known)}"


def do_not_contact_list(store: Store) -> list[tuple[str, str, str]]:
    """(platform, handle, name) of every author who asked not to be contacted."""
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, AUTHOR.c.name)
        .where(AUTHOR.c.do_not_contact.is_(True))
        .order_by(AUTHOR.c.platform, AUTHOR.c.handle)
    )
    with store.engine.connect() as conn:
        return [(p, h, n) for p, h, n in conn.execute(query)]


def withdraw_stale_drafts(store: Store) -> int:
    """Withdraw the private drafts still waiting for authors on the list; return how many.

    Run at start-up: drafts an older release left (it wrote them without checking the list
    under the author's lock, or listed without withdrawing) would otherwise wait in the queue
    for an approval that is refused (and a DM the outbox holds back)."""
    with store.engine.begin() as conn:
        return withdraw_for_listed(conn, _utcnow())


def _utcnow() -> datetime:
    return datetime.now(UTC)
