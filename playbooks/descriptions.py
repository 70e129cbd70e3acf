"""A rule's description: one text, or a table of texts by locale for a team that reads
another language (`{ en = "…", pt-BR = "…", pt-PT = "…" }`)."""

from __future__ import annotations

import re

Description = str | dict[str, str]
# A language, with its region where the text is a region's own: "en", "pt", "pt-BR".
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")
_FALLBACK = "en"


def checked(value: object) -> Description:
    """`value` as a description; ValueError saying what to write instead. A table needs `en`:
    it is what a reader whose language the table lacks sees."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise ValueError(
            f'write a text, or a table of texts by locale ({{ en = "…", pt-BR = "…" }}); '
            f"got {value!r}"
        )
    for locale, text in value.items():
        if not isinstance(locale, str) or not _LOCALE.fullmatch(locale):
            raise ValueError(f"{locale!r} is not a locale; {_like(locale)}")
        if not isinstance(text, str):
            raise ValueError(f"the {locale} text must be a string in quotes; got {text!r}")
    if _FALLBACK not in value:
        raise ValueError(
            'a table needs en = "…", shown where none of its languages is the reader\'s; '
            f"it has {', '.join(value) or 'none'}"
        )
    return dict(value)


def pick(description: Description, locale: str) -> str:
    """The text for a reader of `locale`: its own; else its language's (pt-PT → pt, pt-BR, in
    the table's order); else English."""
    if isinstance(description, str):
        return description
    language = locale.split("-", 1)[0]
    near = [tag for tag in description if tag.split("-", 1)[0] == language]
    for tag in (locale, language, *near, _FALLBACK):
        if tag in description:
            return description[tag]
    return ""


def _like(locale: str) -> str:
    """A fix for a malformed locale: "pt_br" → "did you mean 'pt-BR'?"."""
    language, _, region = locale.replace("_", "-").partition("-")
    fixed = language.lower() + (f"-{region.upper()}" if region else "")
    if fixed != locale and _LOCALE.fullmatch(fixed):
        return f"did you mean {fixed!r}?"
    return "write a language (en, pt) or a language and region (pt-BR, pt-PT)"
