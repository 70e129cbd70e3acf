"""Erased authors who had asked not to be contacted, kept as fingerprints only.

Erasing an author deletes their row and with it the do-not-contact flag; if they post again
a fresh row would be contactable, breaking the "stop messaging me" they gave. So the erasure
keeps sha256(platform, account id) of a listed author, which names nobody in the database,
and ingesting puts a returning account whose fingerprint matches back on the list. The
account id, not the handle: handles change and are easy to guess from a short list.

Someone who asks not to be contacted before they ever mention the brand (by email, on the
phone) has no row to flag: their handle is kept the same way, as sha256 of platform and
handle (lower case where the platform ignores case), and their first post puts them on the
list before any draft is written for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import CASELESS_HANDLES
from mentiondesk.tables import AUTHOR, FORGOTTEN


def fingerprint(platform: str, external_id: str) -> str:
    """The kept fingerprint of an account: hex sha256 of "platform\\nexternal id"."""
    return hashlib.sha256(f"{platform}\n{external_id}".encode()).hexdigest()


def handle_fingerprint(platform: str, handle: str) -> str:
    """The kept fingerprint of a handle listed before it was seen: hex sha256 of
    "handle\\nplatform\\nhandle", which no account fingerprint can equal."""
    key = handle.lower() if platform in CASELESS_HANDLES else handle
    return hashlib.sha256(f"handle\n{platform}\n{key}".encode()).hexdigest()


def keep_handle(conn: Connection, platform: str, handle: str) -> None:
    """Keep `handle` on `platform`, nobody we have seen, on the list for when they post."""
    digest = handle_fingerprint(platform, handle)
    if conn.scalar(sa.select(FORGOTTEN.c.digest).where(FORGOTTEN.c.digest == digest)) is None:
        conn.execute(sa.insert(FORGOTTEN).values(digest=digest))


def drop_handle(conn: Connection, platform: str, handle: str) -> bool:
    """Take a handle listed before it was seen off the list; False if it was not on it."""
    digest = handle_fingerprint(platform, handle)
    return bool(conn.execute(sa.delete(FORGOTTEN).where(FORGOTTEN.c.digest == digest)).rowcount)


def keep_forgotten(conn: Connection, accounts: Collection[tuple[str, str]]) -> None:
    """Keep the fingerprints of (platform, external id) accounts being erased while listed."""
    digests = {fingerprint(p, e) for p, e in accounts}
    if not digests:
        return
    kept = set(conn.scalars(sa.select(FORGOTTEN.c.digest).where(FORGOTTEN.c.digest.in_(digests))))
    fresh = [{"digest": d} for d in sorted(digests - kept)]
    if fresh:
        conn.execute(sa.insert(FORGOTTEN), fresh)


def relist_forgotten(
    conn: Connection,
    authors: Mapping[tuple[str, str], int],
    handles: Mapping[int, tuple[str, str]],
) -> None:
    """Put back on do-not-contact the ingested authors ((platform, external id) → row id)
    who were erased while on it, or whose handle (row id → platform, handle) was listed
    before it was seen."""
    by_digest = {fingerprint(p, e): author_id for (p, e), author_id in authors.items()}
    by_digest |= {handle_fingerprint(p, h): author_id for author_id, (p, h) in handles.items()}
    if not by_digest:
        return
    found = conn.scalars(sa.select(FORGOTTEN.c.digest).where(FORGOTTEN.c.digest.in_(by_digest)))
    ids = [by_digest[d] for d in found]
    if ids:
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id.in_(ids)).values(do_not_contact=True))


def unlist_forgotten(conn: Connection, author_ids: Collection[int]) -> None:
    """Drop the fingerprints of these authors, of their accounts and handles (taken off the
    list by a person)."""
    accounts = conn.execute(
        sa.select(AUTHOR.c.platform, AUTHOR.c.external_id, AUTHOR.c.handle).where(
            AUTHOR.c.id.in_(author_ids)
        )
    )
    digests = [d for p, e, h in accounts for d in (fingerprint(p, e), handle_fingerprint(p, h))]
    if digests:
        conn.execute(sa.delete(FORGOTTEN).where(FORGOTTEN.c.digest.in_(digests)))
