"""Persist what the playbooks decided: reading, case, drafts and outbox rows in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.auto_reply_cap import auto_replies_sent, cap_auto_replies
from mentiondesk.case_history import History, case_tails, earlier
from mentiondesk.case_tickets import ticket_targets
from mentiondesk.cases import (
    Assignment,
    assign_cases,
    insert_ids,
    withdraw_answered_by_complaint,
    withdraw_answered_by_praise,
    withdraw_replaced_drafts,
)
from mentiondesk.converted_drafts import one_dm_per_case, own_drafts
from mentiondesk.edited_posts import decided_as_read
from mentiondesk.models import CaseContext, Mention, OutboxAction, Reading
from mentiondesk.opt_outs import listed_among, stopped_by_post, without_dms
from mentiondesk.outbox_payload import outbox_row, post_key
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX, READING, case_number

AUTO_WINDOW = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DraftPlan:
    kind: str  # private | public
    text: str
    lang: str
    rule: str
    auto: bool = False
    instead_of_public: bool = False  # as models.Action's


@dataclass(frozen=True, slots=True)
class OutboxPlan:
    kind: str  # alert | ticket
    target: str
    rule: str


@dataclass(frozen=True, slots=True)
class Decision:
    """Everything decided for one mention, ready to be written atomically."""

    mention_id: int
    author_id: int
    mention: Mention
    reading: Reading
    case_rule: str | None = None  # open a case under this rule
    priority: int = 0
    assignee: str | None = None
    drafts: tuple[DraftPlan, ...] = ()
    outbox: tuple[OutboxPlan, ...] = ()
    opt_out: bool = False  # the author asked us to stop: put them on do-not-contact
    resolves: bool = False  # a follow-up saying the problem is solved: decided as praise
    advice: bool = False  # advice to another customer in their thread: no complaint of theirs
    extra: dict[str, str] = field(default_factory=dict)


def record(
    store: Store,
    decisions: Sequence[Decision],
    *,
    post_route: dict[str, str],
    auto_daily_cap: int = 1,
) -> int:
    """Write `decisions`; skip a mention already decided (by another worker). Return the count."""
    if not decisions:
        return 0
    now = _utcnow()
    with store.engine.begin() as conn:
        # Only at the text read: one edited meanwhile is read again at its latest.
        fresh = decided_as_read(conn, {d.mention_id: d.mention.text for d in decisions})
        mine = [d for d in decisions if d.mention_id in fresh]
        if not mine:
            return 0
        # The list as it is now, not at the claim, under the locks that listing takes too: a
        # listing that came first means no DM; a later one waits, then withdraws those written.
        listed = listed_among(conn, {d.author_id for d in mine})
        allowed = [without_dms(d, listed) for d in mine]
        # Auto-replies per author: the database's (one count for the batch) plus this batch's.
        sent = auto_replies_sent(conn, allowed, now - AUTO_WINDOW)
        todo = [cap_auto_replies(d, auto_daily_cap, sent) for d in allowed]
        conn.execute(sa.insert(READING), [_reading_row(d) for d in todo])
        # Batched inserts with RETURNING (in parameter order) keep a batch to a few statements.
        cases = assign_cases(conn, todo, now)  # a follow-up joins its author's open case
        case_of = cases.case_of
        planned = one_dm_per_case(conn, todo, cases)
        rows = [draft_row(d, p, case_of.get(d.mention_id), now) for d, p in planned]
        drafts = insert_ids(conn, DRAFT, rows)
        # Before praise withdraws anything: an opt-out's withdrawal is for good, not restored.
        stopped_by_post(conn, {d.author_id: d.mention_id for d in todo if d.opt_out}, now)
        withdraw_replaced_drafts(conn, *own_drafts(planned, rows, drafts), now)
        withdraw_answered_by_praise(conn, todo, cases, now)
        withdraw_answered_by_complaint(conn, todo, cases, now)  # no thank-you for a complaint
        # Only a case opened before this batch can have a ticket already: its follow-ups' cases.
        tickets = ticket_targets(conn, {case_of[m] for m in cases.follow_ups})
        history = case_tails(conn, _ticketing_follow_ups(todo, cases, tickets))
        pairs = list(zip(planned, drafts, strict=True))
        outbox = _outbox_rows(todo, cases, pairs, tickets, history, post_route, now)
        if outbox:
            stmt = store.insert(OUTBOX).on_conflict_do_nothing(index_elements=["key"])
            conn.execute(stmt, outbox)
    return len(todo)


def _reading_row(d: Decision) -> dict[str, object]:
    r = d.reading
    return {
        "mention_id": d.mention_id,
        "classifier": r.classifier,
        "label": r.label.value,
        "score": r.score,
        "lang": r.lang,
        "topics": ",".join(r.topics),
        "reason": r.reason,
        "frustration": r.frustration,
        "is_question": r.is_question,
        "advice": d.advice,
        "created_at": _utcnow(),
    }


def _outbox_rows(
    todo: list[Decision],
    cases: Assignment,
    drafts: list[tuple[tuple[Decision, DraftPlan], int]],
    tickets: dict[int, set[str]],
    history: dict[int, History],
    post_route: dict[str, str],
    now: datetime,
) -> list[dict[str, object]]:
    """Alerts and tickets for each decision, plus posts for drafts a rule may auto-send.

    `tickets` holds the help desks each case already has a ticket with: a follow-up is added
    to those tickets as a comment instead of asking for a second ticket. A ticket that a
    follow-up opens carries what the author said before in the case, from `history`.
    """
    case_of = cases.case_of
    first_draft: dict[int, tuple[int, DraftPlan]] = {}
    rows: list[dict[str, object]] = []
    for (d, plan), draft_id in drafts:
        first_draft.setdefault(d.mention_id, (draft_id, plan))
        if plan.auto:
            number = _number(case_of.get(d.mention_id))
            rows.append(post_action(d.mention, d.reading, number, draft_id, plan, post_route, now))
    for d in todo:
        case_id = case_of.get(d.mention_id)
        ticketed = tickets.setdefault(case_id, set()) if case_id else set()
        draft = first_draft.get(d.mention_id)
        for out in _with_comments(d, ticketed):
            context = CaseContext(
                mention=d.mention,
                reading=d.reading,
                case_number=_number(case_id),
                draft_id=draft[0] if draft else None,
                draft_text=draft[1].text if draft else None,
                draft_lang=draft[1].lang if draft else None,  # said where not the author's
                rule=out.rule,
                follow_up=d.mention_id in cases.follow_ups,
                earlier=earlier(history.get(case_id or 0, []), d.mention_id)
                if out.kind == "ticket"
                else (),
            )
            key = outbox_key(out, d.mention, _number(case_id))
            action = OutboxAction(key=key, kind=out.kind, target=out.target, context=context)
            rows.append(outbox_row(action, case_id, now))
            if out.kind == "ticket":
                ticketed.add(out.target)
    return rows


def _ticketing_follow_ups(
    todo: list[Decision], cases: Assignment, tickets: dict[int, set[str]]
) -> dict[int, set[int]]:
    """Cases where a follow-up asks for a ticket that the case does not have yet, each with the
    batch's follow-ups in it: the mentions whose earlier posts a ticket may carry."""
    found: set[int] = set()
    batch: dict[int, set[int]] = {}
    for d in todo:
        case_id = cases.case_of.get(d.mention_id)
        if case_id and d.mention_id in cases.follow_ups:
            batch.setdefault(case_id, set()).add(d.mention_id)
            had = tickets.get(case_id, set())
            if any(p.kind == "ticket" and p.target not in had for p in d.outbox):
                found.add(case_id)
    return {case_id: batch[case_id] for case_id in found}


