"""The erased_post table's fingerprints, read and kept in batches: erased posts' ids
(erased_posts) and erased authors' profile addresses (erased_profiles) share it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import ERASED_POST

_BATCH = 500  # digests per query, well under SQLite's 999 bound parameters
T = TypeVar("T")


def kept_digests(conn: Connection, digests: Collection[str]) -> set[str]:
    """Those of `digests` the table holds."""
    ordered = sorted(set(digests))
    kept: set[str] = set()
    for start in range(0, len(ordered), _BATCH):
        batch = ordered[start : start + _BATCH]
        kept |= set(conn.scalars(sa.select(ERASED_POST.c.digest).where(_among(batch))))
    return kept


def keep_digests(conn: Connection, digests: Iterable[str]) -> None:
    """Add those of `digests` the table does not hold yet."""
    wanted = set(digests)
    fresh = sorted(wanted - kept_digests(conn, wanted))
    for start in range(0, len(fresh), _BATCH):
        conn.execute(sa.insert(ERASED_POST), [{"digest": d} for d in fresh[start : start + _BATCH]])


def kept_among(conn: Connection, forms: Mapping[T, Collection[str]]) -> set[T]:
    """Those of `forms`' keys with any of their fingerprints (one per key) kept."""
    kept = kept_digests(conn, {d for found in forms.values() for d in found})
    return {item for item, found in forms.items() if not kept.isdisjoint(found)}


def _among(digests: list[str]) -> sa.ColumnElement[bool]:
    return ERASED_POST.c.digest.in_(digests)
