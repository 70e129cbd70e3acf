"""Erasing an author on request (LGPD, GDPR): everything stored about them, in one go.

Their mentions go, with everything hanging off them (readings, corrections, follow-ups,
notes, drafts, surveys, the cases those mentions opened), their actions waiting in the
outbox (a reply must not be sent after they asked to be forgotten) and their author row.
Delivered actions keep their row with the copy of the case blanked and their post ids out
of the keys. Audit lines about them stay (who did what, when) with their links and details
dropped; one line records that an erasure happened, without naming whom. If they were on
do-not-contact, only a fingerprint of the account is kept so that they stay on it
(mentiondesk.forgotten).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk import retention_keys as keys
from mentiondesk.author_lookup import Wanted, authors_wanted, check_one, not_found
from mentiondesk.erased_cards import queue_others
from mentiondesk.erased_posts import erasing, keep_erased
from mentiondesk.erased_profiles import keep_profiles
from mentiondesk.erased_quotes import quoted_at, unquote
from mentiondesk.erasure_audit import already_said, erase_detail
from mentiondesk.erasure_copies import Elsewhere, tickets_of
from mentiondesk.erasure_payloads import ERASED, Whose, erase_digest_items, erase_outbox
from mentiondesk.erasure_replies import replies_of
from mentiondesk.erasure_threads import unthread
from mentiondesk.erasure_traces import audit_about, cases_of, traces_of
from mentiondesk.forgotten import drop_handle, keep_forgotten, listed_forms
from mentiondesk.queue import NotFound
from mentiondesk.rehearsal import rehearsed
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DRAFT,
    FOLLOW_UP,
    MENTION,
    NOTE,
    READING,
    SURVEY,
)
from mentiondesk.wording import counted

ACTION = "erase"  # the audit action of an erasure
_RACES = ("40P01", "23503")  # PostgreSQL's deadlock_detected, foreign_key_violation


@dataclass(frozen=True, slots=True)
class Erasure:
    """What erasing an author removes (or removed)."""

    mentions: int = 0
    cases: int = 0
    drafts: int = 0
    outbox: int = 0  # actions not yet delivered, deleted
    delivered: int = 0  # delivered actions whose copy of the case was blanked
    already_blank: int = 0  # delivered actions about them the retention had blanked before
    notes: int = 0
    corrections: int = 0
    follow_ups: int = 0
    surveys: int = 0
    digest_items: int = 0
    audit: int = 0  # audit lines stripped of their links and details
    listed: bool = False  # on do-not-contact: a fingerprint keeps them there
    # Copies the sinks keep (tickets, alerts, replies posted to them): the operator deletes
    # those in each tool.
    elsewhere: Elsewhere = field(default_factory=Elsewhere)

    def deleted(self) -> str:
        """The counts of what goes, naming nobody."""
        return ", ".join(counted(n, w) for w, n in self._deleted())

    def _deleted(self) -> list[tuple[str, int]]:
        words = (
            "mention",
            "case",
            "draft",
            "outbox action",
            "note",
            "correction",
            "follow-up",
            "survey answer",
            "digest alert",
        )
        counts = [self.mentions, self.cases, self.drafts, self.outbox, self.notes]
        counts += [self.corrections, self.follow_ups, self.surveys, self.digest_items]
        return list(zip(words, counts, strict=True))

    def _blanked(self) -> list[tuple[str, int]]:
        return [("delivered action", self.delivered), ("audit line", self.audit)]

    def blanked(self) -> str:
        """The counts of rows kept with nothing of theirs left (the delivery happened; who
        did what and when)."""
        return ", ".join(counted(n, w) for w, n in self._blanked())

    def summary(self) -> str:
        """One line of counts, naming nobody: shown after erasing, and audited. What was
        blank already and the Slack cards follow, where there are any (erasure_audit)."""
        done = f"{self.deleted()} deleted; {self.blanked()} blanked (rows kept)"
        return done + already_said(self.already_blank) + self.elsewhere.slack()

    def audit_detail(self) -> str:
        """The audit line's detail: the summary, or where it would pass the trail's 512
        characters (counts in thousands) every count in the compact form (erasure_audit)."""
        slack = self.elsewhere.slack_counts()
        return erase_detail(
            self.summary(), self._deleted(), self._blanked(), self.already_blank, slack
        )


def erase(
    store: Store,
    platform: str,
    handle: str = "",
    *,
    by: str,
    dry_run: bool = False,
    account_id: str = "",
    post_url: str = "",
    home: Collection[str] = (),
) -> Erasure:
    """Erase the account with `handle` on `platform` (or the one with `account_id`, or the
    author of the post at `post_url`); NotFound when none, Ambiguous when the handle is
    stored on several accounts. With dry_run, only count what would go (the same
    statements, rolled back). `home`: the hosts of the Mastodon instances the sources read
    from (author_lookup.Wanted)."""
    platform, handle = platform.strip().lower(), handle.strip().lstrip("@")
    wanted = Wanted(platform, handle, account_id.strip(), post_url.strip(), frozenset(home))
    keys.name_posts(store)  # found by the post, however the author was renamed since
    try:
        return _erase_once(store, wanted, by=by, dry_run=dry_run)
    except sa.exc.DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) not in _RACES:
            raise
    # Another transaction took what _locked takes in another order (a post of theirs stored
    # as the erasure began, then their row) and PostgreSQL gave the erasure up, or wrote a
    # row on something of theirs that it does not lock: once more, it finds and erases that.
    return _erase_once(store, wanted, by=by, dry_run=dry_run)


def _erase_once(store: Store, wanted: Wanted, *, by: str, dry_run: bool) -> Erasure:
    with store.engine.connect() as conn, rehearsed(conn, dry_run=dry_run):
        return _erase(conn, wanted, by=by)


def _locked(conn: Connection, wanted: Wanted) -> Sequence[Any]:
    """The author rows `wanted` names, locked with their posts until the commit (PostgreSQL).
    A worker recording a decision on one of their posts (a reading, a case) waits, then finds
    the post gone: it used to commit a reading after the erasure had deleted theirs, and
    deleting the post then failed on its foreign key. Posts first, then authors, as a worker
    takes them (its post, then the author of a case), then posts stored meanwhile, and their
    cases."""
    _lock_posts(conn, sa.select(AUTHOR.c.id).where(authors_wanted(wanted)))
    authors = conn.execute(
        sa.select(AUTHOR.c.id, AUTHOR.c.external_id, AUTHOR.c.handle, AUTHOR.c.do_not_contact)
        .add_columns(AUTHOR.c.platform)
        .where(authors_wanted(wanted))
        .order_by(AUTHOR.c.id)
        .with_for_update()
    ).all()
    ids = [a.id for a in authors]
    _lock_posts(conn, ids)
    # Their cases too: a survey answer or an approved reply names the case alone.
    posts = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(ids))
    cases = sa.select(CASE.c.id).where(cases_of(posts, ids)).order_by(CASE.c.id)
    conn.execute(cases.with_for_update()).all()
    return authors


def _lock_posts(conn: Connection, author_ids: Any) -> None:
    query = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(author_ids))
    conn.execute(query.order_by(MENTION.c.id).with_for_update()).all()


def _erase(conn: Connection, wanted: Wanted, *, by: str) -> Erasure:
    platform, handle = wanted.platform, wanted.handle
    authors = _locked(conn, wanted)
    # Then the ingests in flight end, and new ones wait for the commit (after _locked: a post of
    # theirs stored as the erasure began is found again on its retry, _RACES).
    erasing(conn)
    if not authors:
        raise NotFound(not_found(conn, wanted))
    check_one(wanted, authors)
    author_ids = [a.id for a in authors]  # the account, or its forms on Mastodon
    whose = traces_of(conn, platform, handle, authors)
    # A handle listed before it was seen stays as its fingerprint, a trace of them easy to
    # guess: it goes, and their account id's fingerprint keeps them listed instead.
    listed_as = sorted(listed_forms(platform, whose.handles, wanted.home))
    prelisted = [h for h in listed_as if drop_handle(conn, platform, h)]
    listed = bool(prelisted) or any(a.do_not_contact for a in authors)
    starts = quoted_at(conn, whose, wanted.home)  # where their posts' addresses start
    keep_profiles(conn, starts)  # a quote of theirs read later is stored rewritten too
    erasure = _erase_traces(conn, platform, whose, author_ids, listed=listed, quoted_at=starts)
    _delete(conn, AUTHOR, AUTHOR.c.id.in_(author_ids))
    if erasure.listed:
        kept = [a for a in authors if a.do_not_contact or prelisted]
        keep_forgotten(conn, [(platform, a.external_id) for a in kept])
    detail = erasure.audit_detail()  # every count, within the trail's 512 characters
    conn.execute(
        sa.insert(AUDIT).values(at=datetime.now(UTC), actor=by, action=ACTION, detail=detail)
    )
    return erasure


def _erase_traces(
    conn: Connection,
    platform: str,
    whose: Whose,
    author_ids: list[int],
    *,
    listed: bool,
    quoted_at: dict[str, list[str]],
) -> Erasure:
    """Everything of theirs but the author rows, in an order where each step still finds
    what it reads (the subqueries read mentions and cases: those go last)."""
    mentions, cases, drafts = whose.mentions, whose.cases, whose.drafts
    keep_erased(conn, mentions)  # read again (a re-read window, a lost cursor), not stored
    # Others' replies name their posts (an id leads to them), and show their story's title.
    cards: set[int] = set()  # others' alerts delivered that showed a title or link of theirs
    unthread(conn, mentions, titles=True, cards=cards)
    unquote(conn, mentions, quoted_at, cards)  # others' quotes link to their posts
    others, shown = queue_others(conn, sorted(cards))  # Slack's shown again without it
    tickets = tickets_of(conn, whose)  # before the outbox rows lose their case
    replies = replies_of(conn, whose)  # before they lose their case and copy too
    outbox = erase_outbox(conn, whose)
    elsewhere = Elsewhere(
        tickets=tickets,
        alerts=_per_sink(outbox.alerts),
        accounts=tuple(sorted(f"{p}:{e}" for p, e in whose.accounts)),
        replies=replies,
        rewritten=_per_sink(outbox.cards.queued),
        cleared=_per_sink(outbox.cards.cleared),
        waiting=_per_sink(outbox.cards.waiting),
        shown=_per_sink(shown),
        others=_per_sink(others),
    )
    # Their post ids in the delivered actions' keys (on Bluesky the post's id holds their
    # account's, on X a status id leads to them): renamed as a purge does, by the posts.
    keys.rekey(conn, mentions, erased=True)
    digest_items = erase_digest_items(conn, whose)  # found by their posts: before those go
    audit = _anonymise_audit(conn, platform, whose)
    drafts_gone = _delete(conn, DRAFT, DRAFT.c.id.in_(drafts))
    notes = _delete(conn, NOTE, sa.or_(NOTE.c.mention_id.in_(mentions), NOTE.c.case_id.in_(cases)))
    corrections = _delete(conn, CORRECTION, CORRECTION.c.mention_id.in_(mentions))
    follow_ups = _delete(
        conn,
        FOLLOW_UP,
        sa.or_(FOLLOW_UP.c.mention_id.in_(mentions), FOLLOW_UP.c.case_id.in_(cases)),
    )
    surveys = _delete(conn, SURVEY, SURVEY.c.case_id.in_(cases))
    _delete(conn, READING, READING.c.mention_id.in_(mentions))
    cases_gone = _delete(conn, CASE, cases_of(mentions, author_ids))  # last of what they read
    return Erasure(
        mentions=_delete(conn, MENTION, MENTION.c.author_id.in_(author_ids)),
        cases=cases_gone,
        drafts=drafts_gone,
        outbox=outbox.deleted,
        delivered=outbox.blanked,
        already_blank=outbox.already,
        notes=notes,
        corrections=corrections,
        follow_ups=follow_ups,
        surveys=surveys,
        digest_items=digest_items,
        audit=audit,
        listed=listed,
        elsewhere=elsewhere,
    )


def _per_sink(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((sink, n) for sink, n in counts.items() if n))


def _anonymise_audit(conn: Connection, platform: str, whose: Whose) -> int:
    """Keep who did what and when on their mentions, cases and drafts, but not about whom."""
    result = conn.execute(
        sa.update(AUDIT)
        .where(audit_about(platform, whose))
        .values(mention_id=None, case_id=None, draft_id=None, detail=ERASED)
    )
    return int(result.rowcount or 0)


def _delete(conn: Connection, table: sa.Table, where: sa.ColumnElement[bool]) -> int:
    return int(conn.execute(sa.delete(table).where(where)).rowcount or 0)
