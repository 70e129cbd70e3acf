"""How figures and stored values read in English, on the desk and in the CLI alike."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from mentiondesk.business_week import DAY_NAMES, ENGLISH_DAYS
from mentiondesk.models import LANGUAGE_NAMES, PLATFORM_NAMES

# English shows stored values as stored, except where the key is not the word people use:
# labels read as the desk's vocabulary (pt-BR's Reclamação/Neutro/Elogio), reasons as words.
ENGLISH_WORDS = {
    "label": {"negative": "complaint", "neutral": "neutral", "positive": "praise"},
    "reason": {
        "refund_payment": "refund/payment",
        "product_quality": "product quality",
        "account_login": "account/login",
        "opt_out": "opt-out",
        "no_reason": "no reason found",  # reason_counts.NO_REASON
    },
    # [desk] business_hours days, as the desk and the report write a working week.
    "weekday": dict(zip(DAY_NAMES, ENGLISH_DAYS, strict=True)),
    # Why the outbox holds an approved reply (held_replies.held_reason), in a desk's words.
    "held": {
        "setup": "the desk cannot send it there (a set-up problem)",
        "opted-out": "the author asked not to be contacted",
        "too-long": "too long for the platform",
        "dms-closed": "the author does not take private messages from us",
        "deleted": "the post it answers was deleted",
        "refused": "the platform refused it",
        "by-person": "a person on the team held it back",  # `outbox hold`
        "as-recorded": "held",  # an older `outbox hold`: its reason follows, as recorded
    },
    "platform": PLATFORM_NAMES,
    # A reading's language (sentiment.lang: "und" when unsure) or a draft's, with its region.
    "lang": LANGUAGE_NAMES,
}


def english_word(kind: str, value: str) -> str:
    """A stored value (a reason…) as an English reader reads it; the value itself otherwise."""
    return ENGLISH_WORDS.get(kind, {}).get(value, value)


def percent(value: float | None, form: str = "{n}%", number: Callable[[int], str] = str) -> str:
    """A share as a whole percent, except that rounding never reads as none or all: 1 happy
    answer in 300 is "<1%", not "0%", and 249 cases resolved of 250 is ">99%", not "100%".
    `form` and `number` write it in another language (the desk's Locale: "1.234%" in Brazil)."""
    if value is None:
        return "—"
    if 0 < value < 1:
        return "<" + form.format(n=number(1))
    if 99 < value < 100:
        return ">" + form.format(n=number(99))
    return form.format(n=number(whole(value)))


def whole(value: float) -> int:
    """Rounded as people round, halves away from zero: 5 of 8 is 63 % and an NPS of −12.5 is
    −13, as a spreadsheet beside the desk says (Python's round() takes halves to even: 62 %)."""
    # Shares come as k / n * 100, a hair under their half (23 of 40: 57.49999999999999):
    # nine decimals drop that noise, far below any figure the desk shows.
    return int(math.copysign(math.floor(round(abs(value), 9) + 0.5), value))


def signed(value: float) -> str:
    """A score with its sign, as NPS is written: "+13", "-5", and "0" when it rounds to none
    (never "+0" or "-0")."""
    n = whole(value)
    return f"{n:+d}" if n else "0"


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 open case", "3 open cases": the noun agrees with its count (`many` defaults to
    `one` plus "s"), as the desk's Locale.tn does on the web."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# A wait's units in English; the desk translates them (Locale.duration, desk-counts.js's timers).
DURATION_UNITS = {"seconds": "{s}s", "minutes": "{m}m", "hours": "{h}h {m}m", "days": "{d}d {h}h"}


def duration(
    seconds: float | None,
    *,
    days: bool = True,
    units: Mapping[str, str] = DURATION_UNITS,
    number: Callable[[int], str] = str,
) -> str:
    """A wait as people say it: 45s, 12m, 3h 05m, 2d 4h (`units` and `number` write it in
    another language). `days=False` for business hours: 33 working hours are "33h 54m", not
    "1d 9h" (a working day is not 24 hours).

    Rounded to the nearest unit shown, halves up, not cut down: 6 d 0 h 56 min is "6d 1h"
    (a manager comparing weeks lost up to 59 minutes a figure), and 59 min 40 s is "1h 00m".
    Only the words: whatever compares a wait (a timer's overdue, the SLA) uses the seconds."""
    if seconds is None:
        return "—"
    s = max(float(seconds), 0.0)
    if _nearest(s, 1) < 60:
        return units["seconds"].format(s=_nearest(s, 1))
    minutes = _nearest(s, 60)
    if minutes < 60:
        return units["minutes"].format(m=minutes)
    if minutes < 24 * 60 or not days:
        return units["hours"].format(h=number(minutes // 60), m=f"{minutes % 60:02d}")
    hours = _nearest(s, 3600)
    return units["days"].format(d=hours // 24, h=hours % 24)


def _nearest(seconds: float, unit: int) -> int:
    """`seconds` in whole `unit`s, halves up (a wait is never negative here)."""
    return math.floor(seconds / unit + 0.5)
