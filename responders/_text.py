"""Helpers every responder uses to show untrusted mention text safely."""

from __future__ import annotations

import re
import unicodedata

from mentiondesk.models import (
    ENGLISH,
    PLATFORM_NAMES,
    CaseContext,
    Mention,
    Wording,
    has_followers,
)

# An alert about a possible fake support account (CaseContext.impostor_of), in a reply to a
# customer or not; mentiondesk/alert_words_pt.py has them in Portuguese.
IMPOSTOR = (
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform}."
)
IMPOSTOR_REPLY = (
    "Possible fake support account (it resembles {term}, not one of the brand's accounts): "
    "report it to {platform} and warn the customer it replied to."
)
# A draft not in the author's language (CaseContext.authors_lang): an Italian post answered
# from a Lisbon team's pt-PT templates, approved from a phone, must not go out unnoticed.
OTHER_LANGUAGE = "Draft in {language} — the author wrote in {theirs}"
# A name that draws nothing ("", "  ", "\u200b", "\u202e", "\x00"): the handle, or this word
# ("Perfil", as the ticket's field), stands in for it.
NO_NAME = "Author"
# What draws nothing on its own: controls, format characters (zero-width, bidi marks),
# separators, lone combining marks; and the letters fonts draw blank (Hangul fillers, braille
# blank), which hostile accounts use to look nameless.
_BLANK_KINDS = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# C0 and C1 controls (U+009B is a terminal's CSI on its own) and the bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int | None = None) -> str:
    """Control and bidi-override characters removed, whitespace folded, optionally truncated."""
    folded = " ".join(_CONTROL.sub(" ", text).split())
    if limit is not None and len(folded) > limit:
        return folded[: max(0, limit - 1)] + "…"
    return folded


def visible(text: str) -> bool:
    """Whether `text` draws anything a reader sees, once plain() has cleaned it."""
    return any(
        unicodedata.category(c) not in _BLANK_KINDS and c not in _BLANK_LETTERS for c in plain(text)
    )


def author_name(m: Mention, wording: Wording = ENGLISH) -> str:
    """The author's display name; where it draws nothing, their bare handle; where that
    draws nothing too, "Author" ("Perfil"): never an empty label or bold run."""
    for said in (m.author.name or "", m.author.handle):
        if visible(said):
            return said
    return wording.t(NO_NAME)


def reach(followers: int) -> str:
    """Follower counts as people say them: 950, 1.2k, 3.4M."""
    return ENGLISH.reach(followers)


def followers(n: int, wording: Wording = ENGLISH) -> str:
    """ "12.3k followers", "1 follower", "12.300 seguidores", "1 seguidor"."""
    return wording.t("{n} follower" if n == 1 else "{n} followers", n=wording.reach(n))


def author_followers(m: Mention, wording: Wording = ENGLISH) -> str | None:
    """ "12.3k followers" for the author, or None where the platform gives no count (Hacker
    News, Reddit): "0 followers" there would read as nobody listening."""
    return followers(m.author.followers, wording) if has_followers(m.platform) else None


def author_reach(m: Mention, wording: Wording = ENGLISH) -> str:
    """ " (12.3k)" to write after the author's handle, or "" where the platform gives no count."""
    return f" ({wording.reach(m.author.followers)})" if has_followers(m.platform) else ""


def case_title(ctx: CaseContext, none: str = "New mention", wording: Wording = ENGLISH) -> str:
    """What an alert calls its case: "MD-000012", "MD-000012 follow-up" or `none`."""
    if not ctx.case_number:
        return wording.t(none)
    if ctx.follow_up:
        return wording.t("{case} follow-up", case=ctx.case_number)
    return ctx.case_number


def impostor_warning(ctx: CaseContext, wording: Wording = ENGLISH) -> str | None:
    """What an alert says of an author who may be posing as the brand ("⚠ Possible fake
    support account…"), in the team's language; None for anyone else. Plain text: each chat
    escapes it as it writes it."""
    if not ctx.impostor_of:
        return None
    text = IMPOSTOR_REPLY if ctx.mention.parent_id else IMPOSTOR
    platform = PLATFORM_NAMES.get(ctx.mention.platform, ctx.mention.platform)
    return "⚠ " + wording.t(text, term=ctx.impostor_of, platform=platform)


def other_language_note(ctx: CaseContext, wording: Wording = ENGLISH) -> str | None:
    """What an alert says above a draft not in its author's language ("Draft in European
    Portuguese — the author wrote in Italian"), in the team's language; None where the draft
    is in theirs, or is not shown. Plain text: each chat escapes it as it writes it (a
    platform's own language tag, where no catalogue names it, is shown as it came)."""
    theirs = ctx.authors_lang
    if not ctx.draft_text or theirs is None or ctx.draft_lang is None:
        return None
    language, wrote = wording.language(ctx.draft_lang), wording.language(theirs)
    return wording.t(OTHER_LANGUAGE, language=language, theirs=wrote)
