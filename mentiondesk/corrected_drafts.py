"""When a person corrects how a mention reads, its drafts follow the corrected reading.

The pending drafts the playbook wrote for the old reading (an apology for what was praise) are
withdrawn naming the correction, to be restored on the case page if one still fits; the
playbook decides again on the corrected reading, and the drafts it now asks for are written
as the pipeline writes them (decisions.draft_row, do-not-contact read under the author's
lock), a pending draft of the same rule and kind staying as it is (a person may have edited
it). A draft of another case's rule or kind is written beside it.

A correction never sends anything by itself. A rule's `auto` reply waits for approval
instead: it would be posted unread, maybe hours after the post, on a click about a label.
Alerts and tickets are not sent: the mention's own rules sent theirs when it came in, and a
correction is no news for the team. The case the new reading asks for is opened (or the
author's open case joined) when the mention has none, so the drafts wait where people look;
an open case's priority is worked out again from its mentions' readings as they now are.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.bystanders import as_advice
from mentiondesk.case_history import stored_mention, with_case_joined
from mentiondesk.cases import assign_cases, follows_up, insert_ids, lock_case
from mentiondesk.corrections import corrected_reason, record_correction
from mentiondesk.decisions import Decision, DraftPlan, draft_row
from mentiondesk.models import Action, ActionKind, History, Label
from mentiondesk.opt_outs import listed_among, without_dms
from mentiondesk.plans import OPT_OUT, draft_plan, priority, urgency
from mentiondesk.store import RECENT_CASES, Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, READING, case_number
from playbooks import Playbook

_LOGGER = logging.getLogger(__name__)
_DRAFTS = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)
_CASES = (ActionKind.OPEN_CASE, ActionKind.ESCALATE)  # an escalation's case, not its ticket
WITHDRAWN = "reading corrected"  # the audit detail of a draft the correction withdrew


@dataclass(frozen=True, slots=True)
class Redrafted:
    """What a correction did: the label it replaced, the drafts withdrawn and written."""

    previous: str | None
    withdrawn: tuple[int, ...] = ()
    written: tuple[int, ...] = ()


def correct_reading(
    store: Store, playbook: Playbook, mention_id: int, label: Label, *, by: str
) -> Redrafted:
    """Record `by`'s label for the mention (kept for retraining, audited) and make its pending
    drafts follow it, in one transaction. LookupError for no such mention."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        author_id = conn.scalar(sa.select(MENTION.c.author_id).where(MENTION.c.id == mention_id))
        if author_id is None:
            raise LookupError(f"no mention with id {mention_id}")
        # The author's lock first, as the pipeline takes it: their next mention, or a listing,
        # waits for this commit, and the list is read as it is now.
        listed = listed_among(conn, {author_id})
        previous, correction = record_correction(conn, mention_id, label, by=by)
        detail = f"{previous} → {label.value}"
        audit(conn, by, "relabel", mention_id=mention_id, detail=detail)
        # Nothing read otherwise; an unread mention has no draft yet (the pipeline decides
        # it when it reads it).
        if previous is None or previous == label.value:
            return Redrafted(previous)
        why = corrected_reason(correction)
        done = redraft(conn, playbook, mention_id, int(author_id), listed, why=why, now=now)
        if done is None:
            return Redrafted(previous)
        case_id, withdrawn, written = done
        for draft_id in withdrawn:
            ids = {"mention_id": mention_id, "case_id": case_id, "draft_id": draft_id}
            audit(conn, by, "withdraw", **ids, detail=WITHDRAWN)
        for draft_id in written:
            audit(conn, by, "redraft", mention_id=mention_id, case_id=case_id, draft_id=draft_id)
    return Redrafted(previous, withdrawn, written)


