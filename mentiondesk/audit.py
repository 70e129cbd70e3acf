"""Who did what on the desk, and people's corrections of readings (kept for retraining)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.corrections import relabel
from mentiondesk.models import Label
from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT


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
    """Store a person's label for a mention (for retraining too); return the label it replaces."""
    try:
        return relabel(store, mention_id, Label(label), by=by, reason=reason)
    except LookupError:
        raise NotFound(f"no mention {mention_id}") from None


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


def resent(last_error: str | None, *, held: bool = True, to: str | None = None) -> str:
    """The detail of sending an outbox action again, saying what was done: "sent again
    after being held: <why it was held>" (the desk's case page words it for its reader)."""
    done = "sent again" + (f" through {to}" if to else "")
    return f"{done} after being held: {last_error or '?'}" if held else done
