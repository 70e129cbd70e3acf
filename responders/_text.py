"""Helpers every responder uses to show untrusted mention text safely."""

from __future__ import annotations

import re

from mentiondesk.models import ENGLISH, CaseContext, Wording

# C0 and C1 controls (U+009B is a terminal's CSI on its own) and the bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int | None = None) -> str:
    """Control and bidi-override characters removed, whitespace folded, optionally truncated."""
    folded = " ".join(_CONTROL.sub(" ", text).split())
    if limit is not None and len(folded) > limit:
        return folded[: max(0, limit - 1)] + "…"
    return folded


def reach(followers: int) -> str:
    """Follower counts as people say them: 950, 1.2k, 3.4M."""
    return ENGLISH.reach(followers)


def followers(n: int, wording: Wording = ENGLISH) -> str:
    """ "12.3k followers" (English, as always), "12.300 seguidores", "1 seguidor"."""
    one = n == 1 and "{n} follower" in wording.messages
    return wording.t("{n} follower" if one else "{n} followers", n=wording.reach(n))


def case_title(ctx: CaseContext, none: str = "New mention", wording: Wording = ENGLISH) -> str:
    """What an alert calls its case: "MD-000012", "MD-000012 follow-up" or `none`."""
    if not ctx.case_number:
        return wording.t(none)
    if ctx.follow_up:
        return wording.t("{case} follow-up", case=ctx.case_number)
    return ctx.case_number
