"""Where focus lands when the Saved replies page loads after a change (Post/Redirect/Get): a
keyboard or screen-reader user goes on from the reply she acted on, not from the page's top
with the whole menu to Tab through again. After Add or Save, the reply just saved; after
Delete, the reply now in its place (the next in the list), or the list's heading when none
is. The redirect says which (flash.py), so a reload or a bookmark lands nowhere special."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# The notices after which the page lands somewhere (pages_saved's redirects).
_AFTER_CHANGE = frozenset(
    {"saved-reply-added", "saved-reply-edited", "saved-reply-deleted", "saved-reply-gone"}
)
REPLY = "reply"  # the redirect's key for the reply to land on ("": none)


@dataclass(frozen=True)
class Landing:
    """`reply`: the id of the listed reply focus goes to ("": none); `heading`: the list's
    heading instead (the reply deleted was the last one, or none is listed now)."""

    reply: str = ""
    heading: bool = False


def landing(said: Mapping[str, Any], listed: Sequence[str]) -> Landing:
    """Where the page told `said` by its redirect lands, its desk-made replies `listed`."""
    if said.get("notice") not in _AFTER_CHANGE:
        return Landing()
    reply = str(said.get(REPLY, ""))
    return Landing(reply=reply) if reply in listed else Landing(heading=True)


def next_after(listed: Sequence[str], gone: str) -> str:
    """The reply listed after `gone` (which takes its place once it is deleted); "": none."""
    if gone not in listed:
        return ""
    at = list(listed).index(gone) + 1
    return listed[at] if at < len(listed) else ""
