"""An author's handle as their platform writes it, for people to read: "@ana" on X, Bluesky,
Mastodon and Threads, "u/ana" on Reddit, "ana" on Hacker News. Handles are stored bare (the
listeners store the platform's own field), so every place that shows one says it the same way.
"""

from __future__ import annotations

# Platforms whose handles are written "@name"; Reddit's are "u/name"; any other is shown bare.
AT_HANDLES = frozenset({"x", "twitter", "mastodon", "bluesky", "threads"})
# How a handle may be typed with its platform's prefix (`authors forget reddit u/ana`).
_TYPED_PREFIXES = ("/u/", "u/")


def handle_prefix(platform: str, handle: str | None = None) -> str:
    """What its platform writes before a handle: "@", "u/" (Reddit) or nothing. Given the
    `handle`, what handle_shown puts before it: nothing where it is empty (an erased author) or
    already written with its prefix."""
    if handle is not None and (not handle or handle.startswith("@")):
        return ""
    if platform in AT_HANDLES:
        return "@"
    if platform == "reddit" and not (handle or "").startswith(_TYPED_PREFIXES):
        return "u/"
    return ""


def handle_shown(platform: str, handle: str) -> str:
    """`handle` with its platform's prefix (handle_prefix); an empty handle (an erased author)
    stays empty, and one already written with its prefix is not prefixed twice."""
    return handle_prefix(platform, handle) + handle


def handle_typed(text: str) -> str:
    """A handle as a person typed it, without Reddit's "u/" (the "@" is dropped where the
    handle is looked up): a handle copied from `authors list` finds its author. No platform's
    handle holds a "/", so the prefix is never part of a name."""
    for prefix in _TYPED_PREFIXES:
        if text.strip().startswith(prefix):
            return text.strip().removeprefix(prefix)
    return text
