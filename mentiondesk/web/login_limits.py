"""Who may have a password checked now: limits per address, per name, per address and name,
and a cap for the whole desk. A refusal costs no password check, and one limit tripping
never spends another's budget: a flood from one address leaves the desk's minute to others."""

from __future__ import annotations

import asyncio
import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

_LOGGER = logging.getLogger(__name__)
_MINUTE = timedelta(minutes=1)
NAME_FAILURES, NAME_WINDOW = 20, timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a login is refused without a check (English; the page translates it), and the
    seconds for Retry-After when waiting is the answer."""

    message: str
    retry_after: int | None = None


ADDRESS_BUSY = "Too many sign-in attempts from your address. Try again in a minute."
PAIR_LOCKED = "Too many failed attempts. Wait 15 minutes and try again."
NAME_LOCKED = (
    "Too many failed sign-ins to this name. Wait an hour and try again, or ask an admin "
    'for a new password ("Reset password" on the People page): that ends the lock.'
)
DESK_BUSY = "Too many sign-in attempts right now. Try again in a minute."
REFUSALS = (ADDRESS_BUSY, PAIR_LOCKED, NAME_LOCKED, DESK_BUSY)  # the catalog's test reads them


class LoginLimits:
    """The limits a login passes, in this order, before its password is checked.

    - per address: `per_address` attempts a minute, whatever the name (without it one
      address spends the desk's whole minute and nobody else can log in);
    - per address and name: 5 failures lock the pair for 15 minutes;
    - per name, from any address: 20 failures an hour lock the name for the hour (guesses
      spread over many addresses; the real person is locked out too, and told so, until an
      admin gives them a new password or enables them on the People page: `forgive`);
    - the desk's gate: `per_minute` checks a minute in all (argon2's cost)."""

    def __init__(
        self, clock: Callable[[], datetime], *, per_minute: int = 30, per_address: int = 10
    ) -> None:
        self.by_address = Throttle(clock, limit=per_address, window=_MINUTE)
        self.by_pair = Throttle(clock)
        self.by_name = Throttle(clock, limit=NAME_FAILURES, window=NAME_WINDOW)
        self.gate = LoginGate(clock, per_minute=per_minute)

    def refusal(self, address: str, name: str) -> Refusal | None:
        """None when this attempt may have its password checked (it is then counted as a
        failure until `passed`), else why not."""
        if self.by_address.blocked(address):
            return Refusal(ADDRESS_BUSY, retry_after=60)
        if self.by_address.fail(address):
            _LOGGER.warning(
                "desk: %d sign-in attempts in a minute from %s; refusing more from it for now",
                self.by_address.limit,
                address,
            )
        pair, who = _pair(address, name), name.lower()
        if self.by_pair.blocked(pair):
            return Refusal(PAIR_LOCKED)
        if self.by_name.blocked(who):
            return Refusal(NAME_LOCKED)
        wait = self.gate.admit()  # after the locks: a locked name spends none of the budget
        if wait:
            return Refusal(DESK_BUSY, retry_after=wait)
        # Counted before the (slow, awaited) check, cleared if it succeeds: counted after it,
        # thirty guesses sent at once all passed blocked() before the first one failed.
        if self.by_pair.fail(pair):
            _LOGGER.warning(
                "desk: %d failed sign-ins to %r from %s; that pair is locked for 15 minutes",
                self.by_pair.limit,
                name,
                address,
            )
        if self.by_name.fail(who):
            _LOGGER.warning(
                "desk: %d failed sign-ins to %r in an hour, the last from %s; refusing that "
                "name for now",
                NAME_FAILURES,
                name,
                address,
            )
        return None

    def passed(self, address: str, name: str) -> None:
        """The password was right: forget the failures counted against the name."""
        self.by_pair.clear(_pair(address, name))
        self.by_name.clear(name.lower())

    def forgive(self, name: str) -> None:
        """An admin vouched for the person (a new password, enabled again): forget the
        name's failures and those of every address with it, or the lock would outlast the
        password the guesses were aimed at."""
        who = name.strip().lower()
        self.by_name.clear(who)
        self.by_pair.clear_where(lambda key: key.partition("|")[2] == who)


def _pair(address: str, name: str) -> str:
    # An address (an IP: the peer's, or the one the proxy appended) has no "|" in it, so the
    # name is what follows the first one.
    return f"{address}|{name.lower()}"


class Throttle:
    """At most `limit` events (failed logins, attempts) per key within `window`."""

    def __init__(
        self, clock: Callable[[], datetime], *, limit: int = 5, window: timedelta | None = None
    ) -> None:
        self._clock = clock
        self.limit = limit
        self._window = window or timedelta(minutes=15)
        self._failures: dict[str, deque[datetime]] = {}
        self._swept = clock()

    def blocked(self, key: str) -> bool:
        if not self._recent(key):
            del self._failures[key]  # forget clean keys: the table stays small
            return False
        return len(self._failures[key]) >= self.limit

    def fail(self, key: str) -> bool:
        """Count one event; True when it is the one that reaches the limit (log it once)."""
        self._sweep()
        failures = self._recent(key)
        failures.append(self._clock())
        return len(failures) == self.limit

    def clear(self, key: str) -> None:
        self._failures.pop(key, None)

    def clear_where(self, match: Callable[[str], bool]) -> None:
        for key in [k for k in self._failures if match(k)]:
            del self._failures[key]

    def __len__(self) -> int:
        return len(self._failures)

    def _recent(self, key: str) -> deque[datetime]:
        since = self._clock() - self._window
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] < since:
            failures.popleft()
        return failures

    def _sweep(self) -> None:
        """Once a window, forget the keys with nothing in it: a key never asked about again
        (a made-up name, an address gone) would otherwise stay for good, and a flood of them
        would grow the table without end."""
        now = self._clock()
        if now - self._swept < self._window:
            return
        self._swept = now
        stale = [
            k for k, times in self._failures.items() if not times or times[-1] < now - self._window
        ]
        for key in stale:
            del self._failures[key]


class LoginGate:
    """A cap on password checks for the whole desk, whatever the address and name.

    Each argon2 check costs about 0.2 CPU-seconds and 64 MiB, and the other limits never
    stop fresh names from many addresses, so without it such a flood would starve the
    pipeline that shares the process. At most `per_minute` checks are let in per minute
    (the rest are told to come back: Retry-After), and `at_once` of them run together (the
    others wait their turn: with the budget, a few seconds at most)."""

    def __init__(
        self, clock: Callable[[], datetime], *, per_minute: int = 30, at_once: int = 2
    ) -> None:
        self._clock = clock
        self._per_minute = per_minute
        self._admitted: deque[datetime] = deque()
        self._told: datetime | None = None  # when the log last said the budget was spent
        self.slot = asyncio.Semaphore(at_once)  # `async with gate.slot:` around the check

    def admit(self) -> int:
        """Count one check against the minute's budget: 0 when it may run, else the seconds
        until one may."""
        now = self._clock()
        while self._admitted and self._admitted[0] <= now - _MINUTE:
            self._admitted.popleft()
        if len(self._admitted) < self._per_minute:
            self._admitted.append(now)
            return 0
        if self._told is None or now - self._told > _MINUTE:  # once a minute, not per request
            self._told = now
            _LOGGER.warning(
                "desk: %d sign-in attempts in the last minute; refusing more for now",
                self._per_minute,
            )
        wait = (self._admitted[0] + _MINUTE - now).total_seconds()
        return max(1, math.ceil(wait))
