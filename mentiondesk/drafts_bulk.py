"""Pending drafts chosen by what a lead knows of them on a crisis day (the rule that drafted
them, platform, language, public or private, age, case, ids), and rejected one at a time
through `queue.reject_draft`, as the single command does: each its own transaction and
audit line, and a draft decided or edited by someone since it was matched is skipped."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.models import text_digest
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION, case_number

_AGE = re.compile(r"(\d{1,5})\s*(m|min|h|d)", re.IGNORECASE)
_UNIT = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}


def parse_age(text: str) -> timedelta:
    """ "2h", "90m", "1d", "1h30m": ValueError otherwise (a bare number has no unit)."""
    spaced = text.strip().replace(" ", "")
    parts = _AGE.findall(spaced)
    if not spaced or "".join(n + u for n, u in parts).lower() != spaced.lower():
        raise ValueError(f"{text!r} is not an age; write it as 30m, 2h, 1d or 1h30m")
    age = sum((timedelta(**{_UNIT[u.lower()]: int(n)}) for n, u in parts), timedelta())
    if not age:
        raise ValueError(f"{text!r} is no age; give at least 1m")
    return age


@dataclass(frozen=True, slots=True)
class Filters:
    """What chooses the drafts; every one given must hold (ids, if any, among them)."""

    ids: tuple[int, ...] = ()
    rule: str | None = None
    platform: str | None = None
    lang: str | None = None
    kind: str | None = None  # "public" | "private"
    older_than: timedelta | None = None
    case_id: int | None = None

    def chosen(self) -> bool:
        """Whether anything was named: no filter at all is not "every pending draft"."""
        named = (self.rule, self.platform, self.lang, self.kind, self.older_than, self.case_id)
        return bool(self.ids) or any(v is not None for v in named)


@dataclass(frozen=True, slots=True)
class Match:
    id: int
    case: str | None
    platform: str
    rule: str
    kind: str
    lang: str
    created_at: datetime
    text: str  # for the short preview, and the digest that tells an edit made since

    @property
    def seen(self) -> str:
        return text_digest(self.text)


@dataclass
class Outcome:
    done: list[int] = field(default_factory=list)
    # Why a matched draft was left: "decided meanwhile", "edited meanwhile", "gone".
    skipped: dict[str, list[int]] = field(default_factory=dict)

    def skip(self, why: str, draft_id: int) -> None:
        self.skipped.setdefault(why, []).append(draft_id)


def matching(store: Store, wanted: Filters, now: datetime | None = None) -> list[Match]:
    """The pending drafts `wanted` chooses, oldest first."""
    query = (
        sa.select(DRAFT, MENTION.c.platform)
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .where(DRAFT.c.status == "pending")
        .order_by(DRAFT.c.created_at, DRAFT.c.id)
    )
    query = query.where(*_conditions(wanted, now or datetime.now(UTC)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [_match(r) for r in rows]


def _conditions(wanted: Filters, now: datetime) -> list[Any]:
    found: list[Any] = []
    if wanted.ids:
        found.append(DRAFT.c.id.in_(wanted.ids))
    if wanted.rule is not None:
        found.append(DRAFT.c.rule == wanted.rule)
    if wanted.platform is not None:
        found.append(sa.func.lower(MENTION.c.platform) == wanted.platform.lower())
    if wanted.lang is not None:  # "pt-br" is "pt-BR"; "pt" is every Portuguese ("pt-PT" too)
        lang = sa.func.lower(DRAFT.c.lang)
        low = wanted.lang.lower()
        found.append(sa.or_(lang == low, lang.like(f"{low}-%")) if "-" not in low else lang == low)
    if wanted.kind is not None:
        found.append(DRAFT.c.kind == wanted.kind)
    if wanted.older_than is not None:
        found.append(DRAFT.c.created_at <= now - wanted.older_than)
    if wanted.case_id is not None:
        found.append(DRAFT.c.case_id == wanted.case_id)
    return found


def _match(r: sa.Row[Any]) -> Match:
    case = case_number(r.case_id) if r.case_id else None
    created = r.created_at if r.created_at.tzinfo else r.created_at.replace(tzinfo=UTC)
    return Match(r.id, case, r.platform, r.rule, r.kind, r.lang, created, r.text)


def pending_rules(store: Store) -> dict[str, int]:
    """The rules pending drafts come from, with how many each: what a mistyped --rule meant."""
    query = (
        sa.select(DRAFT.c.rule, sa.func.count())
        .where(DRAFT.c.status == "pending")
        .group_by(DRAFT.c.rule)
        .order_by(sa.func.count().desc(), DRAFT.c.rule)
    )
    with store.engine.connect() as conn:
        return {str(rule): int(n) for rule, n in conn.execute(query).all()}


def rule_known(store: Store, rule: str) -> bool:
    """Whether any draft, in any state, came from `rule` (else --rule is a typo)."""
    query = sa.select(DRAFT.c.id).where(DRAFT.c.rule == rule).limit(1)
    with store.engine.connect() as conn:
        return conn.scalar(query) is not None


def reject_each(
    store: Store, drafts: list[Match], *, by: str, advance: Callable[[int, int | None], None]
) -> Outcome:
    """Reject each draft as `drafts reject ID` does; one a person decided or edited since it
    was matched is skipped and counted, never overwritten."""
    outcome = Outcome()
    advance(0, len(drafts))  # the bar's total from the start, not "0/?"
    for d in drafts:
        _reject_one(store, outcome, d.id, d.seen, by=by)
        advance(1, None)
    return outcome


def reject_listed(store: Store, listed: list[tuple[int, str]], *, by: str) -> Outcome:
    """Reject the (id, text digest) pairs a preview showed (the desk's form), with the checks
    `reject_each` makes: a draft decided or edited since the preview is skipped and counted."""
    outcome = Outcome()
    for draft_id, seen in listed:
        _reject_one(store, outcome, draft_id, seen, by=by)
    return outcome


def _reject_one(store: Store, outcome: Outcome, draft_id: int, seen: str, *, by: str) -> None:
    try:
        queue.reject_draft(store, draft_id, by=by, seen=seen)
    except queue.DraftEdited:
        outcome.skip("edited meanwhile", draft_id)
    except queue.StaleAction:
        outcome.skip("decided meanwhile", draft_id)
    except queue.NotFound:  # erased on the author's request since
        outcome.skip("gone", draft_id)
    else:
        outcome.done.append(draft_id)


def pending_values(store: Store) -> tuple[list[str], list[str]]:
    """The platforms and the languages of the pending drafts: what the desk's form offers."""
    query = (
        sa.select(MENTION.c.platform, DRAFT.c.lang)
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .where(DRAFT.c.status == "pending")
        .distinct()
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return sorted({str(r[0]) for r in rows}), sorted({str(r[1]) for r in rows})
