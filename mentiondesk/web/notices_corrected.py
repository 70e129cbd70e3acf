"""What a reading correction says it did (common.NOTICES holds them with the rest). A
correction (corrected_drafts) touches only that mention's drafts: each notice says what it did
to them, so nobody wonders about a draft of the case still waiting, or one gone."""

from __future__ import annotations

CORRECTED_NOTICES = {
    "corrected": (
        "ok",
        "Label corrected, thank you: it is kept for retraining. No draft was changed.",
    ),
    "redrafted": (
        "ok",
        "Label corrected, thank you: it is kept for retraining. Drafts written for the old "
        "reading are withdrawn, and the new reading's drafts wait below for approval.",
    ),
    "drafted": (
        "ok",
        "Label corrected, thank you: it is kept for retraining. No draft was withdrawn; the "
        "new reading's drafts wait below for approval.",
    ),
    "corrected-write": (
        "ok",
        "Label corrected, thank you: it is kept for retraining. Drafts written for the old "
        "reading are withdrawn and no new one was written: write a reply with Reply now if it "
        "needs one.",
    ),
}
