"""Where a Hacker News catch-up reads next: its time windows and their pages, oldest first.

Algolia's `search_by_date` lists newest first and pages by number through a window that
numericFilters pin, and only through a query's first 1,000 hits (algolia/hn-search#230).
The store processes mentions in the order they are stored, so a window of several pages is
read from its last (oldest) page up, page 0 last: a reply is stored after the post it answers,
and each page's position is still saved with it (a crash mid-way re-reads one page). A window
with more hits than Algolia pages through is split at the oldest hit it reaches: the part
below is read first, the part above (its first page-through reached all of it) after it.

A window's state: `since` (the pass's lower bound: OVERLAP is read back from it) and `top`
(where the next pass starts), `upper` and, for a part above a split, `lower` and `whole` (not
split again); `page`, `up` (read upwards: page 0 is the window's last read, not its probe) and
`later`, the parts above still to read, [lower, upper] each, the next last.
"""

from __future__ import annotations

from listener._endpoints import State

_KEPT = ("since", "top", "upper", "lower", "whole", "later")


def window(state: State, upper: int, top: int) -> State:
    """The window this read was in, without its place in it."""
    here = {k: state[k] for k in _KEPT if k in state}
    return {**here, "upper": upper, "top": top}


def probed(here: State, page: int, pages: int, up: bool) -> State | None:
    """A first read (page 0) of a window of several pages: its last page is read next."""
    if up or page >= pages - 1:
        return None
    return {**here, "page": pages - 1, "up": True}


def split(here: State, below: int) -> State:
    """The part of the window at and below `below` next; the part above is read after it."""
    later = [*here.get("later", []), [below, here["upper"]]]
    older = {k: v for k, v in here.items() if k not in ("whole", "later")}
    return {**older, "upper": below, "page": 0, "later": later}


def upwards(here: State, page: int) -> State:
    return {**here, "page": page - 1, "up": True}


def after(here: State) -> tuple[State, bool]:
    """The next window of the pass, and True; or the next pass's state, and False."""
    later = list(here.get("later", []))
    if not later:
        return {"since": here["top"]}, False
    lower, upper = later.pop()
    part = {"since": here["since"], "top": here["top"], "lower": lower, "upper": upper}
    return {**part, "whole": True, "page": 0, **({"later": later} if later else {})}, True
