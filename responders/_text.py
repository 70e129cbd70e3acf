"""Helpers every responder uses to show untrusted mention text safely."""

from __future__ import annotations

import re

from mentiondesk.models import CaseContext

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def plain(text: str, limit: int | None = None) -> str:
    """Control and bidi-override characters removed, whitespace folded, optionally truncated."""
    folded = " ".join(_CONTROL.sub(" ", text).split())
    if limit is not None and len(folded) > limit:
        return folded[: max(0, limit - 1)] + "…"
    return folded


def reach(followers: int) -> str:
    """Follower counts as people say them: 950, 1.2k, 3.4M."""
    if followers >= 1_000_000:
        return f"{followers / 1_000_000:.1f}M"
    if followers >= 1_000:
        return f"{followers / 1_000:.1f}k"
    return str(followers)


def case_title(ctx: CaseContext, none: str = "New mention") -> str:
    """What an alert calls its case: "MD-000012", "MD-000012 follow-up" or `none`."""
    if not ctx.case_number:
        return none
    return f"{ctx.case_number} follow-up" if ctx.follow_up else ctx.case_number
