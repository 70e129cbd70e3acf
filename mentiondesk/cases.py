"""Which case a decided mention belongs to: its author's open case, or a new one.

Someone who writes three times about one late parcel is one case for the desk — one place to
answer, one ticket, one first-response clock — not three. So a mention whose rules ask for a
case joins its author's open case as a follow-up (raising the case's priority if it is more
urgent). Anything else the author posts while the case is open joins it too, whatever the
rules ask: praise ("it arrived, thanks!"), a question ("any news?") or plain news ("I sent the
order number by DM") is about the case, and the person answering it must see it there. Only
spam stands alone. None of them opens a case; a resolved or closed case is not reopened: the
next complaint opens a new case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import Label, Reading, utc
from mentiondesk.opt_outs import lock_authors
from mentiondesk.resolution import complains, praises
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, READING

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision

# A draft's `decided_by` when praise withdrew it: "praise 42" (mention 42). Desk users' names
# have no spaces, so it cannot be a person's name, like "draft 7" for a replaced draft.
_PRAISE = "praise "
_COMPLAINT = "complaint "  # "complaint 57": a complaint (mention 57) withdrew a thank-you
_REPLACED = "draft "  # "draft 7": a follow-up's newer draft (7) replaced this one
SPAM = "spam"  # the topic of giveaways and crypto pitches: never news about anyone's case


@dataclass(frozen=True, slots=True)
class Assignment:
    """Which case each mention of a batch belongs to, and which of them joined one as follow-ups."""

    case_of: dict[int, int]  # mention id -> case id
    follow_ups: frozenset[int]  # mention ids that joined a case another mention opened


def assign_cases(conn: Connection, todo: Sequence[Decision], now: datetime) -> Assignment:
    """The case of every mention in `todo` that asks for a case, opening cases as needed, and
    of any other mention but spam by an author whose case is open."""
    # Advice to someone else in their thread is no news about the adviser's own case.
    wanting = [d for d in todo if d.case_rule or (follows_up(d.reading) and not d.advice)]
    # Two workers deciding mentions by one author at once must not both open a case: the
    # second waits for the first one's commit, then sees its case. (`record` has taken these
    # locks already, with all of its batch's in one pass; taking them again changes nothing.)
    lock_authors(conn, {d.author_id for d in wanting})
    open_case = _open_cases(conn, {d.author_id for d in wanting})
    openers: dict[int, Decision] = {}  # author -> the first mention of this batch to open one
    joiners: list[Decision] = []
    for d in wanting:
        if d.author_id in open_case or d.author_id in openers:
            joiners.append(d)
        elif d.case_rule:
            openers[d.author_id] = d
    opened = insert_ids(conn, CASE, [_case_row(d, now) for d in openers.values()])
    case_of = {d.mention_id: i for d, i in zip(openers.values(), opened, strict=True)}
    open_case |= {author: case_of[d.mention_id] for author, d in openers.items()}
    for d in joiners:
        case_of[d.mention_id] = open_case[d.author_id]
    if joiners:
        rows = [
            {"case_id": case_of[d.mention_id], "mention_id": d.mention_id, "resolves": d.resolves}
            for d in joiners
        ]
        conn.execute(sa.insert(FOLLOW_UP), [{**r, "created_at": now} for r in rows])
        _raise_priority(conn, [(case_of[d.mention_id], d.priority) for d in joiners])
    return Assignment(case_of, frozenset(d.mention_id for d in joiners))


def follows_up(reading: Reading) -> bool:
    """Whether a mention no rule opens a case for joins its author's open case: any post but
    spam (praise, "any news?", "I sent the order number by DM"). Praise withdraws the case's
    drafts, a complaint its thank-yous; a question or news just joins, and the case needs a
    reply again, as after a complaint that joins (the queue's `needs_reply`)."""
    # Glowing spam ("love this free airdrop!") would otherwise pass for "problem solved".
    return SPAM not in reading.topics


def praised_last() -> sa.Exists:
    """Whether the latest follow-up of the case it is selected with (a subquery on CASE) is
    praise or says the problem is solved: for a person to confirm by resolving the case."""
    # Aliases: the queue's query has READING (the opening mention's) in its FROM already, and
    # an unaliased table here would be correlated to it.
    read, later = READING.alias("praise_reading"), FOLLOW_UP.alias("later_follow_up")
    return sa.exists().where(
        FOLLOW_UP.c.case_id == CASE.c.id,
        read.c.mention_id == FOLLOW_UP.c.mention_id,
        # praises, in SQL
        sa.or_(FOLLOW_UP.c.resolves, read.c.label == Label.POSITIVE.value),
        sa.or_(FOLLOW_UP.c.resolves, read.c.is_question.is_(False)),
        ~sa.exists().where(later.c.case_id == FOLLOW_UP.c.case_id, later.c.id > FOLLOW_UP.c.id),
    )


def praise_reason(mention_id: int) -> str:
    """`decided_by` of a draft withdrawn because the author posted praise, mention `mention_id`."""
    return f"{_PRAISE}{mention_id}"


def withdrawn_for_praise(decided_by: str | None) -> int | None:
    """The praise that withdrew a draft (its mention id), from the draft's `decided_by`."""
    rest = (decided_by or "").removeprefix(_PRAISE)
    return int(rest) if rest != decided_by and rest.isdigit() else None


def withdraw_answered_by_praise(
    conn: Connection, todo: Sequence[Decision], cases: Assignment, now: datetime
) -> None:
    """Praise that joins an open case ("it arrived, thanks!") may mean the problem is solved:
    the case's pending drafts answering what the author said before it (the apology, "send us
    your order number") are withdrawn naming the praise, so nobody sends them blindly. Whether
    the case is resolved, a person decides."""
    for case_id, (praise, since) in last_of(todo, cases, praises).items():
        _withdraw(conn, case_id, since, praise_reason(praise), now)


def complaint_reason(mention_id: int) -> str:
    """`decided_by` of a thank-you withdrawn because the author complained, mention `mention_id`."""
    return f"{_COMPLAINT}{mention_id}"


def withdrawn_for_complaint(decided_by: str | None) -> int | None:
    """The complaint that withdrew a thank-you (its mention id), from the draft's `decided_by`."""
    rest = (decided_by or "").removeprefix(_COMPLAINT)
    return int(rest) if rest != decided_by and rest.isdigit() else None


def withdraw_answered_by_complaint(
    conn: Connection, todo: Sequence[Decision], cases: Assignment, now: datetime
) -> None:
    """The mirror of praise: a complaint that joins a case ("why does the same lamp cost more
    here?") makes the case's pending thank-you for earlier praise wrong to send, so it is
    withdrawn naming the complaint; nobody thanks a customer for a complaint in one click. Any
    kind: a thank-you to a followers-only post waits as a private message (converted_drafts)."""
    praised = sa.select(READING.c.mention_id).where(
        READING.c.label == Label.POSITIVE.value, READING.c.is_question.is_(False)
    )
    solved = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.resolves)
    thanks = DRAFT.c.mention_id.in_(praised) | DRAFT.c.mention_id.in_(solved)
    for case_id, (complaint, since) in last_of(todo, cases, complains).items():
        _withdraw(conn, case_id, since, complaint_reason(complaint), now, thanks)


