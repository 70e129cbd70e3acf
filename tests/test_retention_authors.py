"""The retention's author condition, which asks first for a post kept for sure (one since the
cutoff in no finished case), picks exactly the authors its earlier form picked: one author per
kind of post, on both backends, each with an older post the retention takes beside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk import retention_rows as rows
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION

NOW = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)
CUTOFF = NOW - timedelta(days=30)
OLD, NEW = CUTOFF - timedelta(days=10), CUTOFF + timedelta(days=10)
# handle → (when their latest post was posted, how it stands)
AUTHORS: dict[str, tuple[datetime, str]] = {
    "recent-loose": (NEW, "loose"),
    "recent-open-case": (NEW, "open"),
    "recent-case-closed-late": (NEW, "closed-late"),
    # Stamped after the cutoff, yet its case closed before it (a clock ahead of ours).
    "recent-case-finished": (NEW, "finished"),
    "recent-follow-up-of-finished": (NEW, "follow-up"),
    "recent-blanked": (NEW, "blanked"),
    "at-the-cutoff": (CUTOFF, "loose"),
    "old-loose": (OLD, "loose"),
    "old-unread": (OLD, "unread"),
    "old-draft-pending": (OLD, "draft"),
    "old-open-case": (OLD, "open"),
    "old-case-finished": (OLD, "finished"),
    "old-follow-up-of-finished": (OLD, "follow-up"),
}
READY = {
    "recent-case-finished",
    "recent-follow-up-of-finished",
    "recent-blanked",
    "old-loose",
    "old-case-finished",
    "old-follow-up-of-finished",
    "no-posts",
}


def _earlier_form(cutoff: datetime) -> Any:
    """SQL on AUTHOR as first written: every post read through mention_ready."""
    m = MENTION.alias()
    kept = sa.and_(~rows.purged(m.c.external_id), ~rows.mention_ready(cutoff, m))
    return sa.and_(
        ~rows.purged(AUTHOR.c.external_id),
        ~sa.exists().where(m.c.author_id == AUTHOR.c.id, kept),
    )


def _post(conn: Any, author: int, at: datetime, *, processed: bool = True) -> int:
    n = int(conn.scalar(sa.select(sa.func.count()).select_from(MENTION))) + 1
    values = {"platform": "x", "external_id": f"m{n}", "source": "t", "author_id": author}
    values |= {"text": "t", "created_at": at, "processed": processed}
    return int(conn.execute(sa.insert(MENTION).values(**values)).inserted_primary_key[0])


def _case(conn: Any, author: int, mention: int, status: str, closed: datetime | None) -> int:
    values = {"mention_id": mention, "author_id": author, "rule": "r", "status": status}
    values |= {"opened_at": OLD - timedelta(days=1), "closed_at": closed}
    return int(conn.execute(sa.insert(CASE).values(**values)).inserted_primary_key[0])


def _author(conn: Any, handle: str, at: datetime, kind: str) -> None:
    values = {"platform": "x", "external_id": f"a-{handle}", "handle": handle}
    author = int(conn.execute(sa.insert(AUTHOR).values(**values)).inserted_primary_key[0])
    _post(conn, author, OLD - timedelta(days=5))  # an older post the retention takes
    post = _post(conn, author, at, processed=kind != "unread")
    if kind in ("open", "closed-late", "finished"):
        status = "open" if kind == "open" else "closed"
        _case(conn, author, post, status, None if kind == "open" else NOW - timedelta(days=1))
        if kind == "finished":
            conn.execute(sa.update(CASE).where(CASE.c.mention_id == post).values(closed_at=OLD))
    elif kind == "follow-up":
        case = _case(conn, author, _post(conn, author, OLD), "resolved", OLD)
        conn.execute(sa.insert(FOLLOW_UP).values(case_id=case, mention_id=post))
    elif kind == "blanked":
        purged = {"external_id": f"purged:{post}", "text": ""}
        conn.execute(sa.update(MENTION).where(MENTION.c.id == post).values(**purged))
    elif kind == "draft":
        draft = {"mention_id": post, "kind": "public", "text": "hi", "lang": "en", "rule": "r"}
        conn.execute(sa.insert(DRAFT).values(**draft))


@pytest.fixture
def authors(store: Store) -> Store:
    with store.engine.begin() as conn:
        for handle, (at, kind) in AUTHORS.items():
            _author(conn, handle, at, kind)
        conn.execute(
            sa.insert(AUTHOR).values(platform="x", external_id="a-none", handle="no-posts")
        )
        gone = {"platform": "x", "external_id": "purged:99", "handle": ""}
        conn.execute(sa.insert(AUTHOR).values(**gone))  # erased already: not again
    return store


def _handles(store: Store, ready: Any) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.scalars(sa.select(AUTHOR.c.handle).where(ready)))


def test_the_authors_ready_are_those_the_earlier_form_picked(authors: Store) -> None:
    assert _handles(authors, rows.author_ready(CUTOFF)) == READY
    assert _handles(authors, _earlier_form(CUTOFF)) == READY


def test_a_dry_run_counts_those_authors_and_blanks_nobody(authors: Store) -> None:
    done = retention.purge(authors, 30, by="test", now=NOW, dry_run=True)
    assert done.authors == len(READY)
    assert _handles(authors, ~rows.purged(AUTHOR.c.external_id)) == {*AUTHORS, "no-posts"}


def test_with_nothing_stored_no_author_is_ready(store: Store) -> None:
    assert _handles(store, rows.author_ready(CUTOFF)) == set()
    assert retention.purge(store, 30, by="test", now=NOW, dry_run=True).authors == 0
