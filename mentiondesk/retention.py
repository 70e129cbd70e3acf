"""Retention (`[store] retain_days`, LGPD and GDPR's storage limitation): personal data of
finished work is erased once it is older than the days kept.

Finished work only: cases resolved or closed more than N days ago, and posts older than N days
that opened no case. Never an open case, a draft waiting for a person, or an outbox action not
yet delivered (held, pending or being sent; an alert in a chat digest not delivered yet too,
collected or queued): those wait for a later run. What names or quotes
someone is blanked (post text, link and id, the id in outbox keys too, drafts' text, the copy
of the case in delivered actions) or deleted (notes, corrections, the alerts of a delivered
digest); an author's row is blanked once none of their posts is kept, and with it the handle in
the audit's do-not-contact lines. What the figures count stays: cases with their times, status
and rule, readings (label, reason, language), follow-ups and survey scores, so last year's
dashboard reads as it did. The Slack cards of the alerts it blanks are rewritten through the
outbox, as an erasure's are (retention_cards).

It works in batches of a few hundred rows, each its own transaction, so a first run over a
big backlog holds no long lock; a batch interrupted is redone by the next run.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import astuple, dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk import retention_actions as actions
from mentiondesk import retention_blanking as blanking
from mentiondesk import retention_keys as keys
from mentiondesk import retention_rows as rows
from mentiondesk.erasure_audit import slack_said
from mentiondesk.erasure_threads import unthread
from mentiondesk.models import Mention, utc
from mentiondesk.periodic import attempt, every
from mentiondesk.rehearsal import rehearsed
from mentiondesk.retention_digest import backfill
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, AUTHOR, CASE, DIGEST_ITEM, MENTION, OUTBOX
from mentiondesk.wording import counted

ACTION = "purge"  # the audit action of a retention run that erased something
SYSTEM = "retention"  # who the audit says ran it, when the service did

_BATCH = 200  # rows per transaction: its ids stay well under SQLite's 999 bound parameters
_DAY = 24 * 3600.0
_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Purge:
    """What a retention run blanks or deletes (or would)."""

    cases: int = 0  # cases whose posts and texts were blanked (the row stays)
    mentions: int = 0  # posts blanked (text, link, platform id)
    drafts: int = 0  # drafts' text blanked
    outbox: int = 0  # delivered actions whose copy of the case was blanked
    notes: int = 0  # deleted
    corrections: int = 0  # deleted
    digest_items: int = 0  # alerts of a delivered digest, deleted
    audit: int = 0  # do-not-contact audit lines whose handle was blanked
    authors: int = 0  # author rows blanked
    cards: int = 0  # Slack cards of those actions the outbox rewrites (retention_cards)

    def summary(self) -> str:
        """One line of counts, naming nobody: printed, logged and audited. The Slack cards
        last, where there are any: what the team's channel will show changes too."""
        words = (
            "case",
            "mention",
            "draft",
            "delivered action",
            "note",
            "correction",
            "digest alert",
            "audit line",
            "author",
        )
        counts = astuple(self)[: len(words)]
        said = ", ".join(counted(n, w) for n, w in zip(counts, words, strict=True))
        return said + slack_said(queued=self.cards)  # as an erasure's line says them

    def __bool__(self) -> bool:
        return any(astuple(self))


_Act = Callable[[Connection, list[int]], dict[str, int]]
_Stop = Callable[[], bool]


