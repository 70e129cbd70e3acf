"""What the retention may erase, as SQL conditions (retention_blanking erases a batch of it).

Finished work only: a case resolved or closed before the cutoff, or a post no case holds
posted before it, and then only when no draft of it waits for a person, no outbox action
of it is still to be delivered (held, pending or being sent) and no alert about it waits in
a digest not sent yet. The conditions are subqueries, never lists of ids, so a big store
passes no bound-parameter limit; a batch then names at most a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_digest import digest_items, keyed_on, unsent
from mentiondesk.tables import (
    AUTHOR,
    CASE,
    DIGEST_ITEM,
    DRAFT,
    FINISHED,
    FOLLOW_UP,
    MENTION,
    OUTBOX,
    WAITING,
)

_MARK = "purged:"  # a blanked mention's or author's external id: "purged:" + its row id


def purged(column: Any) -> Any:
    """SQL: a mention's or author's external id says it was already blanked."""
    return column.like(f"{_MARK}%")


def marked(table: sa.Table) -> Any:
    """SQL: what a blanked row's external id becomes."""
    return sa.literal(_MARK) + sa.cast(table.c.id, sa.String)


# Each condition takes the table it is about (the table itself, or an alias when nested) and
# reads the others through fresh aliases: SQLAlchemy would otherwise correlate a nested
# subquery's table with the same table of an enclosing query.


def _blocked(drafts: Any, d: Any) -> Any:
    """SQL: among drafts `d` matching `drafts` one waits for a person, or its reply is not
    delivered (or dropped) yet."""
    o = OUTBOX.alias()
    undelivered = sa.exists().where(o.c.key == post_key(d.c.id), o.c.status.not_in(FINISHED))
    return sa.exists().where(drafts, sa.or_(d.c.status == "pending", undelivered))


def _finished(cutoff: datetime, c: Any) -> Any:
    """SQL on a case: resolved or closed before `cutoff` (what case_ready asks first)."""
    return sa.and_(c.c.status.in_(("resolved", "closed")), c.c.closed_at < cutoff)


def case_ready(cutoff: datetime, c: Any = CASE) -> Any:
    """SQL on a case: finished before `cutoff`, nothing of it waiting, not blanked yet."""
    m, o = MENTION.alias(), OUTBOX.alias()
    return sa.and_(
        _finished(cutoff, c),
        sa.exists().where(m.c.id == c.c.mention_id, ~purged(m.c.external_id)),
        *_drafts_free(c),
        ~sa.exists().where(o.c.case_id == c.c.id, o.c.status.not_in(FINISHED)),
        *_digests_free(c),
    )


def _drafts_free(c: Any) -> tuple[Any, ...]:
    """SQL on a case: no draft of it blocks it, by the case, its post or a follow-up's post.
    Three NOT EXISTS, each found by an index: one EXISTS on the three joined by OR read every
    draft for every case (a nested loop, hours on a year's store)."""
    d1, d2, d3, f = DRAFT.alias(), DRAFT.alias(), DRAFT.alias(), FOLLOW_UP.alias()
    followed = sa.and_(f.c.case_id == c.c.id, d3.c.mention_id == f.c.mention_id)
    return (
        ~_blocked(d1.c.case_id == c.c.id, d1),
        ~_blocked(d2.c.mention_id == c.c.mention_id, d2),
        ~_blocked(followed, d3),
    )


def _digests_free(c: Any) -> tuple[Any, ...]:
    """SQL on a case: no alert about its post or a follow-up waits in a digest not sent yet.
    Its outbox action is done (the digest took it), so the case_id test above misses it.
    Two NOT EXISTS, each an anti-join by index: NOT (a OR b) made PostgreSQL hash every
    follow-up's post in the store for each batch (1 s a batch on a year's store)."""
    m, m2, f = MENTION.alias(), MENTION.alias(), FOLLOW_UP.alias()
    opener = sa.exists().where(m.c.id == c.c.mention_id, sa.or_(*digest_items(m)))
    followed = f.c.case_id == c.c.id, m2.c.id == f.c.mention_id, sa.or_(*digest_items(m2))
    return ~opener, ~sa.exists().where(*followed)


def case_waiting(cutoff: datetime) -> Any:
    """SQL on CASE: finished before `cutoff` and not blanked yet, but kept for a draft or an
    action of it still waiting (a reply held for good keeps it until someone deals with it)."""
    m = MENTION.alias()
    return sa.and_(
        _finished(cutoff, CASE),
        sa.exists().where(m.c.id == CASE.c.mention_id, ~purged(m.c.external_id)),
        ~case_ready(cutoff),
    )


def _loose(cutoff: datetime, m: Any) -> Any:
    """SQL on a mention: a post no case holds, read and posted before `cutoff`, not blanked."""
    c, f = CASE.alias(), FOLLOW_UP.alias()
    return sa.and_(
        m.c.created_at < cutoff,
        m.c.processed.is_(True),
        ~purged(m.c.external_id),
        ~sa.exists().where(c.c.mention_id == m.c.id),
        ~sa.exists().where(f.c.mention_id == m.c.id),
    )


