"""Where an author's traces are: the rows an erasure deletes or blanks and an access request
exports.

Kept apart from the erasure itself (mentiondesk.erasure) because it only reads: the erasure
and the export (mentiondesk.author_export) find the same rows through it, so what one removes
is what the other shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erasure_payloads import Whose, handles_then
from mentiondesk.retention_listings import LISTING, names_listed
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION


def traces_of(conn: Connection, platform: str, handle: str, authors: Sequence[Any]) -> Whose:
    """Where the traces of these author rows (id, platform, external_id, handle) are: erased
    by mentiondesk.erasure, shown by an access request's export (mentiondesk.author_export).
    Each row's own platform: an account stored under the platform's former name ("twitter")
    is named so in its posts' copies."""
    author_ids = [a.id for a in authors]
    # Subqueries, not lists of ids: a prolific author's thousands of mentions would pass
    # SQLite's bound-parameter limit (999 on older builds).
    mentions = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(author_ids))
    cases = sa.select(CASE.c.id).where(cases_of(mentions, author_ids))
    drafts = sa.select(DRAFT.c.id).where(
        sa.or_(DRAFT.c.mention_id.in_(mentions), DRAFT.c.case_id.in_(cases))
    )
    whose = Whose(
        accounts=frozenset((a.platform, a.external_id) for a in authors),
        # The handle asked for too ("" when found by id or post: it would match every line).
        handles=frozenset(h for h in {*(a.handle for a in authors), handle} if h),
        mentions=mentions,
        cases=cases,
        drafts=drafts,
    )
    return replace(whose, handles=whose.handles | handles_then(conn, whose))


def cases_of(mentions: sa.Select[tuple[int]], author_ids: list[int]) -> Any:
    """SQL: a case opened by one of their mentions or about them."""
    return sa.or_(CASE.c.mention_id.in_(mentions), CASE.c.author_id.in_(author_ids))


def audit_about(platform: str, whose: Whose) -> sa.ColumnElement[bool]:
    """SQL: an audit line about their mentions, cases or drafts, or listing their handle."""
    platforms = {platform} | {p for p, _ in whose.accounts}  # a former name's lines too
    named = (names_listed(p, whose.handles, whose.mentions) for p in sorted(platforms))
    return sa.or_(
        AUDIT.c.mention_id.in_(whose.mentions),
        AUDIT.c.case_id.in_(whose.cases),
        AUDIT.c.draft_id.in_(whose.drafts),
        sa.and_(AUDIT.c.action.in_(LISTING), sa.or_(*named)),
    )