def redraft(
    conn: Connection,
    playbook: Playbook,
    mention_id: int,
    author_id: int,
    listed: set[int],
    *,
    why: str,
    now: datetime,
) -> tuple[int | None, tuple[int, ...], tuple[int, ...]] | None:
    """Make the mention's pending drafts follow its stored reading as it now is (withdrawn
    ones decided by `why`); return its case and the drafts withdrawn and written, or None
    when its case has ended (no draft waits there)."""
    case = _case_of(conn, mention_id)
    # Take turns with an approval, a Reply now or a Close; the status is read under the
    # lock: a case a colleague closed a moment ago gets no new draft.
    if case is not None and not lock_case(conn, case.id, while_open=True):
        return None
    if case is not None:
        _reprioritise(conn, case.id)
    decision = _decide(conn, playbook, mention_id, author_id, listed)
    withdrawn, kept = _withdraw_old(conn, mention_id, decision.drafts, why, now)
    case_id = case.id if case is not None else _open_case(conn, decision, now)
    return case_id, withdrawn, _write_new(conn, decision, kept, case_id, now)


def _case_of(conn: Connection, mention_id: int) -> Any | None:
    """The case the mention opened or, as a follow-up, joined (its latest)."""
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    theirs = sa.or_(CASE.c.mention_id == mention_id, CASE.c.id.in_(joined))
    return conn.execute(sa.select(CASE).where(theirs).order_by(CASE.c.id.desc())).first()


def _reprioritise(conn: Connection, case_id: int) -> None:
    """The case's priority as the pipeline gives it, on the readings as they are now: its
    opening mention's, raised by a more urgent follow-up (cases.assign_cases). Praise read as
    a complaint no longer ranks like one, and the other way round. A follow-up that says the
    problem is solved ranks as the praise it was decided as (processing.decide)."""
    joined = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == case_id)
    solved = joined.where(FOLLOW_UP.c.resolves)
    opener = sa.select(CASE.c.mention_id).where(CASE.c.id == case_id).scalar_subquery()
    rows = conn.execute(
        sa.select(READING.c.frustration, READING.c.label, AUTHOR.c.followers, MENTION.c.platform)
        .add_columns(READING.c.mention_id.in_(solved).label("solved"))
        .join(MENTION, MENTION.c.id == READING.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .where(sa.or_(READING.c.mention_id == opener, READING.c.mention_id.in_(joined)))
    ).all()
    if rows:
        highest = max(
            urgency(0, Label.POSITIVE, r.followers, r.platform)
            if r.solved
            else urgency(r.frustration, r.label, r.followers, r.platform)
            for r in rows
        )
        conn.execute(sa.update(CASE).where(CASE.c.id == case_id).values(priority=highest))


def _decide(
    conn: Connection, playbook: Playbook, mention_id: int, author_id: int, listed: set[int]
) -> Decision:
    """The playbook's decision on the corrected reading: its drafts (none `auto`; no private
    one to an author on the list or who asked to stop in this post) and the case it wants."""
    mention, reading = stored_mention(conn, mention_id)  # the reading carries the new label
    # Advice to another customer stays advice, whatever the label: no case, no apology.
    advice = conn.scalar(sa.select(READING.c.advice).where(READING.c.mention_id == mention_id))
    # The case it joined when it came in, as its first reading was decided on (a `follow_up`
    # rule's draft stays that rule's); advice and spam joined none (processing.decide).
    history = history_before(conn, author_id, mention_id)
    if not advice and follows_up(reading):
        history = with_case_joined(conn, history, mention_id)
    seen = as_advice(reading) if advice else reading
    try:
        actions = playbook.decide(mention, seen, history, mention_id=mention_id)
    except Exception as exc:  # the correction stands; a person writes the reply
        _LOGGER.error(
            "mention %s: the playbook failed on the corrected reading (%s); no new drafts",
            mention_id,
            type(exc).__name__,
        )
        actions = []
    drafts = _plans(actions, playbook.templates.default_lang)
    if OPT_OUT in reading.topics:
        drafts = tuple(p for p in drafts if p.kind != "private")
    decision = Decision(
        mention_id=mention_id,
        author_id=author_id,
        mention=mention,
        reading=reading,
        case_rule=next((a.rule for a in actions if a.kind in _CASES), None),
        priority=priority(seen, mention.author, mention.platform),
        drafts=drafts,
        advice=bool(advice),
    )
    return without_dms(decision, listed)


def _plans(actions: list[Action], default_lang: str) -> tuple[DraftPlan, ...]:
    """The drafts asked for, each waiting for a person (see the module's docstring)."""
    drafts = (draft_plan(a, default_lang) for a in actions if a.kind in _DRAFTS)
    return tuple(replace(p, auto=False) for p in drafts)


def history_before(conn: Connection, author_id: int, mention_id: int) -> History:
    """The author's history as the pipeline knew it when the mention came in: cases earlier
    mentions opened (open, or resolved lately) and how many mentions came before it."""
    recent = (CASE.c.status == "resolved") & (CASE.c.closed_at >= datetime.now(UTC) - RECENT_CASES)
    cases = conn.execute(
        sa.select(CASE.c.id, CASE.c.status)
        .where(CASE.c.author_id == author_id, CASE.c.mention_id < mention_id)
        .where((CASE.c.status == "open") | recent)
        .order_by(CASE.c.id)
    ).all()
    before = conn.scalar(
        sa.select(sa.func.count()).where(
            MENTION.c.author_id == author_id,
            MENTION.c.processed.is_(True),
            MENTION.c.id < mention_id,
        )
    )
    return History(
        past_cases=tuple(case_number(c.id) for c in cases),
        open_cases=tuple(case_number(c.id) for c in cases if c.status == "open"),
        mentions_before=int(before or 0),
    )


def _withdraw_old(
    conn: Connection, mention_id: int, plans: tuple[DraftPlan, ...], why: str, now: datetime
) -> tuple[tuple[int, ...], set[tuple[str, str]]]:
    """Withdraw the mention's pending drafts the new decision does not ask for (by rule and
    kind); return their ids and the (kind, rule) of those kept."""
    wanted = {(p.kind, p.rule) for p in plans}
    pending = conn.execute(
        sa.select(DRAFT.c.id, DRAFT.c.kind, DRAFT.c.rule).where(
            DRAFT.c.mention_id == mention_id, DRAFT.c.status == "pending"
        )
    ).all()
    kept = {(d.kind, d.rule) for d in pending if (d.kind, d.rule) in wanted}
    gone = [d.id for d in pending if (d.kind, d.rule) not in wanted]
    if gone:
        conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.id.in_(gone), DRAFT.c.status == "pending")
            .values(status="withdrawn", decided_at=now, decided_by=why)
        )
    return tuple(sorted(gone)), kept


