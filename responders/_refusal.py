"""A platform's refusal in our words: its HTTP status and error code, never its message.

A server's error message may quote the request back (the reply or DM, the Authorization
header), and what a poster raises goes to the log, `outbox list`, the desk and the audit
trail. So a refusal names the status (with the standard phrase: the server's own reason
line could say anything), the platform's codes where they are plain identifiers, and, for
the refusals recognised by the platform's words, what to do, in our words. The listener's
errors are made safe the same way (mentiondesk.models.scrub); these keep no words at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from http import HTTPStatus

# A code as platforms write them ("InvalidToken", "invalid_grant", "THREAD_LOCKED"): words
# joined by "_" only, so an app password ("abcd-efgh-…") or a token is never taken for one.
_CODE = re.compile(r"[A-Za-z]{1,40}(?:_[A-Za-z]{1,40}){0,5}")
_CODE_CHARS = 48

# What to do about refusals several platforms meet, in the words held_replies.held_reason
# reads ("too long", "direct messages", "deleted", "token", "permission").
TOO_LONG = "the text is too long for {platform}; shorten it and approve it again"
DMS_CLOSED = "the author does not take direct messages from us: reply publicly instead"
GONE = "the post to answer is gone (deleted) or not visible to us"
REPLIES_LIMITED = "the author limits who may reply to this post: reply privately or by hand"

# (phrases any of which the platform's words hold, lower case; what we say instead)
Hints = Sequence[tuple[tuple[str, ...], str]]


def status_words(status: object) -> str:
    """ "403 Forbidden": the status and its standard phrase ("" when there is none)."""
    if not isinstance(status, int) or isinstance(status, bool):
        return ""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def code_of(value: object) -> str | None:
    """`value` if it is an error code (a number, or an identifier); None for free text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and len(value) <= _CODE_CHARS and _CODE.fullmatch(value):
        return value
    return None


def recognised(said: Iterable[object], hints: Hints) -> str | None:
    """Our words for the first refusal whose phrases the platform's `said` holds; the
    platform's words only pick one, they are never copied."""
    text = " ".join(str(s) for s in said).lower()
    return next((ours for phrases, ours in hints if any(p in text for p in phrases)), None)


def refusal(
    what: str, status: object, codes: Iterable[object] = (), hint: str | None = None
) -> str:
    """One line: "x posting: 403 Forbidden (187); <hint>" (`what` alone without a status);
    codes that are not identifiers (free text in a code's place) are left out."""
    kept = list(dict.fromkeys(c for c in map(code_of, codes) if c))
    line = f"{what}: {status_words(status)}" if status_words(status) else what
    if kept:
        line += f" ({', '.join(kept)})"
    return f"{line}; {hint}" if hint else line
