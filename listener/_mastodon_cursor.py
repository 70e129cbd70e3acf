"""Where a Mastodon hashtag or search read starts: a look-back below the newest status read,
never below where the source first started reading."""

from __future__ import annotations

from listener._endpoints import OVERLAP, State
from listener._wire import id_key, max_id


def back(newest: str | None) -> str | None:
    """min_id OVERLAP before the newest status read. A status from another server gets an id
    of its own (earlier) time as it arrives, below those read before it came; the seen-list
    drops the repeats."""
    when = int(newest or 0) >> 16  # its milliseconds; an id too small for that is kept as is
    ago = when - int(OVERLAP.total_seconds() * 1000)
    return str(ago << 16) if ago > 0 else newest


def since(state: State) -> str | None:
    """min_id for this read: the look-back, but not below `floor`, the first read's position:
    what was posted before the source started is history, never handed over as new."""
    return max_id(back(state.get("min")), state.get("floor"))


def carried(state: State, read: State, *, found: bool) -> State:
    """The cursor after a read (`read`): a first one that `found` statuses (one page of the
    history) sets the floor at its newest; later ones keep it while the look-back could still
    reach below it, then drop it. A first read that found none leaves no floor: nothing was
    there, and the look-back from "now" covers a clock ahead of the server's."""
    if not state:
        return {**read, "floor": read["min"]} if found and read.get("min") else read
    floor = state.get("floor")
    looked = back(read.get("min"))
    if floor and looked is not None and id_key(looked) < id_key(str(floor)):
        return {**read, "floor": floor}
    return read
