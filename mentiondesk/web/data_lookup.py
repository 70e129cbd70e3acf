"""Which page shows a case or a draft: the mention a link or a form's redirect lands on."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT


def case_mention(store: Store, case_id: int) -> int | None:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(CASE.c.mention_id).where(CASE.c.id == case_id))


def draft_mention(store: Store, draft_id: int) -> int | None:
    """The mention a draft answers: whose page shows it."""
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(DRAFT.c.mention_id).where(DRAFT.c.id == draft_id))


def draft_case(store: Store, draft_id: int) -> int | None:
    """The case a draft belongs to; none for a thank-you outside any case."""
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(DRAFT.c.case_id).where(DRAFT.c.id == draft_id))
