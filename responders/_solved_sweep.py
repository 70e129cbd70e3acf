"""A help desk's solved-ticket sweep, read a chunk of tickets at a time (`SolvedSweep`)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from mentiondesk.models import FatalError, RateLimited, SinkRefused, TransientError, Unreachable

# Named as before this module was split off _helpdesk: where operators' filters look for it.
_LOGGER = logging.getLogger("responders._helpdesk")
Read = Callable[[list[str]], Awaitable[set[str]]]


class SolvedSweep:
    """A desk's solved-ticket sweeps, read a chunk of tickets at a time. A rate limit or an
    error part-way (Freshdesk reads one ticket a call, against a per-minute budget) keeps what
    was read, so those cases still resolve, and the next sweep starts at the chunk it stopped
    at: a sweep longer than the budget reaches every ticket, a budget at a time, instead of
    meeting the limit at the same place every time and resolving nothing. A ticket the desk
    refuses to show, or fails on, costs itself alone, not its chunk nor the sweep."""

    def __init__(self, desk: str, log: logging.Logger = _LOGGER) -> None:
        self.desk = desk
        self._log = log  # the desk's own logger: where its other ticket news is said
        self._resume = 0  # the ticket id the last sweep stopped at; 0: the first
        self._unread: set[str] = set()  # tickets whose case is left open: said once, not hourly
        self._refusals = 0  # refused reads this sweep (halving down to refused tickets)
        self._errors = 0  # server errors this sweep (halving down to the tickets failing)
        self._reads = 0  # reads answered this sweep
        self._stepped: list[tuple[str, str]] = []  # (ticket, error) of the chunk being read

    def unread(self, ref: str, why: str) -> None:
        """Say once, not every sweep, why ticket `ref`'s case is left open."""
        if ref not in self._unread:
            self._unread.add(ref)
            self._log.warning("%s ticket %s %s", self.desk, ref, why)

    async def run(self, refs: Sequence[str], size: int, read: Read) -> set[str]:
        """Which of `refs` (ticket ids) `read` says are solved, `size` ids a call. A server
        error steps over the ticket it is found on (one ticket the desk fails on every time
        would otherwise stop every sweep where the last one stopped); a second chunk in a row
        failing is an outage."""
        ids = self._ordered(refs)
        self._refusals = self._errors = self._reads = 0
        done: set[str] = set()
        failed = False  # the chunk before this one
        for start in range(0, len(ids), size):
            chunk = ids[start : start + size]
            try:
                await self._read(chunk, read, done)
                failed = False
                self._say_stepped()
            except (RateLimited, TransientError) as exc:
                self._stepped.clear()  # the chunk's own error says it: an outage is one line
                if _passing(exc) and not failed:
                    failed = True
                    _LOGGER.warning("%s sync stepped over %s (%s)", self.desk, _span(chunk), exc)
                    continue
                # After an error stepped over, the next sweep starts past this chunk too: at
                # it, a second bad ticket beside the first would stop every sweep there.
                self._resume = int(ids[(start + size) % len(ids) if failed else start])
                if not self._reads:
                    raise  # nothing read: the sweep failed whole, as the sync says
                _LOGGER.warning(
                    "%s sync read %d of %d tickets (%s); the next sweep starts at ticket %s",
                    *(self.desk, start, len(ids), exc, self._resume),
                )
                return done
        self._resume = 0
        return done

    async def _read(self, chunk: list[str], read: Read, done: set[str]) -> None:
        """`read(chunk)` into `done`. A refusal (403, 404, 422: about a ticket, not the key's
        401) or a server error (Zendesk's show_many answers 500 when one of its 100 tickets
        fails) is read again in halves down to the ticket, so one ticket does not leave the
        cases of the chunk's other tickets open sweep after sweep. Each within a budget: a
        desk refusing or failing every call fails the sweep after a few reads, as before."""
        try:
            done |= await read(chunk)
            self._reads += 1
        except SinkRefused:
            raise  # the key refused: every ticket alike, the sweep fails whole
        except FatalError as exc:
            self._refusals += 1
            if self._refusals > _REFUSALS:
                raise  # not a ticket or two: the desk refuses them all (a wrong subdomain)
            if len(chunk) == 1:
                self.unread(chunk[0], f"cannot be read ({exc}); case left open")
                return
            await self._halves(chunk, read, done)
        except TransientError as exc:
            if len(chunk) == 1 or not self._may_step(exc):
                raise  # one ticket's: its caller steps over it; else an outage or a limit
            await self._halves(chunk, read, done)

    async def _halves(self, chunk: list[str], read: Read, done: set[str]) -> None:
        """Both halves of `chunk` read; a ticket failing alone is stepped over (said once its
        chunk is read: a chunk failing after all is said as one), the other half still read."""
        half = len(chunk) // 2
        for part in (chunk[:half], chunk[half:]):
            try:
                await self._read(part, read, done)
            except TransientError as exc:
                if len(part) > 1 or not self._may_step(exc):
                    raise
                self._stepped.append((part[0], str(exc)))

    def _say_stepped(self) -> None:
        """Each ticket its chunk was read round, said every sweep (it may pass next time)."""
        for ref, why in self._stepped:
            _LOGGER.warning("%s sync stepped over ticket %s (%s)", self.desk, ref, why)
        self._stepped.clear()

    def _may_step(self, exc: Exception) -> bool:
        """Whether a server error may be read round (halved, or stepped over) within the
        sweep's budget; a rate limit or a desk unreachable never is."""
        if not _passing(exc):
            return False
        self._errors += 1
        return self._errors <= _ERRORS

    def _ordered(self, refs: Sequence[str]) -> list[str]:
        """The ids in number order, from where the last sweep stopped round to the ones before."""
        ids = sorted({r for r in refs if r.isdigit()}, key=int)
        cut = next((n for n, ref in enumerate(ids) if int(ref) >= self._resume), 0)
        return ids[cut:] + ids[:cut]


# Refused reads a sweep may spend halving chunks down to the tickets refused: a bad ticket
# costs one a halving (7 in a chunk of 100), so a few are found, while a desk refusing every
# ticket fails the sweep after these, not after two calls a ticket.
_REFUSALS = 24
# Server errors alike: a ticket failing costs 8 in a chunk of 100 (7 halvings and itself),
# so three are found in a sweep; a desk failing every call is an outage after these.
_ERRORS = 24


def _span(chunk: list[str]) -> str:
    return f"ticket {chunk[0]}" if len(chunk) == 1 else f"tickets {chunk[0]} to {chunk[-1]}"


def _passing(exc: Exception) -> bool:
    """A server error that may be one ticket's: not a rate limit, nor a desk unreachable."""
    return isinstance(exc, TransientError) and not isinstance(exc, Unreachable)
