"""People's corrections of a mention's sentiment label: shown at once, kept for re-training.

The desk's one-click correction and `mentiondesk relabel` both write here, so
`train-sentiment --corrections` learns from every correction, wherever it was made.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.models import Label
from mentiondesk.store import Store
from mentiondesk.tables import CORRECTION, MENTION, READING

LABEL_INDEX = {Label.NEGATIVE: 0, Label.NEUTRAL: 1, Label.POSITIVE: 2}


def relabel(
    store: Store, mention_id: int, label: Label, *, by: str = "", reason: str | None = None
) -> str | None:
    """Record the correction and show it on the mention's reading; return the old label."""
    with store.engine.begin() as conn:
        if conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.id == mention_id)) is None:
            raise LookupError(f"no mention with id {mention_id}")
        previous = conn.scalar(sa.select(READING.c.label).where(READING.c.mention_id == mention_id))
        conn.execute(
            sa.insert(CORRECTION).values(
                mention_id=mention_id,
                label=label.value,
                reason=reason,
                corrected_by=by,
                corrected_at=datetime.now(UTC),
                previous_label=previous,
            )
        )
        conn.execute(
            sa.update(READING).where(READING.c.mention_id == mention_id).values(label=label.value)
        )
    return str(previous) if previous is not None else None


def corrected_examples(store: Store) -> list[tuple[str, int, str]]:
    """(text, label index, language) of every corrected mention, its latest correction only."""
    latest = (
        sa.select(CORRECTION.c.mention_id, sa.func.max(CORRECTION.c.id).label("last"))
        .group_by(CORRECTION.c.mention_id)
        .subquery()
    )
    query = (
        sa.select(MENTION.c.text, CORRECTION.c.label, READING.c.lang, MENTION.c.lang)
        .join(latest, latest.c.last == CORRECTION.c.id)
        .join(MENTION, MENTION.c.id == CORRECTION.c.mention_id)
        .outerjoin(READING, READING.c.mention_id == CORRECTION.c.mention_id)
        .order_by(CORRECTION.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [(text, LABEL_INDEX[Label(label)], read or said or "und")
            for text, label, read, said in rows]  # fmt: skip
