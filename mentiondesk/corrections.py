"""Agents' corrections of a mention's sentiment label, kept for re-training."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, col, select

from mentiondesk.models import Label
from mentiondesk.store import Store
from mentiondesk.tables import MentionRow, ReadingRow, UTCDateTime, now

LABEL_INDEX = {Label.NEGATIVE: 0, Label.NEUTRAL: 1, Label.POSITIVE: 2}


class CorrectionRow(SQLModel, table=True):
    """The label a person gave a mention; the latest one per mention counts."""

    __tablename__ = "sentiment_correction"

    id: int | None = Field(default=None, primary_key=True)
    mention_id: int = Field(foreign_key="mention.id", index=True)
    label: str = Field(max_length=16)
    previous: str | None = Field(default=None, max_length=16)
    by: str = Field(default="", max_length=128)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime())


def relabel(store: Store, mention_id: int, label: Label, *, by: str = "") -> str | None:
    """Record the correction and show it on the mention's reading; return the old label."""
    with store.session() as session:
        if session.get(MentionRow, mention_id) is None:
            raise LookupError(f"no mention with id {mention_id}")
        reading = session.get(ReadingRow, mention_id)
        previous = reading.label if reading else None
        session.add(
            CorrectionRow(mention_id=mention_id, label=label.value, previous=previous, by=by)
        )
        if reading is not None:
            reading.label = label.value
            session.add(reading)
        session.commit()
    return previous


def corrected_examples(store: Store) -> list[tuple[str, int, str]]:
    """(text, label index, language) of every corrected mention, its latest correction only."""
    with Session(store.engine) as session:
        latest: dict[int, str] = {}
        for row in session.exec(select(CorrectionRow).order_by(col(CorrectionRow.id))):
            latest[row.mention_id] = row.label  # later rows overwrite earlier ones
        out = []
        for mention_id, label in latest.items():
            mention = session.get(MentionRow, mention_id)
            reading = session.get(ReadingRow, mention_id)
            if mention is None:
                continue
            code = (reading.lang if reading else None) or mention.lang or "und"
            out.append((mention.text, LABEL_INDEX[Label(label)], code))
    return out
