"""`[routing] language`: the language a team's chat alerts and help-desk tickets are written
in, turned into the Wording the responders are built with (mentiondesk.models)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from mentiondesk import alert_words_pt as pt
from mentiondesk import retention_words_pt as retention
from mentiondesk.models import ENGLISH, NUMBER_FORMATS, Wording

LANGUAGES = ("en", "pt-BR", "pt-PT")
# `pt` alone is Brazil's, as the shipped `templates/pt/` folder is.
REGIONLESS = {"pt": "pt-BR"}
_TAG = re.compile(r"([a-z]{2,3})(?:[-_]([a-z]{2}))?", re.IGNORECASE)
SPELLINGS = '"en", "pt", "pt-BR" or "pt-PT"'


def language_tag(value: str) -> str | None:
    """`value` as a language tag is written ("PT-br", "pt_BR" → "pt-BR"; "EN" → "en"), as
    `[routing] language` and `[playbooks] default_lang` both take it; None if it is none."""
    match = _TAG.fullmatch(value.strip())
    if match is None:
        return None
    language, region = match.groups()
    return f"{language.lower()}-{region.upper()}" if region else language.lower()


def checked_language(value: str) -> str:
    """The language alerts are written in ("pt" is "pt-BR"); ValueError naming the choices
    when there is none such."""
    tag = one_of(value, LANGUAGES)
    if tag is None:
        raise ValueError(f"alerts and tickets cannot be written in {value!r}; use {SPELLINGS}")
    return tag


def one_of(value: str, languages: tuple[str, ...]) -> str | None:
    """`value` as `languages` spell it ("PT-br", "pt_BR", "pt" → "pt-BR"), if it is one."""
    tag = language_tag(value)
    tag = REGIONLESS.get(tag or "", tag)
    return tag if tag in languages else None


def template_language(value: str) -> str:
    """`[playbooks] default_lang` as a tag (whether its templates exist is the playbook's
    to say: a templates folder may add languages); ValueError if it is no tag at all."""
    tag = language_tag(value)
    if tag is None:
        raise ValueError(f"{value!r} is not a language code; write one such as {SPELLINGS}")
    return tag


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
        messages={
            **pt.MESSAGES,
            **retention.MESSAGES,
            **(pt.PT_PT_MESSAGES | retention.PT_PT_MESSAGES if european else {}),
        },
        words=words,
        numbers=NUMBER_FORMATS[language],  # 1.234 (pt-BR), 1234 and 12 345 (pt-PT)
        compact_reach=False,
        date_format="%d/%m/%Y %H:%M",
        iso_posted=False,
        zone=ZoneInfo(timezone),
    )


def platform_words(platform: str) -> frozenset[str]:
    """How alerts name `platform` in every language they are written in ("hackernews",
    "Hacker News"): a digest line names it so."""
    return frozenset(wording_for(lang, "UTC").word("platform", platform) for lang in LANGUAGES)
