"""Business hours as a team in Brazil or Portugal first writes them ("seg-sex", "9h", "18h30",
"9h-18h"), read back into what `[desk] business_hours` takes, so that the refusal can say
the exact line to write rather than the format alone. Only ever a suggestion: what was
written is still refused, as guessing a team's working week silently would skew every
business-hours figure."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from mentiondesk.business_week import DAY_NAMES, clock_text, parse_days

# Portuguese day names by their first three letters (segunda-feira, terça, sábado…), and
# Portugal's ordinals (2ª a 6ª: Monday to Friday), unaccented.
_PT_DAYS = {"seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4, "sab": 5, "dom": 6}
_ORDINALS = {"2a": 0, "3a": 1, "4a": 2, "5a": 3, "6a": 4}
# A clock as people write it: 9, 9h, 9h30, 18hs, 9.30, 9:00, 6pm, 6 pm.
_CLOCK = r"\d{1,2}(?:\s*(?:h|hs|hrs|:|\.)\s*\d{2})?\s*(?:h|hs|hrs)?(?:\s*(?:am|pm))?"
_CLOCK_PARTS = re.compile(
    r"(\d{1,2})(?:\s*(?:h|hs|hrs|:|\.)\s*(\d{2}))?\s*(?:h|hs|hrs)?\s*(am|pm)?", re.I
)
# From…to between two days or two clocks: "-", "a", "às", "até", "to".
_TO = r"\s*(?:-|–|\ba\b|\bas\b|\bate\b|\bto\b|\bthrough\b)\s*"
_SHIFT = re.compile(rf"({_CLOCK}){_TO}({_CLOCK})\s*$", re.I)
# Words around the days in a sentence ("de segunda a sexta, das 9h às 18h", "from Monday to
# Friday, between 9 and 6"), unaccented: not days, and not to be echoed in a suggestion.
_LEAD = re.compile(r"^(?:de|da|do|from|entre)\s+")
_TRAIL = re.compile(r"[\s,;:]*\b(?:das|dos|da|de|from|between|entre)$")


def clock_meant(text: str) -> str | None:
    """ "9h" → "09:00", "18h30" → "18:30", "6pm" → "18:00"; None where `text` reads as no
    clock (or already is one as written)."""
    found = _CLOCK_PARTS.fullmatch(text.strip())
    if not found:
        return None
    hours, minutes, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half == "pm" else 0)
    if minutes > 59 or hours * 60 + minutes > 24 * 60:
        return None
    meant = clock_text(hours * 60 + minutes)
    return None if meant == text.strip() else meant


def shift_meant(text: str) -> str | None:
    """ "9h-18h" → "09:00-18:00", "9h às 18h" too; None where it reads as no shift."""
    found = _SHIFT.fullmatch(_plain(text).strip())
    if not found:
        return None
    opens, closes = clock_meant(found[1]) or found[1], clock_meant(found[2]) or found[2]
    meant = f"{opens}-{closes}"
    return None if meant == text.strip() else meant


def days_meant(text: str) -> str | None:
    """ "seg-sex" → "mon-fri", "segunda a sábado" → "mon-sat", "2ª a 6ª" → "mon-fri",
    "monday-friday" → "mon-fri"; None where a word names no day."""
    plain = re.sub(r"[-\s]?feira", "", _plain(text))
    plain = _LEAD.sub("", _TRAIL.sub("", plain.strip()))  # "de segunda a sexta, das"
    plain = re.sub(r"(\d)\.a\b", r"\1a", plain)  # Portugal's "2.ª a 6.ª": its "a"s are no "to"
    plain = re.sub(r"\s*(?:,|;|\be\b|\band\b)\s*", ",", plain.strip())
    parts = []
    for part in plain.split(","):
        ends = [_day(end) for end in re.split(_TO, part.strip())]
        if not ends or len(ends) > 2 or None in ends:
            return None
        parts.append("-".join(DAY_NAMES[end] for end in ends if end is not None))
    meant = ",".join(parts)
    parse_days(meant)  # built from DAY_NAMES: always reads
    return None if meant == text.strip().lower() else meant


def one_line(text: str) -> str | None:
    """`business_hours = "seg-sex 9h-18h"` (text where a table goes) as the one-line table
    it meant; the days "mon-fri" where none are written. None where no shift is in it."""
    found = _SHIFT.search(_plain(text).strip())
    if not found:
        return None
    opens, closes = clock_meant(found[1]) or found[1], clock_meant(found[2]) or found[2]
    before = _plain(text).strip()[: found.start()].strip(" ,;:")
    days = days_meant(before) if before else None
    # Days it cannot read are never echoed back: that line would be refused again.
    guessed = ' (the days yours: "mon-sat", "mon,wed,fri"…)' if days is None else ""
    days = days or "mon-fri"
    return f'business_hours = {{ days = "{days}", open = "{opens}", close = "{closes}" }}{guessed}'


def date_meant(text: str) -> str | None:
    """ "25/12/2026" or "25-12-2026" (the day first, as Brazil and Portugal write it) →
    "2026-12-25"; None where it reads as no such day."""
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip())
    if not found:
        return None
    try:
        return date(int(found[3]), int(found[2]), int(found[1])).isoformat()
    except ValueError:
        return None


def _day(word: str) -> int | None:
    word = word.strip().rstrip(".")
    if len(word) >= 3 and word[:3] in DAY_NAMES:  # "monday", "Fri"
        return DAY_NAMES.index(word[:3])
    return _PT_DAYS.get(word[:3]) if len(word) >= 3 else _ORDINALS.get(word)


def _plain(text: str) -> str:
    """Lower case, unaccented ("Sábado" → "sabado", "2ª" → "2a", "às" → "as")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
