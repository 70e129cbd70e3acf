"""A rule's public reply to a followers-only or direct post, drafted as the private message it
is sent as (models.Action.instead_of_public), next to the case's one waiting private message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import DRAFT

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision, DraftPlan

Planned = list[tuple["Decision", "DraftPlan"]]


def one_dm_per_case(conn: Connection, planned: Planned, case_of: dict[int, int]) -> Planned:
    """`planned` without the converted public replies whose case has a private message
    waiting, or gets a rule's own in this batch: one private message per case waits, and the
    newer would replace it (cases.withdraw_replaced_drafts) though that one answers the case;
    of two converted ones in a batch, the first stays."""
    cases = {case_of.get(d.mention_id) for d, p in planned if p.instead_of_public} - {None}
    if not cases:
        return planned
    waiting = sa.select(DRAFT.c.case_id).where(
        DRAFT.c.case_id.in_(cases), DRAFT.c.kind == "private", DRAFT.c.status == "pending"
    )
    own = {
        case_of.get(d.mention_id)
        for d, p in planned
        if p.kind == "private" and not p.instead_of_public
    }
    taken = set(conn.scalars(waiting)) | own
    kept = []
    for d, p in planned:
        case_id = case_of.get(d.mention_id)
        if p.instead_of_public and case_id is not None:
            if case_id in taken:
                continue
            taken.add(case_id)
        kept.append((d, p))
    return kept