def last_of(
    todo: Sequence[Decision], cases: Assignment, kind: Callable[[Decision], bool]
) -> dict[int, tuple[int, set[int]]]:
    """Per case, its last follow-up of this batch of `kind` (praises, complains), and the mentions
    of the batch from it on: their own drafts answer what came after it, and stay."""
    after: dict[int, tuple[int, set[int]]] = {}
    for d in todo:
        case_id = cases.case_of.get(d.mention_id)
        if case_id is None:
            continue
        if d.mention_id in cases.follow_ups and kind(d):
            after[case_id] = (d.mention_id, {d.mention_id})
        elif case_id in after:
            after[case_id][1].add(d.mention_id)
    return after


def _withdraw(
    conn: Connection, case_id: int, since: set[int], why: str, now: datetime, *where: Any
) -> None:
    """Withdraw the case's pending drafts (matching `where`) answering mentions before `since`."""
    conn.execute(
        sa.update(DRAFT)
        .where(
            DRAFT.c.case_id == case_id,
            DRAFT.c.status == "pending",
            DRAFT.c.mention_id.not_in(since),
            *where,
        )
        .values(status="withdrawn", decided_at=now, decided_by=why)
    )


def follow_up_count() -> sa.ScalarSelect[int]:
    """How many follow-ups joined the case of the row it is selected with (a subquery on CASE)."""
    return (
        sa.select(sa.func.count())
        .select_from(FOLLOW_UP)
        .where(FOLLOW_UP.c.case_id == CASE.c.id)
        .scalar_subquery()
    )


