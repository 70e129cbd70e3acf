"""The languages `mentiondesk report` is written in (`--lang`): the desk's three, with its words
and formats: 1.234 and 30/11/2026 in Brazil, 1234 and 12 345 in Portugal, "3 h 05 min".

Only the text report changes: its JSON keeps its English keys and plain numbers for scripts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from mentiondesk import report_words_pt as pt
from mentiondesk.alert_words_pt import PT_PT_WORDS
from mentiondesk.alert_words_pt import WORDS as PT_WORDS
from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import DAY_NAMES
from mentiondesk.models import NUMBER_FORMATS, NumberFormat
from mentiondesk.wording import DURATION_UNITS, ENGLISH_WORDS, percent, whole
from mentiondesk.wording import duration as wait


@dataclass(frozen=True)
class ReportWords:
    """One language's texts and formats for the text report."""

    lang: str
    messages: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    numbers: NumberFormat = NUMBER_FORMATS["en"]
    date_format: str = "%Y-%m-%d"

    def t(self, text: str, /, **values: object) -> str:
        """`text` in this language (as written when it has no translation), filled in with
        `values` if given (a unit's "{h}" is left for wording.duration to fill)."""
        translated = self.messages.get(text, text)
        return translated.format(**values) if values else translated

    def tn(self, one: str, many: str, n: int, /, **values: object) -> str:
        """`one` for exactly 1, `many` otherwise (0 too), in all three languages; {n} is the
        count written as this language groups it."""
        return self.t(one if n == 1 else many, n=self.number(n), **values)

    def word(self, kind: str, value: str) -> str:
        """A stored value (a reason, a topic) as people read it; as stored when unknown."""
        return self.words.get(kind, {}).get(value, value)

    def number(self, n: int) -> str:
        return self.numbers.number(n)

    def percent(self, value: float | None) -> str:
        """A share as the desk shows it: "63%", "<1%", "—" for none."""
        return percent(value, self.numbers.percent_format, self.number)

    def signed(self, value: float | None) -> str:
        """A score with its sign (NPS): "+13", "-5", "0" (never "+0"), "—" for none."""
        if value is None:
            return "—"
        n = whole(value)
        return ("-" if n < 0 else "+" if n else "") + self.number(abs(n))

    def change(self, value: float) -> str:
        """A change as a signed percent: "+2,600%", "+2.600%" in Brazil; none is "0%"."""
        n = whole(value)
        return ("-" if n < 0 else "+" if n else "") + self.percent(abs(n))

    def duration(self, seconds: float | None, *, days: bool = True) -> str:
        """A wait as the desk writes it: "3h 05m" in English, "3 h 05 min" in Portuguese."""
        units = {key: self.t(text) for key, text in DURATION_UNITS.items()}
        return wait(seconds, days=days, units=units, number=self.number)

    def day(self, iso_day: str) -> str:
        """A YYYY-MM-DD day as this language writes dates: 2026-11-30, 30/11/2026."""
        return date.fromisoformat(iso_day).strftime(self.date_format)

    def hours(self, calendar: BusinessHours) -> str:
        """A working week: "Mon–Fri 09:00–18:00", "seg–sex 09:00–18:00"."""
        days = [self.word("weekday", day) for day in DAY_NAMES]
        return calendar.describe(days, joiner=self.t("and"))


# English keeps one form where the count needs none: "2 answered", "1 answered".
_ENGLISH_MESSAGES = {"{n} case answered": "{n} answered", "{n} cases answered": "{n} answered"}


def _portuguese(lang: str) -> ReportWords:
    european = lang == "pt-PT"
    reasons = {**PT_WORDS["reason"], **(PT_PT_WORDS["reason"] if european else {})}
    return ReportWords(
        lang,
        messages={**pt.MESSAGES, **(pt.PT_PT_MESSAGES if european else {})},
        words={
            "label": PT_WORDS["label"],
            "reason": reasons,
            "weekday": PT_WORDS["weekday"],
            "platform": PT_WORDS["platform"],
            "lang": PT_WORDS["lang"],
        },
        numbers=NUMBER_FORMATS[lang],
        date_format="%d/%m/%Y",  # Portugal's too
    )


REPORT_WORDS: dict[str, ReportWords] = {
    "en": ReportWords("en", messages=_ENGLISH_MESSAGES, words=ENGLISH_WORDS),
    "pt-BR": _portuguese("pt-BR"),
    "pt-PT": _portuguese("pt-PT"),
}
ENGLISH = REPORT_WORDS["en"]
