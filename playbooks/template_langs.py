"""Which language folders a draft is written from, in order: the post's own language (its
region's first), then, for a language the team writes no templates in, `[playbooks]
fallback_lang`'s, then `default_lang`'s.

A Lisbon team (`default_lang = "pt-PT"`) hears Italian and Spanish too: without a fallback
those posts get Portuguese drafts (the desk says so beside them); `fallback_lang = "en"`
answers them in English instead. Posts in the team's own language, and those too short to
tell (`und`, most likely the team's own), never take the fallback."""

from __future__ import annotations

from collections.abc import Collection

from playbooks.variants import regional

UNSURE = "und"  # sentiment's language when a post is too short to tell


def own(lang: str) -> tuple[str, ...]:
    """`lang`'s folders: its region's, its own, its language's. Bare "pt" is Brazil's, so a
    team's pt-BR/ comes before the shipped pt/; "pt-PT" never reaches pt-BR/ this way."""
    return regional(lang), lang, lang.split("-")[0]


def chain(lang: str, default_lang: str, fallback_lang: str | None) -> list[str]:
    """The folders tried for `lang`: its own, the fallback's where it applies (`fallback`),
    then the default language's, likewise."""
    return list(dict.fromkeys((*own(lang), *fallback(lang, default_lang, fallback_lang))))


def fallback(lang: str, default_lang: str, fallback_lang: str | None) -> tuple[str, ...]:
    """The folders after `lang`'s own: the fallback's (none for the default language's own
    posts, nor for `und`), then the default's."""
    language = lang.split("-")[0]
    if fallback_lang is None or language in (UNSURE, default_lang.split("-")[0]):
        return own(default_lang)
    return (*own(fallback_lang), *own(default_lang))


def fallback_problem(fallback_lang: str | None, have: Collection[str]) -> str | None:
    """Why `fallback_lang` cannot be used with the folders there are (`have`): with none of
    its own, every post meant for it would quietly get default_lang's after all."""
    if fallback_lang is None or any(code in have for code in own(fallback_lang)):
        return None
    return (
        f"playbooks.fallback_lang: no templates for {fallback_lang!r} (no {fallback_lang}/ "
        f"folder in the templates); use one of: {', '.join(sorted(have))}, or add a "
        f"{fallback_lang}/ folder to playbooks.templates"
    )
