"""The store: one database (SQLite or PostgreSQL) holding everything mentiondesk knows.

Hot paths (ingest and claim here, recording decisions in decisions.py) use SQLAlchemy Core
in batches; every write that must be atomic (mentions + cursor, decision + outbox) happens in
one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from mentiondesk import schema
from mentiondesk.case_history import AUTHOR_BESIDE_MENTION, author_of, mention_of
from mentiondesk.edited_posts import take_edits
from mentiondesk.erased_posts import without_erased
from mentiondesk.fingerprint_keys import SECRET_OPTION, check_secret
from mentiondesk.ingest_authors import storable, upsert_authors
from mentiondesk.ingested import Ingested
from mentiondesk.models import History, Mention
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.store_engine import make_engine
from mentiondesk.tables import AUTHOR, CASE, CURSOR, MENTION, case_number

_LOGGER = logging.getLogger(__name__)
# What a statement raises when the database cannot be reached or used right now (down, the
# connection dropped, no pooled connection free, SQLite "database is locked"): its
# transaction did nothing, and a person can only try again later.
UNREACHABLE: tuple[type[sa.exc.SQLAlchemyError], ...] = (
    sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError
)  # fmt: skip
# How long a resolved case still counts as the author's "earlier case" in a reply: one
# resolved months ago (or closed as spam) says nothing about a new complaint.
RECENT_CASES = timedelta(days=30)
Guard = Callable[[Connection], bool] | None  # see Store.ingest
# What one mention's values can make a page's insert raise, the database being fine: a value
# it refuses (too long, out of range, NUL), or one the driver cannot send (a lone surrogate in
# a handle or a URL, an integer past SQLite's). The page is then stored mention by
# mention, the refused ones skipped: raised, it was polled and refused again, the source's
# later mentions never stored.
ONE_MENTION: tuple[type[Exception], ...] = (
    sa.exc.DataError, UnicodeError, OverflowError
)  # fmt: skip


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class PendingMention:
    """A stored mention claimed for reading and deciding."""

    id: int
    author_id: int
    mention: Mention
    do_not_contact: bool = False


class Store:
    """Owns the engine; schema creation, cursors, ingest and the processing claim."""

    def __init__(
        self, url: str, *, echo: bool = False, pooled: bool = True, fingerprint_secret: bytes = b""
    ) -> None:
        """`fingerprint_secret`: the operator's, kept outside the database (fingerprint_keys)."""
        self.url = url
        self.engine: Engine = make_engine(url, echo=echo, pooled=pooled)
        if fingerprint_secret:
            self.engine.update_execution_options(**{SECRET_OPTION: fingerprint_secret})

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_all(self) -> None:
        schema.ensure(self.engine)
        with self.engine.begin() as conn:
            check_secret(conn)

    def dispose(self) -> None:
        self.engine.dispose()

    def insert(self, table: Any) -> Any:
        """A dialect insert that supports ON CONFLICT and RETURNING on both backends."""
        module = postgresql if self.dialect == "postgresql" else sqlite
        return module.insert(table)

    # --- cursors and ingest ---------------------------------------------------------

    def cursor(self, source: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(CURSOR.c.value).where(CURSOR.c.source == source))

    def ingest(
        self, source: str, mentions: Sequence[Mention], cursor: str | None, *, guard: Guard = None
    ) -> Ingested:
        """Store new mentions and the source's cursor in one transaction; return how many were
        new, and how many edits of stored ones. A mention already stored (same platform and
        external id) is dropped here, unless it is an edit (edited_posts). `guard`, asked in
        each transaction before it writes (source_lease): False stores nothing."""
        unique = list({(m.platform, m.external_id): m for m in mentions}.values())
        try:
            with self.engine.begin() as conn:
                if guard is not None and not guard(conn):
                    return Ingested()
                new = self._insert_mentions(conn, source, unique) if unique else Ingested()
                self._save_cursor(conn, source, cursor)
        except ONE_MENTION:
            # One unstorable mention must not block its source forever: store the rest.
            return self._ingest_each(source, unique, cursor, guard)
        return new

    def _ingest_each(
        self, source: str, mentions: list[Mention], cursor: str | None, guard: Guard
    ) -> Ingested:
        new = Ingested()
        for place, mention in enumerate(mentions, 1):
            try:
                with self.engine.begin() as conn:
                    if guard is not None and not guard(conn):
                        return new
                    new += self._insert_mentions(conn, source, [mention])
            except ONE_MENTION as exc:
                # Its place in the batch, not its id: a Bluesky id carries the author's DID.
                _LOGGER.error(
                    "source %s: mention %d of %d (%s) cannot be stored (%s); skipped",
                    source,
                    place,
                    len(mentions),
                    mention.platform,
                    _error_name(exc),
                )
        with self.engine.begin() as conn:
            if guard is None or guard(conn):
                self._save_cursor(conn, source, cursor)
        return new

    def _insert_mentions(self, conn: Connection, source: str, mentions: list[Mention]) -> Ingested:
        kept = without_erased(conn, mentions)  # before the authors: theirs were erased too
        if len(kept) < len(mentions):  # a count: nothing of theirs in the log
            erased = len(mentions) - len(kept)
            _LOGGER.info(
                "source %s: %d post(s) erased on request read again; skipped", source, erased
            )
        if not kept:
            return Ingested()
        mentions = kept
        edits = take_edits(conn, mentions)  # before the insert, which skips stored ones
        author_ids = upsert_authors(conn, mentions)
        now = _utcnow()
        rows = [
            {
                "platform": m.platform,
                "external_id": m.external_id,
                "source": source,
                "author_id": author_ids[(m.platform, m.author.id)],
                "text": storable(m.text),
                "url": m.url,
                "lang": m.lang,
                "created_at": m.created_at,
                "ingested_at": now,
                "thread_id": m.thread_id,
                "parent_id": m.parent_id,
                "visibility": m.visibility,
                "edit_id": m.edit_id,  # the version first read (edited_posts orders by it)
                "on_title": m.on_title,
                "processed": False,
            }
            for m in mentions
        ]
        stmt = self.insert(MENTION).on_conflict_do_nothing(
            index_elements=["platform", "external_id"]
        )
        return Ingested(len(conn.execute(stmt.returning(MENTION.c.id), rows).all()), edits)

    def _save_cursor(self, conn: Connection, source: str, cursor: str | None) -> None:
        stmt = self.insert(CURSOR).values(source=source, value=cursor, updated_at=_utcnow())
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["source"],
                set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
            )
        )

    # --- processing -----------------------------------------------------------------

    def claim_unprocessed(self, limit: int, lease: timedelta) -> list[PendingMention]:
        """Lease up to `limit` unread mentions, oldest posted first; several workers never share
        one. By the post's date, not the row's: a catch-up stores a newest-first listing's
        pages newest page first (X, Bluesky, Reddit), and several sources one after another,
        yet "it arrived, thanks" must be read after the complaint it answers."""
        # Judged by the database's clock on PostgreSQL, as the outbox's leases are: a worker
        # whose host runs ahead would take mentions another is still reading.
        leases = LeaseClock(self.dialect == "postgresql", _utcnow)
        with self.engine.begin() as conn:
            free = leases.free(MENTION.c.claimed_until)
            pick = (
                sa.select(MENTION.c.id)
                .where(MENTION.c.processed.is_(False), free)
                .order_by(MENTION.c.created_at, MENTION.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            ids = list(conn.scalars(pick))
            if not ids:
                return []
            # The conditions again: on SQLite the SELECT locks nothing (no SKIP LOCKED).
            ids = list(
                conn.scalars(
                    sa.update(MENTION)
                    .where(MENTION.c.id.in_(ids), MENTION.c.processed.is_(False), free)
                    .values(claimed_until=leases.until(lease.total_seconds()))
                    .returning(MENTION.c.id)
                )
            )
            rows = conn.execute(
                sa.select(*_PENDING_COLUMNS)
                .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
                .where(MENTION.c.id.in_(ids))
                .order_by(MENTION.c.created_at, MENTION.c.id)
            ).all()
        return [_pending(row) for row in rows]

    def histories(self, author_ids: Sequence[int]) -> dict[int, History]:
        """Current cases (open, or resolved within RECENT_CASES; never closed ones, spam
        included) and mention counts of each author, for personalising and deciding."""
        if not author_ids:
            return {}
        recent = (CASE.c.status == "resolved") & (CASE.c.closed_at >= _utcnow() - RECENT_CASES)
        with self.engine.connect() as conn:
            cases = conn.execute(
                sa.select(CASE.c.author_id, CASE.c.id, CASE.c.status)
                .where(CASE.c.author_id.in_(set(author_ids)), (CASE.c.status == "open") | recent)
                .order_by(CASE.c.id)
            ).all()
            counts = conn.execute(
                sa.select(MENTION.c.author_id, sa.func.count())
                .where(MENTION.c.author_id.in_(set(author_ids)), MENTION.c.processed.is_(True))
                .group_by(MENTION.c.author_id)
            ).all()
        past: dict[int, list[str]] = {}
        open_: dict[int, list[str]] = {}
        for author_id, case_id, status in cases:
            past.setdefault(author_id, []).append(case_number(case_id))
            if status == "open":
                open_.setdefault(author_id, []).append(case_number(case_id))
        seen: dict[int, int] = {a: int(n) for a, n in counts}
        return {
            a: History(
                past_cases=tuple(past.get(a, ())),
                open_cases=tuple(open_.get(a, ())),
                mentions_before=int(seen.get(a, 0)),
            )
            for a in set(author_ids)
        }

    def pending_count(self) -> int:
        with self.engine.connect() as conn:
            query = sa.select(sa.func.count()).where(MENTION.c.processed.is_(False))
            return int(conn.scalar(query) or 0)


_M, _A = MENTION.c, AUTHOR.c
_PENDING_COLUMNS = (
    *(_M[n] for n in ("id", "author_id", "platform", "external_id", "text", "created_at", "url")),
    *(_M[n] for n in ("lang", "thread_id", "parent_id", "visibility", "on_title")),
    *AUTHOR_BESIDE_MENTION,
    _A.do_not_contact,
)


def _error_name(exc: Exception) -> str:
    """The driver's error class (StringDataRightTruncation), or the error's own: never its
    words, which may quote the mention."""
    orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    return type(orig).__name__


def _pending(row: Any) -> PendingMention:
    return PendingMention(
        id=row.id,
        author_id=row.author_id,
        mention=mention_of(row, author_of(row, "a_")),
        do_not_contact=row.do_not_contact,
    )
