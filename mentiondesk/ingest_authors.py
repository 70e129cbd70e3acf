"""The authors of a page of mentions, as the store takes them in (store.ingest): each
upserted by (platform, external id), their handle and name refreshed, their row ids returned."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from mentiondesk.forgotten import relist_forgotten
from mentiondesk.models import Author, Mention
from mentiondesk.tables import AUTHOR


def storable(text: str) -> str:
    """Text as received, but for NUL, which PostgreSQL cannot hold (shown as U+FFFD)."""
    return text.replace("\x00", "\ufffd")


def upsert_authors(conn: Connection, mentions: list[Mention]) -> dict[tuple[str, str], int]:
    """Each author's row id by (platform, external id)."""
    authors = {(m.platform, m.author.id): m.author for m in mentions}
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(AUTHOR)
    stmt = stmt.on_conflict_do_update(
        index_elements=["platform", "external_id"],
        set_={
            "handle": stmt.excluded.handle,
            "name": stmt.excluded.name,
            "followers": stmt.excluded.followers,
        },
    )
    conn.execute(stmt, [_author_row(p, a) for (p, _), a in authors.items()])
    keys = sa.tuple_(AUTHOR.c.platform, AUTHOR.c.external_id)
    found = conn.execute(
        sa.select(AUTHOR.c.platform, AUTHOR.c.external_id, AUTHOR.c.id, AUTHOR.c.handle).where(
            keys.in_(list(authors))
        )
    ).all()
    ids = {(p, e): i for p, e, i, _ in found}
    # An erased author who had opted out stays opted out; a handle listed unseen is listed.
    relist_forgotten(conn, ids, {i: (p, h) for p, _, i, h in found})
    return ids


def _author_row(platform: str, author: Author) -> dict[str, Any]:
    return {
        "platform": platform,
        "external_id": author.id,
        "handle": storable(author.handle),
        "name": storable(author.name),
        "followers": author.followers,
        "first_seen": datetime.now(UTC),
    }
