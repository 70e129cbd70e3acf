"""How a language writes its figures: CLDR's grouping, decimal sign and percent sign.

The desk's Locale (mentiondesk.web.i18n) and the alerts' and drafts' Wording both write
numbers with one of these, so a count reads alike on the desk, in a chat alert, in a
ticket and in the CLI's Portuguese. It lives here so the responders may use it too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """One language's number symbols; English's when left as they are."""

    thousands: str = ","
    decimal_point: str = "."
    min_grouping: int = 1  # CLDR minimumGroupingDigits: 2 in pt-PT, which writes 1234 ungrouped
    percent_format: str = "{n}%"  # CLDR's in all three: "12%" in pt-PT too (French spaces it)

    def number(self, n: int) -> str:
        """1,234 in English, 1.234 in Brazil, 1234 and 12 345 (no-break space) in Portugal."""
        if len(str(abs(n))) < 3 + self.min_grouping:
            return str(n)
        return f"{n:,}".replace(",", self.thousands)

    def decimal(self, value: float, places: int = 2) -> str:
        """0.91 in English, 0,91 in Portuguese (Brazil's and Portugal's alike)."""
        return f"{value:.{places}f}".replace(".", self.decimal_point)

    def certainty(self, score: float) -> str:
        """A reading's score (the probability of its label, 0-1) as people read it: "80%"
        (in Portugal too, as CLDR writes it). A plugin's signed score reads by its size, never
        past 100 %; and, as the desk's shares, 0.996 is ">99%", not a "100%" the classifier
        never said."""
        n = min(abs(score), 1.0) * 100
        if 99 < n < 100:
            return ">" + self.percent_format.format(n=99)
        if 0 < n < 1:
            return "<" + self.percent_format.format(n=1)
        return self.percent_format.format(n=math.floor(round(n, 9) + 0.5))  # halves up


# The languages the desk, its alerts and its tickets are written in, by tag.
NUMBER_FORMATS = {
    "en": NumberFormat(),
    "pt-BR": NumberFormat(thousands=".", decimal_point=","),
    "pt-PT": NumberFormat(
        thousands="\u00a0",  # CLDR's pt-PT group separator; the decimal sign is Brazil's
        decimal_point=",",
        min_grouping=2,
    ),
}
