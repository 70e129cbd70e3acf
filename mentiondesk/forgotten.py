"""Erased authors who had asked not to be contacted, kept as fingerprints only.

Erasing an author deletes their row and with it the do-not-contact flag; if they post again
a fresh row would be contactable, breaking the "stop messaging me" they gave. So the erasure
keeps a fingerprint of a listed author's platform and account id, which names nobody in the
database, and ingesting puts a returning account whose fingerprint matches back on the list. The
account id, not the handle: handles change and are easy to guess from a short list.

Someone who asks not to be contacted before they ever mention the brand (by email, on the
phone) has no row to flag: their handle is kept the same way, as a fingerprint of platform and
handle (lower case where the platform ignores case), and their first post puts them on the
list before any draft is written for it.

The fingerprints are HMAC-SHA256 under a key (mentiondesk.fingerprint_keys): a plain hash of
a handle or id lets anyone holding the fingerprints test a guess against them, and is the same
in every install. The key is the store's own, in the same database (a copy of all of it still
allows guessing; a copy of the fingerprints alone does not), or derived from the operator's
secret kept outside it. Older releases kept plain sha256, and fingerprints kept before the
secret was set are under the store's key: those still match (a look-up tries every form), and
what is kept now is under the newest key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.fingerprint_keys import key_for, keys_for
from mentiondesk.models import CASELESS_HANDLES, current_platform, named_as
from mentiondesk.tables import AUTHOR, FORGOTTEN

_NAME = "forgotten"  # the key's row in fingerprint_key


def fingerprint(platform: str, external_id: str, key: bytes | None = None) -> str:
    """The kept fingerprint of an account: hex HMAC-SHA256 under `key` of
    "platform\\nexternal id" (plain sha256 without a key, as older releases kept it)."""
    return _digest(key, f"{platform}\n{external_id}")


def handle_fingerprint(platform: str, handle: str, key: bytes | None = None) -> str:
    """The kept fingerprint of a handle listed before it was seen, of
    "handle\\nplatform\\nhandle" (lower case where the platform ignores case), which no
    account's can equal."""
    folded = handle.lower() if platform in CASELESS_HANDLES else handle
    return _digest(key, f"handle\n{platform}\n{folded}")


def fingerprint_key(conn: Connection, *, create: bool = False) -> bytes | None:
    """This install's key for new do-not-contact fingerprints (made now if `create`), else
    None: no keyed fingerprint can have been kept without it."""
    return key_for(conn, _NAME, create=create)


def fingerprint_keys(conn: Connection) -> list[bytes]:
    """Every key a kept do-not-contact fingerprint may be under (fingerprint_keys.keys_for)."""
    return keys_for(conn, _NAME)


def _digest(key: bytes | None, message: str) -> str:
    if key is None:
        return hashlib.sha256(message.encode()).hexdigest()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def _forms(keys: list[bytes], platform: str, text: str, *, handle: bool) -> list[str]:
    """Every form a fingerprint may be kept in: under each key, and plain."""
    make = handle_fingerprint if handle else fingerprint
    return [make(platform, text, k) for k in [*keys, None]]


def _kept(conn: Connection, digests: Collection[str]) -> set[str]:
    found = sa.select(FORGOTTEN.c.digest).where(FORGOTTEN.c.digest.in_(list(digests)))
    return set(conn.scalars(found))


def keep_handle(conn: Connection, platform: str, handle: str) -> bool:
    """Keep `handle` on `platform`, nobody we have seen, on the list for when they post;
    False if it was kept already."""
    key = fingerprint_key(conn, create=True)
    if _kept(conn, _forms(fingerprint_keys(conn), platform, handle, handle=True)):
        return False
    conn.execute(sa.insert(FORGOTTEN).values(digest=handle_fingerprint(platform, handle, key)))
    return True


def listed_forms(platform: str, handles: Collection[str], home: Collection[str]) -> set[str]:
    """The forms these stored handles may have been listed in before they were seen: each
    handle, and for a listening Mastodon instance's own account, stored as "ana", the form
    with its server (`home`: the instances' lower-case hosts), kept beside "ana" when
    "ana@our.server" was listed (contacts._handle_forms)."""
    forms = {h for h in handles if h}
    if platform == "mastodon":
        forms |= {f"{h}@{host}" for h in forms if "@" not in h for host in home}
    return forms


