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
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.fingerprint_keys import key_for, keys_for
from mentiondesk.models import Mention
from mentiondesk.tables import ERASED_POST, MENTION

_NAME = "erased_post"  # the key's row in fingerprint_key
_BATCH = 500  # digests per query, well under SQLite's 999 bound parameters


def keep_erased(conn: Connection, mentions: Any) -> None:
    """Keep the fingerprints of these posts (`mentions`: their ids, a subquery), before they
    are deleted."""
    posts = conn.execute(
        sa.select(MENTION.c.platform, MENTION.c.external_id).where(MENTION.c.id.in_(mentions))
    ).all()
    if not posts:
        return
    key = key_for(conn, _NAME, create=True)
    assert key is not None
    digests = sorted({fingerprint(key, p, e) for p, e in posts})
    for start in range(0, len(digests), _BATCH):
        batch = digests[start : start + _BATCH]
        kept = set(conn.scalars(sa.select(ERASED_POST.c.digest).where(_among(batch))))
        fresh = [{"digest": d} for d in batch if d not in kept]
        if fresh:
            conn.execute(sa.insert(ERASED_POST), fresh)


def without_erased(conn: Connection, mentions: Sequence[Mention]) -> list[Mention]:
    """These mentions less those erased on request before (none kept: all of them)."""
    keys = keys_for(conn, _NAME)
    if not keys or not mentions:  # nothing was ever erased
        return list(mentions)
    forms = {
        (m.platform, m.external_id): [fingerprint(k, m.platform, m.external_id) for k in keys]
        for m in mentions
    }
    digests = [d for found in forms.values() for d in found]
    erased: set[str] = set()
    for start in range(0, len(digests), _BATCH):
        batch = digests[start : start + _BATCH]
        erased |= set(conn.scalars(sa.select(ERASED_POST.c.digest).where(_among(batch))))
    return [m for m in mentions if erased.isdisjoint(forms[(m.platform, m.external_id)])]


def fingerprint(key: bytes, platform: str, external_id: str) -> str:
    """Hex HMAC-SHA256 under `key` of "platform\\npost id"."""
    return hmac.new(key, f"{platform}\n{external_id}".encode(), hashlib.sha256).hexdigest()


def _among(digests: list[str]) -> sa.ColumnElement[bool]:
    return ERASED_POST.c.digest.in_(digests)