def _with_comments(d: Decision, ticketed: set[str]) -> list[OutboxPlan]:
    """`d`'s outbox plans, where a help desk that already has the case's ticket gets a comment."""
    plans = [p for p in d.outbox if not (p.kind == "ticket" and p.target in ticketed)]
    rule = d.case_rule or "follow-up"
    return plans + [OutboxPlan("comment", target, rule) for target in sorted(ticketed)]


def outbox_key(out: OutboxPlan, mention: Mention, number: str | None) -> str:
    """A ticket is one per case and desk (the same key `casework.escalate_case` uses); a comment
    one per mention and desk; an alert one per mention, chat and rule."""
    if out.kind == "ticket" and number:
        return f"ticket:{out.target}:case:{number}"
    if out.kind == "comment":
        return comment_key(out.target, number or "", mention)
    return f"{out.kind}:{out.target}:{mention.platform}:{mention.external_id}:{out.rule}"


def comment_key(target: str, number: str, mention: Mention) -> str:
    """The outbox key of a follow-up added to case `number`'s ticket at `target`."""
    return f"comment:{target}:case:{number}:{mention.platform}:{mention.external_id}"


def _number(case_id: int | None) -> str | None:
    return case_number(case_id) if case_id else None


def draft_row(
    d: Decision, plan: DraftPlan, case_id: int | None, now: datetime
) -> dict[str, object]:
    """The draft table's row for `plan` (approved at once if it is `auto`)."""
    return {
        "mention_id": d.mention_id,
        "case_id": case_id,
        "kind": plan.kind,
        "text": plan.text,
        "lang": plan.lang,
        "rule": plan.rule,
        "auto": plan.auto,
        "status": "approved" if plan.auto else "pending",
        "created_at": now,
        "decided_at": now if plan.auto else None,
        "decided_by": f"auto:{plan.rule}" if plan.auto else None,
    }


def post_action(
    mention: Mention,
    reading: Reading,
    number: str | None,
    draft_id: int,
    plan: DraftPlan,
    post_route: dict[str, str],
    now: datetime,
) -> dict[str, object]:
    """The outbox row that posts an approved draft on the mention's platform."""
    target = post_route.get(mention.platform) or post_route["default"]
    context = CaseContext(
        mention=mention,
        reading=reading,
        case_number=number,
        draft_id=draft_id,
        draft_text=plan.text,
        rule=plan.rule,
    )
    action = OutboxAction(
        key=post_key(draft_id),
        kind="post",
        target=target,
        context=context,
        text=plan.text,
        private=plan.kind == "private",
    )
    return outbox_row(action, None, now)


def _utcnow() -> datetime:
    return datetime.now(UTC)
