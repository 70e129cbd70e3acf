"""The drafts of a batch as their cases take them: a rule's public reply to a followers-only
or direct post, drafted as the private message it is sent as (models.Action.instead_of_public),
next to the case's one waiting private message; praise that joined a case waits for a person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.cases import Assignment, last_of
from mentiondesk.resolution import is_praise, praises
from mentiondesk.tables import DRAFT

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision, DraftPlan

Planned = list[tuple["Decision", "DraftPlan"]]


def one_dm_per_case(conn: Connection, todo: Sequence[Decision], cases: Assignment) -> Planned:
    """The drafts of `todo` but the converted public replies whose case has a private message
    waiting, or gets a rule's own in this batch: one private message per case waits, and the
    newer would replace it (cases.withdraw_replaced_drafts) though that one answers the case;
    of two converted ones in a batch, the first stays. A private message that praise in this
    batch withdraws (cases.withdraw_answered_by_praise) holds no place: the praise's own
    thank-you waits instead, or the author, who may have been helped, gets neither."""
    planned = [(d, by_a_person(d, p, cases)) for d in todo for p in d.drafts]
    case_of = cases.case_of
    converted = {case_of.get(d.mention_id) for d, p in planned if p.instead_of_public} - {None}
    if not converted:
        return planned
    praised = {case: since for case, (_, since) in last_of(todo, cases, praises).items()}

    def stays(d: Decision) -> bool:  # not withdrawn by the batch's praise
        case_id = case_of[d.mention_id]
        return case_id not in praised or d.mention_id in praised[case_id]

    # Every waiting one answers a mention before this batch: praise here withdraws it.
    taken = set(conn.scalars(_waiting(converted - praised.keys())))
    own = [(d, p) for d, p in planned if d.mention_id in case_of and not p.instead_of_public]
    taken |= {case_of[d.mention_id] for d, p in own if p.kind == "private" and stays(d)}
    kept = []
    for d, p in planned:
        case_id = case_of.get(d.mention_id)
        if p.instead_of_public and case_id is not None:
            if case_id in taken:
                continue
            if stays(d):  # one the praise withdraws anyway takes no place
                taken.add(case_id)
        kept.append((d, p))
    return kept


def by_a_person(d: Decision, p: DraftPlan, cases: Assignment) -> DraftPlan:
    """Praise that joined an open case is answered by a person who knows the case, never posted
    by itself (processing.decide drops `auto` there too): another worker may have opened the
    case after this mention was decided on the author's history, and before it was recorded."""
    if p.auto and d.mention_id in cases.follow_ups and (d.resolves or is_praise(d.reading)):
        return replace(p, auto=False)
    return p


def own_drafts(
    planned: Planned, rows: list[dict[str, object]], ids: list[int]
) -> tuple[list[dict[str, object]], list[int]]:
    """The `rows` (and `ids`) of the drafts that are the rules' own, not converted: only those
    replace a case's waiting private message. A converted one is there only where none is
    left waiting, or where this batch's praise withdraws it, naming the praise."""
    own = [i for i, (_, p) in enumerate(planned) if not p.instead_of_public]
    return [rows[i] for i in own], [ids[i] for i in own]


def waiting_dm(conn: Connection, case_id: int | None) -> int | None:
    """The private message waiting for a person in case `case_id` (its draft id), if any."""
    if case_id is None:  # drafts outside any case are no one case's: none waits "beside" it
        return None
    return conn.scalar(sa.select(DRAFT.c.id).where(_pending_dm(), DRAFT.c.case_id == case_id))


def _waiting(case_ids: set[int | None]) -> sa.Select[int | None]:
    """The cases of `case_ids` that have a private message waiting for a person."""
    return sa.select(DRAFT.c.case_id).where(_pending_dm(), DRAFT.c.case_id.in_(case_ids))


def _pending_dm() -> sa.ColumnElement[bool]:
    return sa.and_(DRAFT.c.kind == "private", DRAFT.c.status == "pending")
