"""The desk's languages: English, Brazilian and European Portuguese, chosen per request.

Catalogs are keyed by the English text, so a string with no translation shows in English.
Only the interface is translated: mention text, names, drafts and stored values are data.
European Portuguese is Brazil's catalogs with i18n_pt_pt's few differences laid over them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo

from aiohttp import web

from mentiondesk import wording
from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import DAY_NAMES
from mentiondesk.models import NUMBER_FORMATS, NumberFormat, zone_name
from mentiondesk.web import i18n_pt, i18n_pt_pt, i18n_pt_words
from mentiondesk.web.i18n_bidi import isolated
from mentiondesk.wording import ENGLISH_WORDS

LANG_COOKIE = "md_lang"
ZONE = web.AppKey("zone", tzinfo)  # [desk] timezone, set by create_app
SITE_LANGUAGE = web.AppKey("site_language", str)  # [desk] language, set by create_app if given
DEFAULT = "en"
LANGS = {"en": "EN", "pt-BR": "PT-BR", "pt-PT": "PT-PT"}  # code → what the header's switch shows
# Portuguese regions whose CLDR parent locale is pt-PT (Angola, Mozambique…): they read
# Portugal's norm. Any other region, or none ("pt"), gets pt-BR, as before pt-PT existed.
_EUROPEAN_NORM = {"pt", "ao", "ch", "cv", "gq", "gw", "lu", "mo", "mz", "st", "tl"}

# What the desk's scripts (static/desk-*.js) show; they read them from <body data-strings>,
# in the page's language.
JS_STRINGS = {
    "more": "… more",
    "tooLong": "Longer than the platform allows: shorten it first",
    # Asked before a saved reply replaces text the agent wrote in the box.
    "replaceTyped": "Replace the text you wrote with this saved reply?",
    # Asked before a submit or a link leaves text typed in another box unsent (one question
    # with the action's own, if it asks one).
    "unsent": "You have text you have not sent or saved. Leave it and go on?",
    # A wait's units (Locale.duration, desk-counts.js's live timers): "3h 05m", "3 h 05 min".
    **wording.DURATION_UNITS,
    # A live timer's urgency, for screen readers (its colour says it to the eye).
    "overdue": "past the target",
    "dueSoon": "close to the target",
    # The queue's `a` or `r` on a row with no draft to act on there (desk-queue.js says it).
    "noDraftForA": "No draft to approve here: open the case (o)",
    "noDraftForR": "No draft to reject here: open the case (o)",
    "draftOnCasePage": "Approve this draft on the case page: open the case (o)",
    # Approve on a draft cut short in the queue: its row opens first, nothing is sent yet.
    "readFirst": "Nothing sent yet: read the whole draft, then Approve again",
}


@dataclass(frozen=True)
class Locale:
    """One language's texts and formats, as templates and handlers use them."""

    lang: str
    messages: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    numbers: NumberFormat = NUMBER_FORMATS["en"]  # grouping, decimal and percent signs
    date_format: str = "%Y-%m-%d"
    day_format: str = "{month}-{day}"
    zone: tzinfo = UTC  # [desk] timezone, set per desk by negotiate()

    def t(self, text: str, /, **values: object) -> str:
        """`text` in this language (English when it has no translation), filled with values."""
        translated = self.messages.get(text, text)
        return translated.format(**values) if values else translated

    def tn(self, one: str, many: str, n: int, /, **values: object) -> str:
        """`one` or `many` by the count `n` (formatted as {n}), in this language: "1 case",
        "2 cases"; every language the desk speaks (en, pt-BR, pt-PT) uses the singular for
        exactly one, the plural for 0 too."""
        return self.t(one if n == 1 else many, n=self.number(n), **values)

    def word(self, kind: str, value: str) -> str:
        """A stored value (a label, a status, a reason…) as people read it; the value itself
        when the catalog does not know it."""
        return self.words.get(kind, {}).get(value, value)

    def person(self, actor: str | None) -> str:
        """Who acted, as people read it: a CLI user ("cli:root", as the CLI records them) is
        "root (terminal)", a Slack user ("slack:U42ANN (ann)", member ID and username) is
        "Slack user ann (U42ANN)", a help desk ("helpdesk:zendesk") "zendesk (help desk)", so
        a trail does not read like a code. Each name is isolated (i18n_bidi), not the whole: a
        right-to-left mark in it must not turn "(terminal)" or "(pelo Slack)" around."""
        if not actor:
            return "?"
        if actor == "cli":
            return self.t("someone at the terminal")
        if actor.startswith("cli:"):
            return self.t("{name} (terminal)", name=isolated(actor[4:]))
        if actor.startswith("slack:"):
            member, _, name = actor[6:].partition(" (")
            if name.endswith(")"):
                return self.t(
                    "Slack user {name} ({id})", name=isolated(name[:-1]), id=isolated(member)
                )
            # An older release's record, or one with no username.
            return self.t("Slack user {name}", name=isolated(member))
        if actor.startswith("helpdesk:"):  # the help desk solved the ticket (helpdesk_sync)
            return self.t("{name} (help desk)", name=isolated(actor[9:]))
        return isolated(actor)

    def number(self, n: int) -> str:
        """A count as this language groups it (NumberFormat.number, as alerts write it)."""
        return self.numbers.number(n)

    def percent(self, value: float | None) -> str:
        """A share as a whole percent, rounded as wording.percent rounds it ("<1%", never
        "0%", for 1 in 300), with this language's percent sign: "12%" (CLDR: in Portugal too)."""
        return wording.percent(value, self.numbers.percent_format, self.number)

    def signed_percent(self, value: float) -> str:
        """A change as a signed whole percent: +2,600% in English, +2.600% in Brazil and
        +2600% in Portugal (CLDR's grouping and percent sign for each)."""
        n = wording.whole(value)
        sign = "-" if n < 0 else "+" if n else ""  # no change reads "0%", not "+0%"
        return sign + self.numbers.percent_format.format(n=self.number(abs(n)))

    def decimal(self, value: float, places: int = 2) -> str:
        """A fraction with this language's decimal sign: 0.91, 0,91."""
        return self.numbers.decimal(value, places)

    def certainty(self, score: float) -> str:
        """A reading's score as how sure the classifier is: "80%" (as alerts say it)."""
        return self.numbers.certainty(score)

    def date(self, dt: date) -> str:
        if isinstance(dt, datetime) and dt.tzinfo is not None:
            dt = self._local(dt)  # the day it is where the team works
        return dt.strftime(self.date_format)

    def when(self, dt: datetime | None) -> str:
        """A moment on the desk: its date in this language, the time in the desk's zone."""
        if dt is None:
            return "—"
        local = self._local(dt)
        zone = "UTC" if local.tzinfo is UTC else zone_name(local)
        return f"{self.date(local)} {local:%H:%M} {zone}"

    def _local(self, dt: datetime) -> datetime:
        """`dt` in the desk's zone; in UTC where that is no date (a post an app dated year 1,
        west of UTC, or 9999 east of it): shown as it is, not a 500."""
        try:
            return dt.astimezone(self.zone)
        except OverflowError:
            return dt.astimezone(UTC)

    def duration(self, seconds: float | None, *, days: bool = True) -> str:
        """A wait as people say it, in this language's units: 45s, 12m, 3h 05m, 2d 4h in
        English, 45 s, 12 min, 3 h 05 min, 2 d 4 h in Portuguese (wording.duration, which
        the CLI uses too: the terminal and the desk write a wait alike)."""
        units = {key: self.t(text) for key, text in wording.DURATION_UNITS.items()}
        return wording.duration(seconds, days=days, units=units, number=self.number)

    def ago(self, dt: datetime, now: datetime) -> str:
        """How long before `now`, as people say it: "just now", "3 days ago" (whole units)."""
        # Literal texts in each call, so the catalog's check finds them.
        seconds = int((now - dt).total_seconds())
        if seconds >= 86400:
            return self.tn("{n} day ago", "{n} days ago", seconds // 86400)
        if seconds >= 3600:
            return self.tn("{n} hour ago", "{n} hours ago", seconds // 3600)
        if seconds >= 60:
            return self.tn("{n} minute ago", "{n} minutes ago", seconds // 60)
        return self.t("just now")  # a clock a little behind the one that wrote it too

    def target(self, seconds: int) -> str:
        """A response-time target as a team sets it: "4 h", "45 min", "1 h 30 min" (a 4-hour
        target read as "240 min" makes people do the sum)."""
        hours, minutes = divmod(seconds // 60, 60)
        if not hours:
            return self.t("{n} min", n=self.number(minutes))
        if not minutes:
            return self.t("{n} h", n=self.number(hours))
        return self.t("{h} h {m} min", h=self.number(hours), m=minutes)

    def day(self, iso_day: str) -> str:
        """A chart's day label from YYYY-MM-DD: 11-12 in English, 12/11 in Portuguese."""
        if len(iso_day) != 10:
            return iso_day
        return self.day_format.format(month=iso_day[5:7], day=iso_day[8:10])

    def hours(self, calendar: BusinessHours) -> str:
        """A working week as this language writes it: "Mon–Fri 08:00–18:00, Sat 09:00–13:00",
        "seg–sex 08:00–12:00 e 13:00–18:00, sáb 09:00–13:00"; a night shift "Mon–Fri
        20:00–02:00"."""
        days = [self.word("weekday", day) for day in DAY_NAMES]
        return calendar.describe(days, joiner=self.t("and"))

    def logo_words(self) -> tuple[str, str]:
        """The words before and after the brand in the header: ("", "desk") in English,
        ("Atendimento", "") in Portuguese, where the word comes first."""
        before, _, after = self.t("{brand} desk").partition("{brand}")
        return before.strip(), after.strip()

    def template_context(self) -> dict[str, object]:
        """What every template gets: `_` translates, the rest format in this language."""
        return {
            "lang": self.lang,
            "langs": LANGS,
            "_": self.t,
            "_n": self.tn,
            "word": self.word,
            "person": self.person,
            "isolated": isolated,  # a handle inside a sentence
            "logo_words": self.logo_words(),
            "number": self.number,
            "decimal": self.decimal,
            "certainty": self.certainty,
            "pct": self.percent,
            "when": self.when,
            "duration": self.duration,
            "hours": self.hours,
            "sla_target": self.target,
            "js_strings": {key: self.t(text) for key, text in JS_STRINGS.items()},
        }


ENGLISH = Locale("en", words=ENGLISH_WORDS)
PORTUGUESE = Locale(
    "pt-BR",
    messages=i18n_pt.MESSAGES,
    words=i18n_pt_words.WORDS,
    numbers=NUMBER_FORMATS["pt-BR"],
    date_format="%d/%m/%Y",
    day_format="{day}/{month}",
)
EUROPEAN_PORTUGUESE = replace(
    PORTUGUESE,
    lang="pt-PT",
    messages={**i18n_pt.MESSAGES, **i18n_pt_pt.MESSAGES},
    words={
        kind: {**words, **i18n_pt_pt.WORDS.get(kind, {})}
        for kind, words in i18n_pt_words.WORDS.items()
    },
    numbers=NUMBER_FORMATS["pt-PT"],  # 1234, 12 345, 12 %; dates are Brazil's
)
LOCALES = {"en": ENGLISH, "pt-BR": PORTUGUESE, "pt-PT": EUROPEAN_PORTUGUESE}


def from_accept_language(header: str) -> str:
    """The first supported language in the browser's list, by preference: pt-PT (and the
    regions CLDR parents to it: pt-AO, pt-MZ…) → pt-PT; any other pt, bare "pt" too → pt-BR."""
    for tag in _ranked(header):
        primary, *rest = tag.split("-")
        if primary == "pt":
            region = next((part for part in rest if len(part) == 2), "")  # past a script
            return "pt-PT" if region in _EUROPEAN_NORM else "pt-BR"
        if primary == "en":
            return "en"
    return DEFAULT


def regional(request: web.Request, loc: Locale) -> str:
    """The page's language in the reader's own region, for the texts a site writes per
    region (a playbook's rule descriptions). A regional desk language (pt-BR, pt-PT) is that
    region already, chosen by the switch, `[desk] language` or the browser: the descriptions
    match the desk's words. Otherwise the browser's region for the page's language: "en-GB"
    for an English desk."""
    if "-" in loc.lang:
        return loc.lang
    language = loc.lang
    for tag in _ranked(request.headers.get("Accept-Language", "")):
        primary, _, region = tag.partition("-")
        if primary == language:
            return f"{primary}-{region.upper()}" if len(region) == 2 else loc.lang
    return loc.lang


def _ranked(header: str) -> list[str]:
    """An Accept-Language header's tags, lower-case, most preferred first; q=0 left out."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if quality > 0:
            ranked.append((-quality, position, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(request: web.Request) -> Locale:
    """The switch's cookie if set (the person's own choice), else `[desk] language` (the
    site's: a browser's default language is seldom chosen), else the browser's
    Accept-Language, else English."""
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen not in LOCALES:
        chosen = request.app.get(SITE_LANGUAGE) or from_accept_language(
            request.headers.get("Accept-Language", "")
        )
    return replace(LOCALES[chosen], zone=request.app.get(ZONE, UTC))
