"""Who did what on the desk, and people's corrections of readings (kept for retraining)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.models import Label
from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CORRECTION, DRAFT, READING


def record(
    store: Store,
    actor: str,
    action: str,
    *,
    mention_id: int | None = None,
    case_id: int | None = None,
    draft_id: int | None = None,
    detail: str = "",
) -> None:
    """Append one line to the audit trail."""
    values = {
        "at": datetime.now(UTC),
        "actor": actor,
        "action": action,
        "mention_id": mention_id,
        "case_id": case_id,
        "draft_id": draft_id,
        "detail": detail[:512],
    }
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUDIT).values(values))


def correct_label(
    store: Store, mention_id: int, *, label: str, by: str, reason: str | None = None
) -> str | None:
    """Store a person's label for a mention; return the label it replaces (latest known)."""
    Label(label)  # raises ValueError for anything but negative / neutral / positive
    with store.engine.begin() as conn:
        previous = conn.scalar(
            sa.select(CORRECTION.c.label)
            .where(CORRECTION.c.mention_id == mention_id)
            .order_by(CORRECTION.c.id.desc())
            .limit(1)
        ) or conn.scalar(sa.select(READING.c.label).where(READING.c.mention_id == mention_id))
        if previous is None:
            raise NotFound(f"mention {mention_id} has no reading")
        values = {
            "mention_id": mention_id,
            "label": label,
            "reason": reason,
            "corrected_by": by,
            "corrected_at": datetime.now(UTC),
            "previous_label": previous,
        }
        conn.execute(sa.insert(CORRECTION).values(values))
    return str(previous)


def record_draft(store: Store, actor: str, action: str, draft_id: int, detail: str = "") -> None:
    """Audit an action on a draft under its mention and case, so the case page shows it."""
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(DRAFT.c.mention_id, DRAFT.c.case_id).where(DRAFT.c.id == draft_id)
        ).first()
    mention_id, case_id = (row.mention_id, row.case_id) if row else (None, None)
    record(
        store,
        actor,
        action,
        mention_id=mention_id,
        case_id=case_id,
        draft_id=draft_id,
        detail=detail,
    )
