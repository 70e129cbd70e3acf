"""An erasure's and a retention run's audit lines in the reader's words.

Their detail is a line of counts in English, naming nobody (erasure.Erasure.summary,
retention.Purge.summary, erasure_audit): "an author's data was erased on request: 2 mentions,
… deleted; 0 delivered actions, … blanked (rows kept); 1 delivered action already blank …;
Slack cards: 1 to rewrite (queued in the outbox)". Read back here section by section, each
count worded in the desk's language; a detail it cannot read (an older release's, cut at 512
characters) is shown as stored, never half translated.
"""

from __future__ import annotations

import re

from mentiondesk import erasure_audit as said
from mentiondesk.erasure import ACTION as ERASE
from mentiondesk.retention import ACTION as PURGE
from mentiondesk.web.i18n import Locale

_ERASED = "an author's data was erased on request: "
_PURGED = re.compile(r"^older than (\d+) days, retention erased: (.*)$")
_COUNT = re.compile(r"^(\d+) (.+)$")
# The things counted, singular → plural, as wording.counted writes them.
_NOUNS = {
    "mention": "mentions",
    "case": "cases",
    "draft": "drafts",
    "outbox action": "outbox actions",
    "note": "notes",
    "correction": "corrections",
    "follow-up": "follow-ups",
    "survey answer": "survey answers",
    "digest alert": "digest alerts",
    "delivered action": "delivered actions",
    "audit line": "audit lines",
    "author": "authors",
}
_PLURAL = {plural: one for one, plural in _NOUNS.items()}
_SLACK = {said.QUEUED: "queued", said.WAITING: "waiting", said.CLEARED: "cleared"}
_OLD_SLACK = re.compile(r"^(\d+) Slack cards? to rewrite$")  # before erasure_audit


def erasure_line(loc: Locale, who: str, action: str, detail: str) -> str | None:
    """The sentence for an "erase" or "purge" line; None when the detail is not one. `who`:
    "" for the service's own retention run."""
    if action == ERASE and detail.startswith(_ERASED):
        parts = _sections(loc, detail.removeprefix(_ERASED), purge=False)
        text = "{who} erased a person's data on request: {parts}"
        return loc.t(text, who=who, parts=parts) if parts else None
    found = _PURGED.match(detail) if action == PURGE else None
    if found:
        parts = _sections(loc, found[2], purge=True)
        named = {"who": who, "days": found[1], "parts": parts}
        text = "{who} ran the retention (older than {days} days): {parts}"
        if not who:  # the service's daily run (retention.SYSTEM), no person's
            text = "The retention policy ran (older than {days} days): {parts}"
        return loc.t(text, **named) if parts else None
    return None


def _sections(loc: Locale, text: str, *, purge: bool) -> str:
    """Each "; " section worded, joined again; "" when one is not read."""
    words = [_section(loc, s, purge=purge) for s in text.split("; ")]
    return "" if "" in words else "; ".join(words)


def _section(loc: Locale, text: str, *, purge: bool) -> str:
    if text.startswith(said.SLACK_HEAD):
        return _slack(loc, text.removeprefix(said.SLACK_HEAD))
    if old := _OLD_SLACK.match(text):
        return _slack(loc, f"{old[1]} {said.QUEUED}")
    tails = {
        " deleted": "deleted: {counts}",
        " blanked (rows kept)": "blanked, the rows kept: {counts}",
        said.ALREADY_TAIL: "already blank (blanked by the retention), left unchanged: {counts}",
    }
    for tail, sentence in tails.items():
        if text.endswith(tail):
            counts = _counts(loc, text.removesuffix(tail))
            return counts and loc.t(sentence, counts=counts)
    counts = _counts(loc, text) if purge else ""  # the retention's: blanked or deleted
    return counts and loc.t("blanked or deleted: {counts}", counts=counts)


def _counts(loc: Locale, text: str) -> str:
    """ "2 mentions, 1 case" in the reader's words; "" when one is not a count we know."""
    worded = []
    for item in text.split(", "):
        found = _COUNT.match(item)
        one = found and (found[2] if found[2] in _NOUNS else _PLURAL.get(found[2]))
        if not found or not one:
            return ""
        worded.append(loc.tn(f"{{n}} {one}", f"{{n}} {_NOUNS[one]}", int(found[1])))
    return ", ".join(worded)


def _slack(loc: Locale, text: str) -> str:
    """The Slack cards' counts (erasure_audit.slack_said) in the reader's words."""
    worded = []
    for item in text.split(", "):
        found = _COUNT.match(item)
        kind = found and _SLACK.get(found[2])
        if not found or not kind:
            return ""
        one, many = _CARDS[kind]
        worded.append(loc.tn(one, many, int(found[1])))
    return loc.t("Slack: {counts}", counts=", ".join(worded))


_CARDS = {
    "queued": (
        "{n} card to rewrite (queued in the outbox)",
        "{n} cards to rewrite (queued in the outbox)",
    ),
    "waiting": (
        "{n} card left to the retention's rewrite (waiting in the outbox)",
        "{n} cards left to the retention's rewrite (waiting in the outbox)",
    ),
    "cleared": (
        "{n} card already rewritten by the retention (left unchanged)",
        "{n} cards already rewritten by the retention (left unchanged)",
    ),
}
