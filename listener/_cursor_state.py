"""A source's cursor state (one JSON object for all its endpoints) and its seen-list.

The seen-list drops the repeats an overlap reads again. It holds a digest of each post version
read lately, not the id: an id can carry its author's identity (a Bluesky at:// URI holds the
author's DID), and a cursor is no place an erasure looks; the list is only ever compared."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from typing import Any

_LOGGER = logging.getLogger(__name__)
SEEN_MAX = 1000  # recent post versions kept in the cursor: duplicate suppression across pages
_VERSION = 1
_MARK = "#"  # a digest's first character, which no platform's post id starts with

State = dict[str, Any]


def digest(version: str) -> str:
    """What the seen-list keeps of a post version: 64 bits of its BLAKE2b, marked."""
    return _MARK + hashlib.blake2b(version.encode(), digest_size=8).hexdigest()


def unseen(state: State, versions: Iterable[str]) -> list[str]:
    """Those of `versions` the seen-list does not hold, each once, in order; recorded seen."""
    seen: list[str] = state["seen"]
    known = set(seen)
    fresh: list[str] = []
    for version in versions:
        key = digest(version)
        if key not in known:
            known.add(key)
            seen.append(key)
            fresh.append(version)
    state["seen"] = seen[-SEEN_MAX:]
    return fresh


def decode(cursor: str | None, endpoints: list[str]) -> State:
    """The cursor's state; an unreadable or foreign cursor starts afresh (logged). A cursor
    written before the seen-list held digests has its ids turned into them here."""
    empty: State = {"v": _VERSION, "ep": {}, "done": [], "seen": []}
    if not cursor:
        return empty
    try:
        state = json.loads(cursor)
        if not isinstance(state, dict) or state.get("v") != _VERSION:
            raise ValueError("unknown cursor version")
    except ValueError:
        _LOGGER.warning("cursor %r is not ours; starting afresh", cursor[:40])
        return empty
    state["done"] = [e for e in state.get("done", []) if e in endpoints]
    state.setdefault("ep", {})
    seen = [str(s) for s in state.get("seen", [])]
    state["seen"] = [s if s.startswith(_MARK) else digest(s) for s in seen]
    return state
