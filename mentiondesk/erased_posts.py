"""Posts erased on request, kept as keyed fingerprints so that reading them again does not
bring them back.

An erasure deletes the author's posts; a source that reads them again (its cursor deleted,
or Bluesky's and Hacker News's overlapping re-read windows) would store them anew, as if
never erased. So the erasure keeps HMAC-SHA256(key, platform and post id) of each, and
ingesting drops a post whose fingerprint is kept. Keyed by a random key of this store's own,
made by the first erasure, or derived from the operator's secret kept outside the database
(mentiondesk.fingerprint_keys): public post ids cannot be checked against a list from another
store, nor against one computed in advance. A look-up tries every key, so posts erased before
the secret was set stay erased.

A reply by someone else read after the erasure names the erased post by its id, as thread or
parent (on Bluesky that id holds the author's account id): it is stored with the post's
marker instead, as the replies stored before were given by the erasure (erasure_threads), so
it keeps no id of the post and still joins their thread. What it is on (on_title: the
erased story's or post's title, the listener brings it with every comment) is left out, as
the erasure blanked it on the comments stored before. A Bluesky post quoting an erased post
keeps no address of it either (erased_quote_lines: the address holds its author's DID), nor
does an X post quoting one at "x.com/i/status/ID" (X named no author for it: found by id), nor
does a post quoting any post of an author erased, stored or not, on Bluesky or Mastodon
(erased_profiles: their profile's address, kept as a fingerprint).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_digests import keep_digests, kept_among
from mentiondesk.erased_profiles import unquoted_later
from mentiondesk.erased_quote_lines import PLATFORM as QUOTING
from mentiondesk.erased_quote_lines import X as QUOTING_X
from mentiondesk.erased_quote_lines import (
    by_uri,
    quoted_posts,
    unquoted_text,
    unquoted_x_ids,
    x_quoted_ids,
)
from mentiondesk.fingerprint_keys import key_for, keys_for
from mentiondesk.models import Mention
from mentiondesk.tables import MENTION

_NAME = "erased_post"  # the key's row in fingerprint_key
_THREAD = "erased_thread"  # the markers' key's row
MARK = "erased:"  # a marker's start
# PostgreSQL advisory lock (one bigint key: not the two-key space of opt_outs' locks): an
# ingest holds it shared from reading the fingerprints to its commit, an erasure exclusive
# from its start. So an erasure's rewrite of others' quotes sees every post an ingest stored
# without its fingerprints, and an ingest after it reads them: none keeps their address.
_ERASING = 0x6D64_6572  # "mder"


def keep_erased(conn: Connection, mentions: Any) -> None:
    """Keep the fingerprints of these posts (`mentions`: their ids, a subquery), before they
    are deleted."""
    posts = conn.execute(
        sa.select(MENTION.c.platform, MENTION.c.external_id, MENTION.c.edit_id).where(
            MENTION.c.id.in_(mentions)
        )
    ).all()
    if not posts:
        return
    key = key_for(conn, _NAME, create=True)
    assert key is not None
    # An edited post (X) by its latest version's id too: replies name that one.
    keep_digests(conn, {fingerprint(key, p, i) for p, e, v in posts for i in (e, v) if i})


def erasing(conn: Connection) -> None:
    """Wait out the ingests in flight, and hold new ones until this transaction ends (an
    erasure's: PostgreSQL; SQLite writes one transaction at a time)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ERASING})


def without_erased(conn: Connection, mentions: Sequence[Mention]) -> list[Mention]:
    """These mentions less those erased on request before (none kept: all of them), and
    with the markers of erased posts where they name one as thread or parent. Waits out an
    erasure in progress (`erasing`), its fingerprints read once it committed."""
    if conn.dialect.name == "postgresql" and mentions:
        conn.execute(sa.text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _ERASING})
    keys = keys_for(conn, _NAME)
    if not keys or not mentions:  # nothing was ever erased
        return list(mentions)
    named = {(m.platform, p) for m in mentions for p in (m.external_id, *_cited(m)) if p}
    erased = _erased(conn, keys, named)
    kept = [m for m in mentions if (m.platform, m.external_id) not in erased]
    kept = unquoted_later(conn, keys, kept)  # quoting any post of an author erased
    if not any((m.platform, p) in erased for m in kept for p in _cited(m)):
        return kept
    key = thread_key(conn, create=True)
    assert key is not None  # made just now if none was
    return [_marked(m, key, erased) for m in kept]


def _marked(m: Mention, key: bytes, erased: set[tuple[str, str]]) -> Mention:
    """`m` with the marker of each erased post it names as thread or parent, without the
    title of its thread's erased first post, and with a quote of an erased post rewritten
    (erased_quote_lines)."""
    thread, parent = (
        marker(key, m.platform, p) if p and (m.platform, p) in erased else p for p in _named(m)
    )
    # On X the title shows the post it answers (listener/_x_wire): an erased one's words.
    answered = m.platform == QUOTING_X and (m.platform, m.parent_id) in erased
    title = None if (m.platform, m.thread_id) in erased or answered else m.on_title
    text, ids = m.text, {p for s, p in erased if s == m.platform}
    if m.platform == QUOTING:  # a quote line of an erased post: no address of it
        text = unquoted_text(text, by_uri(ids))
    elif m.platform == QUOTING_X:  # "x.com/i/status/ID": its author unknown, found by the id
        text = unquoted_x_ids(text, ids)
        # A quote's title is the post it quotes (listener/_x_wire): the erased one's words.
        title = None if text != m.text else title
    return replace(m, thread_id=thread, parent_id=parent, on_title=title, text=text)


def _cited(m: Mention) -> list[str | None]:
    """The posts `m` names: its thread and parent, and on Bluesky and X those it quotes."""
    quoted = {QUOTING: quoted_posts, QUOTING_X: x_quoted_ids}.get(m.platform)
    return [*_named(m), *(quoted(m.text) if quoted else [])]


def _named(m: Mention) -> tuple[str | None, str | None]:
    return m.thread_id, m.parent_id


def _erased(
    conn: Connection, keys: list[bytes], posts: Collection[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Those of these (platform, post id) erased on request before, under any key."""
    return kept_among(conn, {post: [fingerprint(k, *post) for k in keys] for post in posts})


def thread_key(conn: Connection, *, create: bool) -> bytes | None:
    """The key of erased posts' markers (fingerprint_keys.key_for)."""
    return key_for(conn, _THREAD, create=create)


def marker(key: bytes, platform: str, external_id: str) -> str:
    """The thread id that stands for an erased post: no id of it, the same for every reply."""
    digest = hmac.new(key, f"thread\n{platform}\n{external_id}".encode(), hashlib.sha256)
    return MARK + digest.hexdigest()


def fingerprint(key: bytes, platform: str, external_id: str) -> str:
    """Hex HMAC-SHA256 under `key` of "platform\\npost id"."""
    return hmac.new(key, f"{platform}\n{external_id}".encode(), hashlib.sha256).hexdigest()
