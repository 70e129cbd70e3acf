"""`[routing] language`: the language a team's chat alerts and help-desk tickets are written
in, turned into the Wording the responders are built with (mentiondesk.models)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from mentiondesk import alert_words_pt as pt
from mentiondesk.models import ENGLISH, Wording

LANGUAGES = ("en", "pt-BR", "pt-PT")


def checked_language(value: str) -> str:
    """`value` if alerts can be written in it; ValueError naming the choices otherwise."""
    if value in LANGUAGES:
        return value
    close = next((lang for lang in LANGUAGES if lang.lower() == value.strip().lower()), None)
    if close:
        hint = f'write it "{close}"'
    elif value.lower().startswith("pt"):
        hint = 'use "pt-BR" (Brazil) or "pt-PT" (Portugal)'
    else:
        hint = 'use "en" (the default), "pt-BR" or "pt-PT"'
    raise ValueError(f"alerts and tickets cannot be written in {value!r}; {hint}")


def wording_for(language: str, timezone: str) -> Wording:
    """English as alerts always read (UTC times, "12.3k followers"); Portuguese with its
    words, 0,91, 1.234 (pt-BR) or 1234 (pt-PT), and dd/mm/yyyy HH:MM in the desk's zone."""
    if language == "en":
        return ENGLISH
    european = language == "pt-PT"
    words = {
        kind: {**values, **(pt.PT_PT_WORDS.get(kind, {}) if european else {})}
        for kind, values in pt.WORDS.items()
    }
    return Wording(
        lang=language,
        messages={**pt.MESSAGES, **(pt.PT_PT_MESSAGES if european else {})},
        words=words,
        thousands="\u00a0" if european else ".",  # CLDR: a no-break space in Portugal
        decimal_point=",",
        min_grouping=2 if european else 1,
        compact_reach=False,
        date_format="%d/%m/%Y %H:%M",
        iso_posted=False,
        zone=ZoneInfo(timezone),
    )
