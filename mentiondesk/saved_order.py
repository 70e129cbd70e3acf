"""Saved replies by language: the picker's order (the case's language first) and each reply's
`{{ time_greeting }}` and `{{ case_opened }}`, said in the reply's own language ("Bom dia" in a
Portuguese reply on an English case: the customer reads the reply, not the case)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from playbooks.placeholders import case_opened, time_greeting


@dataclass(frozen=True)
class Filled:
    """A saved reply as the picker offers it: personalised for one case."""

    id: str
    title: str
    lang: str
    text: str
    fits: bool  # in the case's language (listed first)
    kind: str | None = None  # "public", "private": offered by those boxes only; None: both


def greeted(values: Mapping[str, str], now: datetime | None, lang: str) -> Mapping[str, str]:
    """`values` with the greeting for `now` (the desk's time, in its zone) in `lang`; as they
    are without `now` (they carry their own, as the start-up samples do)."""
    if now is None:
        return values
    return {**values, "time_greeting": time_greeting(now, lang)}


def in_order(filled: Iterable[Filled], lang: str) -> list[Filled]:
    """`filled` with those in `lang`'s language first, marked `fits` (`pt-BR` for `pt-BR`, or a
    region-less `pt`; not `pt-PT`), then its other regions', then the rest, each kept in its
    order. A region-less `lang` ("es") fits each of its regions."""
    case_base = _base(lang)

    def rank(reply: Filled) -> tuple[bool, bool, bool]:
        return (
            _base(reply.lang) != case_base,
            not _fits(reply.lang, lang),
            reply.lang not in (lang, case_base),
        )

    return [dataclasses.replace(f, fits=_fits(f.lang, lang)) for f in sorted(filled, key=rank)]


def _fits(reply_lang: str, lang: str) -> bool:
    """A reply in `reply_lang` is in `lang`'s language: the same, or one has no region."""
    if _base(reply_lang) != _base(lang):
        return False
    return reply_lang == lang or "-" not in reply_lang or "-" not in lang


def _base(lang: str) -> str:
    return lang.split("-", 1)[0].lower()


def for_reply(
    values: Mapping[str, str], now: datetime | None, opened: datetime | None, lang: str
) -> Mapping[str, str]:
    """`values` greeted (`greeted`) and dated in the reply's `lang`, on the day `opened` was in
    the desk's zone (`now`'s; None: no case, ""); as they are without `now` (the start-up
    samples')."""
    if now is None:
        return values
    dated = case_opened(opened, lang, now.tzinfo or UTC)
    return {**greeted(values, now, lang), "case_opened": dated}