def _alerts(m: Any) -> tuple[Any, ...]:
    """SQL on a mention: one EXISTS per way an alert about it may wait: an action naming it
    pending or held (by the post columns' index; a row written before them, NULL until the
    retention fills them, by its key), or a digest item quoting it. A post that opened no
    case has no case and no draft: the post an alert names is the only link."""
    o, old, waiting = OUTBOX.alias(), OUTBOX.alias(), WAITING
    named = o.c.platform == m.c.platform, o.c.external_id == m.c.external_id
    keyed = old.c.platform.is_(None), old.c.key.like(keyed_on(m), escape="\\")
    return (
        sa.exists().where(*named, o.c.status.in_(waiting)),
        sa.exists().where(*keyed, old.c.status.in_(waiting)),
        *digest_items(m),
    )


def loose_ready(cutoff: datetime, m: Any = MENTION) -> Any:
    """SQL on a mention: a post no case holds, read and posted before `cutoff`, nothing of it
    waiting (a draft, an alert not yet delivered), not blanked yet."""
    d = DRAFT.alias()
    # Each NOT EXISTS apart, an anti-join by index: NOT (a OR b …) was probed post by post
    # against every pending action's key (20 s a batch with 45,000 actions held).
    free = (~alert for alert in _alerts(m))
    return sa.and_(_loose(cutoff, m), ~_blocked(d.c.mention_id == m.c.id, d), *free)


def loose_waiting(cutoff: datetime) -> Any:
    """SQL on MENTION: a post no case holds, old enough, kept for an alert about it that is
    not delivered yet (held until someone deals with it, pending, or in an unsent digest)."""
    return sa.and_(_loose(cutoff, MENTION), sa.or_(*_alerts(MENTION)))


def mention_ready(cutoff: datetime, m: Any = MENTION) -> Any:
    """SQL on a mention: the retention blanks it now (its case's, or a loose post)."""
    opened, followed = _in_a_case(m, lambda c: case_ready(cutoff, c))
    return sa.or_(opened, followed, loose_ready(cutoff, m))


def author_ready(cutoff: datetime) -> Any:
    """SQL on AUTHOR: every post of theirs is blanked, or is blanked now; not blanked yet.

    Asked first, by the (author, posted) index: a post since `cutoff` in no case finished
    before it, kept for sure. It spares reading a regular's hundreds of older posts through
    mention_ready (a dry run blanks none: a batch took 3 s on a year's store, 16 s where
    earlier dry runs had left their rolled-back rows). A CASE keeps that order, which
    PostgreSQL's join planning did not; LIMIT 1, not EXISTS, which it hashed over the
    whole store in every batch."""
    m, recent = MENTION.alias(), MENTION.alias()
    fresh = sa.and_(recent.c.author_id == AUTHOR.c.id, recent.c.created_at >= cutoff)
    surely_kept = sa.select(sa.literal(1)).where(fresh, *_unfinished(cutoff, recent)).limit(1)
    kept = sa.and_(~purged(m.c.external_id), ~mention_ready(cutoff, m))
    return sa.and_(
        ~purged(AUTHOR.c.external_id),
        sa.case(
            (surely_kept.scalar_subquery().is_not(None), sa.false()),
            else_=~sa.exists().where(m.c.author_id == AUTHOR.c.id, kept),
        ),
    )


def _unfinished(cutoff: datetime, m: Any) -> tuple[Any, ...]:
    """SQL on a mention: not blanked, and neither the opener nor a follow-up of a case
    finished before `cutoff`. Such a post from `cutoff` on is kept: mention_ready takes a
    post of a finished case, or a loose one older than `cutoff`."""
    opened, followed = _in_a_case(m, lambda c: _finished(cutoff, c))
    return ~purged(m.c.external_id), ~opened, ~followed


def _in_a_case(m: Any, such: Callable[[Any], Any]) -> tuple[Any, Any]:
    """SQL on a mention, (opened, followed): it opened a case that `such` (SQL on a CASE
    alias) holds for, and it follows one up."""
    c, c2, f = CASE.alias(), CASE.alias(), FOLLOW_UP.alias()
    opened = sa.exists().where(c.c.mention_id == m.c.id, such(c))
    followed = sa.exists().where(f.c.mention_id == m.c.id, f.c.case_id == c2.c.id, such(c2))
    return opened, followed


def mentions_of(case_ids: list[int]) -> Any:
    """SQL: the posts of these cases, the one that opened each and its follow-ups (a
    subquery: a long-running case may have more follow-ups than SQLite binds parameters)."""
    openers = sa.select(CASE.c.mention_id).where(CASE.c.id.in_(case_ids))
    return openers.union(sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id.in_(case_ids)))


def sent_digest_items(cutoff: datetime) -> Any:
    """SQL on DIGEST_ITEM: alerts collected before `cutoff` whose digest was delivered (one
    flushed into a digest still queued keeps its post, found through it, until it is sent)."""
    return sa.and_(DIGEST_ITEM.c.created_at < cutoff, ~unsent(DIGEST_ITEM))
