"""People's corrections of a mention's sentiment label: shown at once, kept for re-training.

The desk's one-click correction and `mentiondesk relabel` both write here, so
`train-sentiment --corrections` learns from every correction, wherever it was made.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import Label
from mentiondesk.store import Store
from mentiondesk.tables import CORRECTION, MENTION, READING

LABEL_INDEX = {Label.NEGATIVE: 0, Label.NEUTRAL: 1, Label.POSITIVE: 2}


# A draft's `decided_by` when a correction withdrew it: "relabel 12" (correction 12), as the
# pipeline writes "praise 42"; desk users' names have no spaces, so it is no one's name.
_CORRECTED = "relabel "


def relabel(
    store: Store, mention_id: int, label: Label, *, by: str = "", reason: str | None = None
) -> str | None:
    """Record the correction and show it on the mention's reading; return the old label."""
    with store.engine.begin() as conn:
        return record_correction(conn, mention_id, label, by=by, reason=reason)[0]


def record_correction(
    conn: Connection, mention_id: int, label: Label, *, by: str = "", reason: str | None = None
) -> tuple[str | None, int]:
    """relabel() in the caller's transaction; return the old label and the correction's id."""
    if conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.id == mention_id)) is None:
        raise LookupError(f"no mention with id {mention_id}")
    previous = conn.scalar(sa.select(READING.c.label).where(READING.c.mention_id == mention_id))
    values = {
        "mention_id": mention_id,
        "label": label.value,
        "reason": reason,
        "corrected_by": by,
        "corrected_at": datetime.now(UTC),
        "previous_label": previous,
    }
    new_id = conn.execute(sa.insert(CORRECTION).values(values).returning(CORRECTION.c.id))
    correction_id = int(new_id.scalar_one())
    conn.execute(
        sa.update(READING).where(READING.c.mention_id == mention_id).values(label=label.value)
    )
    return (str(previous) if previous is not None else None), correction_id


def corrected_reason(correction_id: int) -> str:
    """`decided_by` of a draft withdrawn because correction `correction_id` changed its reading."""
    return f"{_CORRECTED}{correction_id}"


def withdrawn_for_correction(decided_by: str | None) -> int | None:
    """The correction that withdrew a draft (its id), from the draft's `decided_by`."""
    rest = (decided_by or "").removeprefix(_CORRECTED)
    return int(rest) if rest != decided_by and rest.isdigit() else None


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
