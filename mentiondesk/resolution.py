"""Resolution: a follow-up that says the case's problem is solved ("sorted now, thanks",
"já chegou, obrigado"; the cues are mentiondesk.models.says_resolved).

Such a post names the problem it had, so the classifier may well read it as a complaint, and
the playbook would draft an apology for it. On an author's open case it is decided as praise
that joins the case is (processing.decide): no apology, the case's earlier drafts withdrawn,
the case suggested for resolving. The classifier's reading is stored as it is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mentiondesk.models import Label, Reading, says_resolved

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision

__all__ = ["as_praise", "complains", "is_complaint", "is_praise", "praises", "says_resolved"]


def is_praise(reading: Reading) -> bool:
    """Praise, not a question: from an author with an open case, maybe the problem is solved."""
    return reading.label is Label.POSITIVE and not reading.is_question


def is_complaint(reading: Reading) -> bool:
    """A negative reading: a follow-up that says something is (still) wrong."""
    return reading.label is Label.NEGATIVE


def praises(d: Decision) -> bool:
    """Praise, or a follow-up that says the problem is solved (Decision.resolves)."""
    return d.resolves or is_praise(d.reading)


def complains(d: Decision) -> bool:
    """A complaint, but not one that says the problem is solved ("took a week but sorted")."""
    return is_complaint(d.reading) and not d.resolves


def as_praise(reading: Reading) -> Reading:
    """How the playbook sees a follow-up that says the problem is solved: as praise (a
    thank-you, no apology, no ticket). The classifier's own reading is what is stored."""
    return replace(reading, label=Label.POSITIVE, frustration=0, is_question=False)
