"""How a team's chat alerts and help-desk tickets are worded: `[routing] language`.

The glue (mentiondesk.alert_wording) fills one from its catalogues and hands it to the
responders in their PluginContext; a responder asks it for every word a person reads and
keeps its own escaping. The default is English exactly as alerts were always written:
stored values as stored ("negative", "x"), reach as "12.3k", times in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from mentiondesk.models._langs import LANGUAGE_NAMES
from mentiondesk.models._numbers import NUMBER_FORMATS, NumberFormat


@dataclass(frozen=True, slots=True)
class Wording:
    """One language's texts and formats for alerts and tickets; English when empty."""

    lang: str = "en"
    messages: Mapping[str, str] = field(default_factory=dict)  # English text → translation
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # label, reason…
    numbers: NumberFormat = NUMBER_FORMATS["en"]  # grouping and decimal sign
    compact_reach: bool = True  # 12.3k (English); else the whole count, grouped
    date_format: str = "%Y-%m-%d %H:%M"
    iso_posted: bool = True  # a ticket's Posted field as ISO 8601 (English's, as before)
    zone: tzinfo = UTC  # [desk] timezone where the language reads dates locally

    def t(self, text: str, /, **values: object) -> str:
        """`text` in this language (as written when it has no translation), filled in."""
        translated = self.messages.get(text, text)
        return translated.format(**values) if values else translated

    def word(self, kind: str, value: str) -> str:
        """A stored value (label, reason, platform, language) as this team reads it."""
        return self.words.get(kind, {}).get(value, value)

    def language(self, tag: str) -> str:
        """A language by name, as a sentence says it ("European Portuguese", "italiano"): a
        region no catalogue names by its language's ("it-CH": Italian), else the tag itself.
        English's names are its own: its `lang` word stays the stored tag ("x · en")."""
        names = self.words.get("lang") or LANGUAGE_NAMES
        return names.get(tag) or names.get(tag.split("-")[0]) or tag

    def number(self, n: int) -> str:
        """A count as this language groups it (NumberFormat.number): 1,234, 1.234, 1234."""
        return self.numbers.number(n)

    def decimal(self, value: float, places: int = 2) -> str:
        """A fraction with this language's decimal sign: 0.91, 0,91."""
        return self.numbers.decimal(value, places)

    def certainty(self, score: float) -> str:
        """A reading's score as how sure the classifier is: "80%" (NumberFormat)."""
        return self.numbers.certainty(score)

    def reach(self, followers: int) -> str:
        """A follower count: 950, 1.2k, 3.4M in English; 12.300 (pt-BR), 12 300 (pt-PT)."""
        if not self.compact_reach:
            return self.number(followers)
        if followers >= 1_000_000:
            return f"{followers / 1_000_000:.1f}M"
        if followers >= 1_000:
            return f"{followers / 1_000:.1f}k"
        return str(followers)

    def when(self, moment: datetime) -> str:
        """A moment with its zone named: "2026-11-26 14:03 UTC", "26/11/2026 11:03 UTC−3"."""
        local = moment.astimezone(self.zone)
        return f"{local.strftime(self.date_format)} {zone_name(local)}"

    def posted(self, moment: datetime) -> str:
        return moment.isoformat() if self.iso_posted else self.when(moment)


ENGLISH = Wording()


def zone_name(local: datetime) -> str:
    """The zone's abbreviation (UTC, WET, WEST, EST); where tzdata has only a number ("-03"
    for São Paulo), the offset as people read it: UTC−3, UTC+5:30."""
    name = local.strftime("%Z")
    offset = local.utcoffset()
    if not name.startswith(("+", "-")) or offset is None:
        return name
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "\u2212"  # a minus sign, as the desk writes it
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