def insert_ids(conn: Connection, table: sa.Table, rows: list[dict[str, object]]) -> list[int]:
    """Insert `rows` in one statement; their new ids, in the rows' order."""
    if not rows:
        return []
    stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(stmt, rows).scalars()]


def replaced_by(decided_by: str | None) -> int | None:
    """The newer draft (its id) that replaced a withdrawn one, from the draft's `decided_by`."""
    rest = (decided_by or "").removeprefix(_REPLACED)
    return int(rest) if rest != decided_by and rest.isdigit() else None


def withdraw_replaced_drafts(
    conn: Connection, rows: list[dict[str, object]], ids: list[int], now: datetime
) -> None:
    """One private message per case waits for a person: a follow-up's new draft replaces
    the case's earlier pending ones, so an agent cannot send the author the same apology twice."""
    newest: dict[object, int] = {}
    for row, draft_id in zip(rows, ids, strict=True):
        if row["case_id"] and row["kind"] == "private" and row["status"] == "pending":
            newest[row["case_id"]] = max(draft_id, newest.get(row["case_id"], 0))
    for case_id, draft_id in newest.items():
        conn.execute(
            sa.update(DRAFT)
            .where(
                DRAFT.c.case_id == case_id,
                DRAFT.c.kind == "private",
                DRAFT.c.status == "pending",
                DRAFT.c.id < draft_id,
            )
            .values(status="withdrawn", decided_at=now, decided_by=f"{_REPLACED}{draft_id}")
        )


def _open_cases(conn: Connection, author_ids: set[int]) -> dict[int, int]:
    """Each author's most recent open case, its row locked until the commit (after the
    author's lock, as everywhere). A Close commits first, and the case is then found ended:
    the next complaint opens a new case rather than joining one nobody answers any more.
    Or the Close waits for this commit, and withdraws the drafts written here with the rest."""
    if not author_ids:
        return {}
    rows = conn.execute(
        sa.select(CASE.c.author_id, sa.func.max(CASE.c.id))
        .where(CASE.c.status == "open", CASE.c.author_id.in_(author_ids))
        .group_by(CASE.c.author_id)
    ).all()
    found = {int(author): int(case) for author, case in rows}
    # One statement for the batch: each author's case is theirs alone, under their lock.
    still = sa.update(CASE).where(CASE.c.id.in_(found.values()), CASE.c.status == "open")
    locked = set(conn.scalars(still.values(status=CASE.c.status).returning(CASE.c.id)))
    if ended := {a for a, case in found.items() if case not in locked}:
        # Closed meanwhile: an older case of theirs may still be open (a case never reopens).
        return {a: c for a, c in found.items() if a not in ended} | _open_cases(conn, ended)
    return found


def _raise_priority(conn: Connection, joined: list[tuple[int, int]]) -> None:
    """A follow-up more urgent than its case lifts the case in the queue (never lowers it)."""
    highest: dict[int, int] = {}
    for case_id, priority in joined:
        highest[case_id] = max(priority, highest.get(case_id, priority))
    for case_id, priority in highest.items():
        conn.execute(
            sa.update(CASE)
            .where(CASE.c.id == case_id, CASE.c.priority < priority)
            .values(priority=priority)
        )


def _case_row(d: Decision, now: datetime) -> dict[str, object]:
    return {
        "mention_id": d.mention_id,
        "author_id": d.author_id,
        "rule": d.case_rule,
        "status": "open",
        "priority": d.priority,
        "assignee": d.assignee,
        # The customer has waited since they posted, not since we read it: first-response
        # time and the queue's "oldest first" count from the post (never from the future).
        "opened_at": min(utc(d.mention.created_at), now),
    }


def lock_case(conn: Connection, case_id: int, *, while_open: bool = False) -> bool:
    """Hold the case row until the commit, so people acting on one case at once take turns
    (an update that changes nothing: PostgreSQL locks the row, SQLite the database).

    With `while_open`, only an open case is locked; return whether the row was locked.
    """
    where = [CASE.c.id == case_id] + ([CASE.c.status == "open"] if while_open else [])
    stmt = sa.update(CASE).where(*where).values(status=CASE.c.status)
    return bool(conn.execute(stmt).rowcount == 1)
