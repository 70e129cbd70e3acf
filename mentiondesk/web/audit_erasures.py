"""An erasure's and a retention run's audit lines in the reader's words.

Their detail is a line of counts in English, naming nobody (erasure.Erasure.summary,
retention.Purge.summary, erasure_audit): "an author's data was erased on request: 2 mentions,
… deleted; 0 delivered actions, … blanked (rows kept); 1 delivered action already blank …;
Slack cards: 1 to rewrite (queued in the outbox)", its counts as `counted` writes them
("1,234 mentions"); an erasure's too long for the trail in a compact form, read back as the
long one (erasure_audit.expanded). Read back here section by section, each count worded in
the desk's language; a detail it cannot read (an older release's, cut at 512 characters) is
shown as stored, never half translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mentiondesk import erasure_audit as said
from mentiondesk.erasure import ACTION as ERASE
from mentiondesk.retention import ACTION as PURGE
from mentiondesk.web.i18n import Locale

_PURGED = re.compile(r"^older than (\d+) days, retention erased: (.*)$")
_COUNT = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+) (.+)$")  # "1,234 mentions" (wording.counted)
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
_SLACK |= {said.OTHERS: "others"}  # cards about others' posts that showed the person
_OLD_SLACK = re.compile(r"^(\d+) Slack cards? to rewrite$")  # before erasure_audit


@dataclass(frozen=True, slots=True)
class Counted:
    """What an erasure's or a retention run's line counted, in the reader's words."""

    parts: str  # "deleted: 2 mentions, …; blanked, the rows kept: …"
    days: str | None = None  # a retention run's: older than that many days; None: an erasure


def counted(loc: Locale, action: str, detail: str) -> Counted | None:
    """The counts of an "erase" or "purge" line (the Privacy log's column, and
    erasure_line's sentence); None when the detail is not one, shown as stored then."""
    if action == ERASE and (text := _erased(detail)):
        parts = _sections(loc, text, purge=False)
        return Counted(parts) if parts else None
    found = _PURGED.match(detail) if action == PURGE else None
    parts = _sections(loc, found[2], purge=True) if found else ""
    return Counted(parts, days=found[1]) if found and parts else None


def _erased(detail: str) -> str | None:
    """An erasure's counts as its long line says them; None where the detail is not one."""
    if detail.startswith(said.COMPACT_HEAD):
        return said.expanded(detail.removeprefix(said.COMPACT_HEAD))
    return detail.removeprefix(said.ERASED_HEAD) if detail.startswith(said.ERASED_HEAD) else None


def erasure_line(loc: Locale, who: str, action: str, detail: str) -> str | None:
    """The sentence for an "erase" or "purge" line; None when the detail is not one. `who`:
    "" for the service's own retention run."""
    said = counted(loc, action, detail)
    if said is None:
        return None
    if said.days is None:
        return loc.t("{who} erased a person's data on request: {parts}", who=who, parts=said.parts)
    named = {"who": who, "days": said.days, "parts": said.parts}
    if not who:  # the service's daily run (retention.SYSTEM), no person's
        return loc.t("The retention policy ran (older than {days} days): {parts}", **named)
    return loc.t("{who} ran the retention (older than {days} days): {parts}", **named)


def _sections(loc: Locale, text: str, *, purge: bool) -> str:
    """Each "; " section worded, joined again; "" when one is not read."""
    words = [_section(loc, s, purge=purge) for s in text.split("; ")]
    return "" if "" in words else "; ".join(words)


def _section(loc: Locale, text: str, *, purge: bool) -> str:
    if text.startswith(said.SLACK_HEAD):
        return _slack(loc, text.removeprefix(said.SLACK_HEAD))
    if old := _OLD_SLACK.match(text):
        return _slack(loc, f"{old[1]} {said.QUEUED}")
    # Each text written out in its call, where the catalog's test finds it.
    tails: dict[str, Callable[[str], str]] = {
        " deleted": lambda c: loc.t("deleted: {counts}", counts=c),
        " blanked (rows kept)": lambda c: loc.t("blanked, the rows kept: {counts}", counts=c),
        said.ALREADY_TAIL: lambda c: loc.t(
            "already blank (blanked by the retention), left unchanged: {counts}", counts=c
        ),
    }
    for tail, sentence in tails.items():
        if text.endswith(tail):
            counts = _counts(loc, text.removesuffix(tail))
            return counts and sentence(counts)
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
        worded.append(_counted(loc, one, int(found[1].replace(",", ""))))
    return ", ".join(worded)


def _counted(loc: Locale, one: str, n: int) -> str:
    """ "2 mentions": a thing of _NOUNS counted, in the reader's words."""
    texts: dict[str, Callable[[], str]] = {
        "mention": lambda: loc.tn("{n} mention", "{n} mentions", n),
        "case": lambda: loc.tn("{n} case", "{n} cases", n),
        "draft": lambda: loc.tn("{n} draft", "{n} drafts", n),
        "outbox action": lambda: loc.tn("{n} outbox action", "{n} outbox actions", n),
        "note": lambda: loc.tn("{n} note", "{n} notes", n),
        "correction": lambda: loc.tn("{n} correction", "{n} corrections", n),
        "follow-up": lambda: loc.tn("{n} follow-up", "{n} follow-ups", n),
        "survey answer": lambda: loc.tn("{n} survey answer", "{n} survey answers", n),
        "digest alert": lambda: loc.tn("{n} digest alert", "{n} digest alerts", n),
        "delivered action": lambda: loc.tn("{n} delivered action", "{n} delivered actions", n),
        "audit line": lambda: loc.tn("{n} audit line", "{n} audit lines", n),
        "author": lambda: loc.tn("{n} author", "{n} authors", n),
    }
    return texts[one]()


def _slack(loc: Locale, text: str) -> str:
    """The Slack cards' counts (erasure_audit.slack_said) in the reader's words."""
    worded = []
    for item in text.split(", "):
        found = _COUNT.match(item)
        kind = found and _SLACK.get(found[2])
        if not found or not kind:
            return ""
        worded.append(_cards(loc, kind, int(found[1].replace(",", ""))))
    return loc.t("Slack: {counts}", counts=", ".join(worded))


def _cards(loc: Locale, kind: str, n: int) -> str:
    if kind == "queued":
        return loc.tn(
            "{n} card to rewrite (queued in the outbox)",
            "{n} cards to rewrite (queued in the outbox)",
            n,
        )
    if kind == "others":
        return loc.tn(
            "{n} card about others' posts that showed the person (rewrite queued in the outbox)",
            "{n} cards about others' posts that showed the person (rewrite queued in the outbox)",
            n,
        )
    if kind == "waiting":
        return loc.tn(
            "{n} card left to the retention's rewrite (waiting in the outbox)",
            "{n} cards left to the retention's rewrite (waiting in the outbox)",
            n,
        )
    return loc.tn(
        "{n} card already rewritten by the retention (left unchanged)",
        "{n} cards already rewritten by the retention (left unchanged)",
        n,
    )
