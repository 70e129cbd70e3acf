"""Why the outbox holds a row, as a kind of reason (what a person can do depends on it).

Its own module, with no imports from the glue, so that audit_trail (which held_replies
imports) can record a release by its reason, not by the platform's words.
"""

from __future__ import annotations

# A hold a person made (`outbox hold`) is recorded "held by cli:ana: waiting for legal": it
# reads as theirs before any words below, which the reason they typed may hold ("token").
PERSON_HELD = "held by "
# A row held before it was ever tried has no platform's words to read: `outbox hold` before
# that format stored the bare reason a person typed; read as theirs, never guessed at.
AS_RECORDED = "as-recorded"
PERSONS_HOLDS = ("by-person", AS_RECORDED)  # a hold to lift once the reply may go

# Why a row was held, as a desk page says it: the first reason whose words the error holds.
# Set-up first: Bluesky's note on an app password without chat access mentions DMs too.
_REASONS = (
    ("setup", ("no responder named", "token", "unauthorized", "permission", "fix [routing]")),
    ("opted-out", ("asked not to be contacted",)),
    ("too-long", ("too long", "too_long", "longer than", "character limit", "graphemes")),
    (
        "dms-closed",
        ("incoming messages", "direct messages", "cannot send messages", "not accepting"),
    ),
    ("deleted", ("gone (deleted)", "deleted")),
)
# The kinds held_reason answers: an audit line records one, and reads it back as itself.
REASONS = frozenset({*(r for r, _ in _REASONS), "refused", *PERSONS_HOLDS})


def held_reason(error: str | None, *, attempts: int | None = None) -> str:
    """The kind of reason a row was held for: what a person can do depends on it. With
    `attempts` 0 (never tried: only a person's hold holds such a row), an older hold's bare
    reason reads as recorded (AS_RECORDED), not as the platform's refusal its words suggest."""
    text = (error or "").lower()
    if text.startswith(PERSON_HELD):
        return "by-person"
    if text in REASONS:  # an audit line's (audit_trail.resent): the kind itself
        return text
    if attempts == 0:
        return AS_RECORDED
    for reason, words in _REASONS:
        if any(w in text for w in words):
            return reason
    return "refused"