def purge(
    store: Store,
    days: int,
    *,
    by: str,
    now: datetime | None = None,
    dry_run: bool = False,
    batch: int = _BATCH,
    stopping: _Stop = lambda: False,
    home: Collection[str] = (),
) -> Purge:
    """Erase what is older than `days` days (see the module); with dry_run, only count it
    (each batch rolled back). An audit line records a run that erased anything. `stopping`
    is asked between batches: the service stops without waiting for a whole backlog.
    `home`: the hosts of the Mastodon instances the sources read from (its own accounts'
    handles are stored without the server, but may have been listed with it)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    keys.name_posts(store)  # rows of older releases: the look-up is then by index
    if not dry_run:
        with store.engine.begin() as conn:
            actions.unname_marked(conn)
    counts: Counter[str] = Counter()
    for table, ready, act in _steps(cutoff, home):
        for conn, ids in _batches(store, table, ready, batch, dry_run=dry_run, until=stopping):
            counts.update(act(conn, ids))
    done = Purge(**counts)
    if done and not dry_run:
        detail = f"older than {days} days, retention erased: {done.summary()}"
        with store.engine.begin() as conn:
            values = {"at": datetime.now(UTC), "actor": by, "action": ACTION, "detail": detail}
            conn.execute(sa.insert(AUDIT).values(values))
    return done


def waiting(store: Store, days: int, *, now: datetime | None = None) -> tuple[int, int]:
    """What the retention keeps for now, finished and older than `days` days: (cases with a
    draft or an action still waiting, pending or held until a person deals with it, or an
    alert in an unsent digest; posts that opened no case with an alert about them not yet
    delivered, a digest's included)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    backfill(store)
    cases = sa.select(sa.func.count()).select_from(CASE).where(rows.case_waiting(cutoff))
    posts = sa.select(sa.func.count()).select_from(MENTION).where(rows.loose_waiting(cutoff))
    with store.engine.connect() as conn:
        return int(conn.scalar(cases) or 0), int(conn.scalar(posts) or 0)


def recent(mentions: Sequence[Mention], days: int | None) -> list[Mention]:
    """The posts a retention of `days` days (None: none) lets in. One older would be erased
    at the next run anyway, and one already purged, read again (a backfill, a replay), would
    be taken for new: its platform id, which tells posts apart, was blanked."""
    if days is None:
        return list(mentions)
    cutoff = datetime.now(UTC) - timedelta(days=days)
    return [m for m in mentions if utc(m.created_at) >= cutoff]


def _steps(cutoff: datetime, home: Collection[str]) -> list[tuple[sa.Table, Any, _Act]]:
    """Each kind of row in turn; authors last, once their posts are blanked."""
    return [
        (CASE, rows.case_ready(cutoff), lambda conn, ids: _cases(conn, ids, cutoff)),
        (MENTION, rows.loose_ready(cutoff), lambda conn, ids: _loose(conn, ids, cutoff)),
        (OUTBOX, actions.loose_actions(cutoff), _actions),
        (DIGEST_ITEM, rows.sent_digest_items(cutoff), _digest_items),
        (AUTHOR, rows.author_ready(cutoff), partial(_authors, home=home)),
    ]


def _batches(
    store: Store, table: sa.Table, ready: Any, size: int, *, dry_run: bool, until: _Stop
) -> Iterator[tuple[Connection, list[int]]]:
    """Up to `size` ids of `table` at a time, in id order, each batch in a transaction of its
    own (locked on PostgreSQL; rolled back on a dry run). Paging on the id, not re-asking
    from the start, also ends a dry run, where nothing changes."""
    last = 0
    while not until():
        with store.engine.connect() as conn, rehearsed(conn, dry_run=dry_run):
            query = sa.select(table.c.id).where(ready, table.c.id > last)
            ids = list(conn.scalars(query.order_by(table.c.id).limit(size).with_for_update()))
            if ids and (still := _still(conn, table, ready, ids)):
                yield conn, still
        if len(ids) < size:
            return
        last = ids[-1]


def _still(conn: Connection, table: sa.Table, ready: Any, ids: list[int]) -> list[int]:
    """Those of the locked `ids` still ready. On PostgreSQL a row locked by someone else is
    waited for and then re-checked alone: the conditions' subqueries keep the statement's
    snapshot, so an author whose new post was being stored would pass as having none kept.
    A new statement takes a new snapshot (READ COMMITTED) and sees that post."""
    query = sa.select(table.c.id).where(ready, table.c.id.in_(ids)).order_by(table.c.id)
    return list(conn.scalars(query))


def _cases(conn: Connection, ids: list[int], cutoff: datetime) -> dict[str, int]:
    mentions = rows.mentions_of(ids)
    unthread(conn, mentions)  # before their ids are blanked: others' replies name them
    return {"cases": len(ids), **blanking.blank_mentions(conn, ids, mentions, cutoff)}


def _loose(conn: Connection, ids: list[int], cutoff: datetime) -> dict[str, int]:
    unthread(conn, ids)
    return blanking.blank_mentions(conn, [], ids, cutoff)


def _actions(conn: Connection, ids: list[int]) -> dict[str, int]:
    return dict(actions.blank_actions(conn, OUTBOX.c.id.in_(ids)))


def _digest_items(conn: Connection, ids: list[int]) -> dict[str, int]:
    return {"digest_items": blanking.delete_digest_items(conn, ids)}


def _authors(conn: Connection, ids: list[int], home: Collection[str]) -> dict[str, int]:
    audit, authors = blanking.blank_authors(conn, ids, home)
    return {"audit": audit, "authors": authors}


async def retention_loop(
    store: Store,
    days: int,
    stop: asyncio.Event,
    seconds: float = _DAY,
    *,
    home: Collection[str] = (),
) -> None:
    """Run the retention at start and then once a day until `stop`; counts only in the log.
    `home` as for purge."""
    failed = "retention could not run; it tries again tomorrow"
    run = partial(_purge_logged, store, days, stop, home)
    await every(seconds, stop, run, failed, log=_LOGGER)


async def purge_after_run(
    store: Store, days: int | None, stop: asyncio.Event, *, home: Collection[str] = ()
) -> None:
    """One retention run at the end of `run --once` (None: no retain_days), as the daily one
    runs: a desk run from cron never starts that loop, and would otherwise keep everything.
    `home` as for purge."""
    if days is not None:
        failed = "retention could not run; the next run tries again"
        await attempt(partial(_purge_logged, store, days, stop, home), failed, log=_LOGGER)


async def _purge_logged(
    store: Store, days: int, stop: asyncio.Event, home: Collection[str]
) -> None:
    run = partial(purge, store, days, by=SYSTEM, stopping=stop.is_set, home=home)
    done = await asyncio.to_thread(run)
    if done:
        _LOGGER.info("retention (%d days) erased: %s", days, done.summary())