def _open_case(conn: Connection, decision: Decision, now: datetime) -> int | None:
    """The case the new reading asks for, for a mention that has none: opened, or the
    author's open case joined (cases.assign_cases, as for a mention coming in)."""
    if decision.case_rule is None:
        return None
    return assign_cases(conn, [decision], now).case_of.get(decision.mention_id)


def _write_new(
    conn: Connection,
    decision: Decision,
    kept: set[tuple[str, str]],
    case_id: int | None,
    now: datetime,
) -> tuple[int, ...]:
    """Write the drafts asked for that no pending draft already is, nor an approved one of
    their kind (the mention was answered that way, maybe a moment before the correction took
    its turn). One private message of a case waits at a time: while another mention's waits,
    none is added beside it."""
    answered = set(
        conn.scalars(
            sa.select(DRAFT.c.kind).where(
                DRAFT.c.mention_id == decision.mention_id, DRAFT.c.status == "approved"
            )
        )
    )
    plans = [p for p in decision.drafts if (p.kind, p.rule) not in kept and p.kind not in answered]
    if case_id is not None and _private_waits(conn, case_id):
        plans = [p for p in plans if p.kind != "private"]
    rows = [draft_row(decision, p, case_id, now) for p in plans]
    return tuple(insert_ids(conn, DRAFT, rows))


def _private_waits(conn: Connection, case_id: int) -> bool:
    query = sa.select(DRAFT.c.id).where(
        DRAFT.c.case_id == case_id, DRAFT.c.kind == "private", DRAFT.c.status == "pending"
    )
    return conn.scalar(query.limit(1)) is not None