def drop_handle(conn: Connection, platform: str, handle: str) -> bool:
    """Take a handle listed before it was seen off the list; False if it was not on it."""
    forms = _forms(fingerprint_keys(conn), platform, handle, handle=True)
    return bool(conn.execute(sa.delete(FORGOTTEN).where(FORGOTTEN.c.digest.in_(forms))).rowcount)


def keep_forgotten(conn: Connection, accounts: Collection[tuple[str, str]]) -> None:
    """Keep the fingerprints of (platform, external id) accounts being erased while listed."""
    if not accounts:
        return
    key = fingerprint_key(conn, create=True)
    keys = fingerprint_keys(conn)
    fresh = []
    # Under the platform's name now: an account an older release stored as "twitter" comes
    # back as "x" (the only name ingesting gives it).
    for platform, external_id in sorted({(current_platform(p), e) for p, e in accounts}):
        if not _kept(conn, _forms(keys, platform, external_id, handle=False)):
            fresh.append({"digest": fingerprint(platform, external_id, key)})
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
    if not authors and not handles:
        return
    keys = fingerprint_keys(conn)
    by_digest = {
        d: i
        for (p, e), i in authors.items()
        for name in named_as(p)  # kept under a former name by an older release, too
        for d in _forms(keys, name, e, handle=False)
    }
    by_digest |= {d: i for i, (p, h) in handles.items() for d in _forms(keys, p, h, handle=True)}
    found = conn.scalars(sa.select(FORGOTTEN.c.digest).where(FORGOTTEN.c.digest.in_(by_digest)))
    ids = [by_digest[d] for d in found] + _listed_before(conn, authors)
    if ids:
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id.in_(ids)).values(do_not_contact=True))


def _listed_before(conn: Connection, authors: Mapping[tuple[str, str], int]) -> list[int]:
    """The row ids of these authors whose account an older release stored under the
    platform's former name ("twitter" for "x") and listed there: a row per name, one person."""
    former = [(old, e, i) for (p, e), i in authors.items() for old in named_as(p)[1:]]
    if not former:
        return []
    listed = sa.select(AUTHOR.c.platform, AUTHOR.c.external_id).where(
        sa.tuple_(AUTHOR.c.platform, AUTHOR.c.external_id).in_([(o, e) for o, e, _ in former]),
        AUTHOR.c.do_not_contact.is_(True),
    )
    found = {(p, e) for p, e in conn.execute(listed)}
    return [i for old, e, i in former if (old, e) in found]


def unlist_forgotten(
    conn: Connection, author_ids: Collection[int], home: Collection[str] = ()
) -> None:
    """Drop the fingerprints of these authors, of their accounts and handles in every form
    they may have been listed in (listed_forms; `home` as there), taken off the list by a
    person."""
    keys = fingerprint_keys(conn)
    accounts = conn.execute(
        sa.select(AUTHOR.c.platform, AUTHOR.c.external_id, AUTHOR.c.handle).where(
            AUTHOR.c.id.in_(author_ids)
        )
    ).all()
    digests = [
        d
        for p, e, _ in accounts
        for name in named_as(current_platform(p))  # kept under its name now or a former one
        for d in _forms(keys, name, e, handle=False)
    ]
    digests += [
        d
        for p, _, h in accounts
        for form in sorted(listed_forms(p, [h], home))
        for d in _forms(keys, p, form, handle=True)
    ]
    if digests:
        conn.execute(sa.delete(FORGOTTEN).where(FORGOTTEN.c.digest.in_(digests)))


def drop_forgotten(conn: Connection, platform: str, external_id: str) -> bool:
    """Take an account no longer stored (erased, or blanked by the retention) off the list:
    its fingerprint, in every form it may be kept in; False if none was kept."""
    keys = fingerprint_keys(conn)
    names = named_as(current_platform(platform))  # kept under its name now or a former one
    forms = [d for name in names for d in _forms(keys, name, external_id, handle=False)]
    gone = conn.execute(sa.delete(FORGOTTEN).where(FORGOTTEN.c.digest.in_(forms)))
    return bool(gone.rowcount)
