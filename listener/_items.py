"""A page's posts read one by one: one that cannot be read is skipped, never its page."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from mentiondesk.models import Mention

_LOGGER = logging.getLogger(__name__)
# What a post of another shape than the platform documents raises as it is read: a field
# missing (KeyError, IndexError), of another type (TypeError, AttributeError), or a value that
# means nothing (ValueError, OverflowError: a time).
UNREADABLE = (KeyError, IndexError, TypeError, AttributeError, ValueError, OverflowError)


def usable(
    source: str,
    items: Iterable[Any],
    check: Callable[[Any], object],
    item_id: Callable[[Any], object],
    *,
    left_out: str = "skipped, it cannot be read",
) -> list[Any]:
    """`items` less those `check` cannot read (a time a page's paging needs), each logged as
    readable() logs a post it skips (`left_out` says what became of it)."""
    kept: list[Any] = []
    for item in items:
        try:
            check(item)
        except UNREADABLE as exc:
            _skipped(source, item, item_id, exc, left_out)
        else:
            kept.append(item)
    return kept


def readable(
    source: str,
    items: Iterable[Any],
    read: Callable[[Any], Mention | None],
    item_id: Callable[[Any], object],
) -> list[Mention]:
    """The mentions `read` makes of `items` (None: not a mention). A post that cannot be read
    is logged by its id (never its body) and skipped: failing the page would leave the cursor
    where it is, and every later post unread, for as long as that post is listed."""
    mentions: list[Mention] = []
    for item in items:
        try:
            found = read(item)
        except UNREADABLE as exc:
            _skipped(source, item, item_id, exc)
            continue
        if found is not None:
            mentions.append(found)
    return mentions


def _skipped(
    source: str,
    item: Any,
    item_id: Callable[[Any], object],
    exc: Exception,
    left_out: str = "skipped, it cannot be read",
) -> None:
    _LOGGER.warning(
        "source %s: post %s %s (%s)", source, _named(item_id, item), left_out, type(exc).__name__
    )


def _named(item_id: Callable[[Any], object], item: Any) -> str:
    """The post's id as a log can show it: ASCII, short (it is the platform's text too)."""
    try:
        return ascii(str(item_id(item))[:200])
    except UNREADABLE:
        return "(no id)"
