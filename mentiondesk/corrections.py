"""People's corrections of a mention's sentiment label: shown at once, kept for re-training.

The desk's one-click correction and `mentiondesk relabel` both write here, so
`train-sentiment --corrections` learns from every correction, wherever it was made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.edited_posts import ACTION as EDIT_ACTION
from mentiondesk.models import Label
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CORRECTION, MENTION, READING
from sentiment.lang import primary_code
from sentiment.overlap import text_key

LABEL_INDEX = {Label.NEGATIVE: 0, Label.NEUTRAL: 1, Label.POSITIVE: 2}
# A corrected mention: text, label, its reading's and its platform's language, edited since.
_Latest = tuple[str, str, str | None, str | None, bool]


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


@dataclass(frozen=True)
class Corrected:
    """What `train-sentiment --corrections` learns from, and what it leaves out."""

    examples: list[tuple[str, int, str]]  # text (one line), label index, language
    repeats: int = 0  # the text of another corrected mention (a copy, a retweet): learnt once
    blank: int = 0  # no text to learn from
    edited: int = 0  # the post edited since: the label was given to a text no longer stored
    in_val: int = 0  # the text is in a val split: learnt, it would be scored on what it taught


def held_out(fixes: Corrected, val_texts: Iterable[str]) -> Corrected:
    """`fixes` less the corrections whose text is in a val split, counted in `in_val`.

    A tweet corrected on the desk may be one a val split holds (the shared data's, or the
    team's own labelled folder): learnt, it would be scored and tuned on as if unseen, and
    the val score and the thresholds chosen on it would flatter the model.
    """
    seen = {text_key(text) for text in val_texts}
    kept = [example for example in fixes.examples if text_key(example[0]) not in seen]
    return replace(fixes, examples=kept, in_val=fixes.in_val + len(fixes.examples) - len(kept))


def corrected_examples(store: Store) -> list[tuple[str, int, str]]:
    """(text, label index, language) of every corrected mention, its latest correction only."""
    return corrected(store).examples


def corrected(store: Store) -> Corrected:
    """Every corrected mention's text, at its latest correction, each text once.

    Texts are put on one line, as the labels folders hold them (a post's line breaks and
    tabs are spaces there). The same text corrected on several mentions (a copied complaint,
    a quoted post) is learnt once, as its latest correction says: counted three times over
    for each copy, it outweighed the rest, and two copies corrected apart taught both labels.
    A correction of a post its author edited since is left out: its label was given to the
    old text, and the new one may say the opposite ("sorted now, thanks!").
    """
    everything = _latest_corrections(store)
    rows = [row[:4] for row in everything if not row[4]]  # an edited post's is not learnt
    found: dict[str, tuple[str, int, str]] = {}  # by text, the latest correction last
    for text, label, read, said in rows:
        line, key = " ".join(text.split()), text_key(text)
        found.pop(key, None)
        found[key] = (line, LABEL_INDEX[Label(label)], primary_code(read or said))
    examples = [example for key, example in found.items() if key]
    return Corrected(
        examples,
        repeats=len(rows) - len(found),
        blank=len(found) - len(examples),
        edited=len(everything) - len(rows),
    )


def _latest_corrections(store: Store) -> list[_Latest]:
    """Each corrected mention's text, latest label, languages, and whether it was edited since."""
    latest = (
        sa.select(CORRECTION.c.mention_id, sa.func.max(CORRECTION.c.id).label("last"))
        .group_by(CORRECTION.c.mention_id)
        .subquery()
    )
    # The edit's audit line (edited_reread) is the only trace of when a post was edited.
    edited_since = (
        sa.select(AUDIT.c.id)
        .where(
            AUDIT.c.mention_id == CORRECTION.c.mention_id,
            AUDIT.c.action == EDIT_ACTION,
            AUDIT.c.at >= CORRECTION.c.corrected_at,
        )
        .exists()
    )
    query = (
        sa.select(MENTION.c.text, CORRECTION.c.label, READING.c.lang, MENTION.c.lang)
        .join(latest, latest.c.last == CORRECTION.c.id)
        .join(MENTION, MENTION.c.id == CORRECTION.c.mention_id)
        .outerjoin(READING, READING.c.mention_id == CORRECTION.c.mention_id)
        .order_by(CORRECTION.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query.add_columns(edited_since)).all()
    return [(text, label, read, said, bool(edited)) for text, label, read, said, edited in rows]
