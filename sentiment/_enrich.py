"""Turn per-text polarity into full readings: language, topics, reason, frustration."""

from __future__ import annotations

from collections.abc import Sequence

from mentiondesk.models import Label, Reading
from sentiment import lang, reasons, topics


def readings(
    texts: Sequence[str],
    langs: Sequence[str | None],
    polarity: Sequence[tuple[Label, float]],
    *,
    classifier: str,
) -> list[Reading]:
    """Combine a classifier's (label, confidence) with the shared language and topic reading."""
    detected = lang.detect(texts, langs)
    out = []
    for text, code, (label, score) in zip(texts, detected, polarity, strict=True):
        found = topics.topics(text)
        negative = label is Label.NEGATIVE
        out.append(
            Reading(
                label=label,
                score=round(float(score), 4),
                lang=code,
                topics=found,
                reason=reasons.complaint_reason(text) if negative else None,
                frustration=topics.frustration(text) if negative else 0,
                is_question=topics.is_question(text),
                classifier=classifier,
            )
        )
    return out
