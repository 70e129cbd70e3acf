"""Who may have a password checked now: limits per address, per name, per address and name,
and a cap for the whole desk. A refusal costs no password check, and one limit tripping
never spends another's budget: a flood from one address leaves the desk's minute to others."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.web import login_counts
from mentiondesk.web.login_counts import ADDRESS, NAME, PAIR, Counter
from mentiondesk.web.users import name_taken

if TYPE_CHECKING:
    from mentiondesk.web.common import Desk

_LOGGER = logging.getLogger(__name__)
_MINUTE = timedelta(minutes=1)
PAIR_FAILURES, PAIR_WINDOW = 5, timedelta(minutes=15)
NAME_FAILURES, NAME_WINDOW = 20, login_counts.KEPT  # the longest window: the prune keeps it


def logged_name(store: Store, typed: str) -> str:
    """How a log line names the account a sign-in was for: a user's name as stored, or only
    the length of a name that is nobody's (people type their password into the name field)."""
    user = name_taken(store, typed)
    return f"user {user!r}" if user else f"a name that is no user ({len(typed)} characters)"


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
ADDRESS_LOCKED = "Too many failed sign-ins from your address. Wait an hour and try again."
REFUSALS = (
    ADDRESS_BUSY,
    PAIR_LOCKED,
    NAME_LOCKED,
    DESK_BUSY,
    ADDRESS_LOCKED,
)  # the catalog's test reads them


class LoginLimits:
    """The limits a login passes, in this order, before its password is checked.

    - per address (IPv6: per /64, login_counts.address_key): `per_address` attempts a
      minute, whatever the name (without it one address spends the desk's whole minute and
      nobody else can log in);
    - per address and name: 5 failures lock the pair for 15 minutes;
    - per address, whatever the name: `3 * per_address` failures an hour lock the address
      for the hour (the minute's limit alone let one address try every name in turn, 600
      guesses an hour, enough to lock every name of the desk, the admins' too);
    - per name, from any address: 20 failures an hour lock the name for the hour (guesses
      spread over many addresses; the real person is locked out too, and told so, until an
      admin or the terminal gives them a new password or enables them: web.users);
    - the desk's gate: `per_minute` checks a minute in all (argon2's cost).

    The first three count in the store (login_counts), shared by every worker on it; the
    gate guards this process's CPU, so it counts here."""

    def __init__(
        self, clock: Callable[[], datetime], *, per_minute: int = 30, per_address: int = 10
    ) -> None:
        self._clock = clock
        self.per_address = per_address
        # Failures a person then logged in past (a typo) are forgiven: an office's NAT
        # address is not locked by its people's typos, only by guesses at others' names.
        self.failed_per_address = 3 * per_address
        self.gate = LoginGate(clock, per_minute=per_minute)
        self._pruned: datetime | None = None

    async def refusal(self, desk: Desk, address: str, name: str) -> Refusal | None:
        """None when this attempt may have its password checked (it is then counted as a
        failure until `passed`), else why not."""
        now = self._clock()
        await self.prune(desk, now)
        login = _Login(login_counts.address_key(address), name, now)
        refused = await desk.db(self._arrive, desk.store, login)
        if refused:
            return refused
        wait = self.gate.admit()  # after the locks: a locked name spends none of the budget
        if wait:
            return Refusal(DESK_BUSY, retry_after=wait)
        # Counted before the (slow, awaited) check, cleared if it succeeds: counted after it,
        # thirty guesses sent at once all passed the locks before the first one failed.
        refused = await desk.db(self._try, desk.store, login)
        if refused:
            self.gate.refund()  # a guess sent with it counted first: this one is no check
        return refused

    async def passed(self, desk: Desk, address: str, name: str) -> None:
        """The password was right: forget the failures counted against the name."""
        key = login_counts.address_key(address)
        await desk.db(login_counts.passed, desk.store, key, name)

    async def prune(self, desk: Desk, now: datetime) -> None:
        """At most once a minute, delete the counts older than every window."""
        if self._pruned is not None and now - self._pruned < _MINUTE:
            return
        self._pruned = now
        await desk.db(login_counts.prune, desk.store, now)

    async def keep_pruning(self, desk: Desk, stop: asyncio.Event | None = None) -> None:
        """Prune once a minute while the desk serves, logins or not: the counts hold
        addresses and typed names, kept an hour at most. Returns once `stop` is set, after
        the prune in hand: a prune cancelled mid-way leaves its thread holding a connection
        that outlives the store's dispose."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            await self._prune_or_log(desk)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 60)

    async def _prune_or_log(self, desk: Desk) -> None:
        """One prune; a failure is logged and the next minute tries again."""
        try:
            await self.prune(desk, self._clock())
        except UNREACHABLE as exc:
            # The store away for now. Its type only: the message may name the database's host.
            _LOGGER.warning("desk: old login counts not deleted yet (%s)", type(exc).__name__)
        except Exception:
            # A fault, not an outage: with its traceback, or it repeats unexplained every
            # minute. The statement's only parameter is a time, no address or name.
            _LOGGER.exception("desk: deleting old login counts failed")

    def _arrive(self, store: Store, login: _Login) -> Refusal | None:
        """Count the attempt from the address, then look at the locks."""
        (attempts,) = login_counts.count_or_refuse(
            store,
            f"address {login.address}",
            [(login.by_address, login.now - _MINUTE)],
            login.now,
            over=lambda counts: counts[0] > self.per_address,  # not counted: it would never end
        )
        if attempts > self.per_address:
            return Refusal(ADDRESS_BUSY, retry_after=60)
        if attempts == self.per_address:
            _LOGGER.warning(
                "desk: %d sign-in attempts in a minute from %s; refusing more from it for now",
                self.per_address,
                login.address,
            )
        pair, name, failed = login_counts.recent(store, login.windows)
        if pair >= PAIR_FAILURES:
            return Refusal(PAIR_LOCKED)
        if name >= NAME_FAILURES:
            return Refusal(NAME_LOCKED)
        if failed >= self.failed_per_address:
            return Refusal(ADDRESS_LOCKED)
        return None

    def _try(self, store: Store, login: _Login) -> Refusal | None:
        """Count a failure against the pair and the name; refused when guesses sent at the
        same moment (here or on another worker) were counted up to the limit first."""
        pair, name = login_counts.count_or_refuse(
            store,
            f"name {login_counts.login_key(login.name)}",
            [(login.pair, login.now - PAIR_WINDOW), (login.by_name, login.now - NAME_WINDOW)],
            login.now,
            over=lambda counts: counts[0] > PAIR_FAILURES or counts[1] > NAME_FAILURES,
        )
        if pair > PAIR_FAILURES or name > NAME_FAILURES:
            return Refusal(PAIR_LOCKED if pair > PAIR_FAILURES else NAME_LOCKED)
        if pair == PAIR_FAILURES:
            _LOGGER.warning(
                "desk: %d failed sign-ins to %s from %s; that pair is locked for 15 minutes",
                PAIR_FAILURES,
                logged_name(store, login.name),
                login.address,
            )
        if name == NAME_FAILURES:
            _LOGGER.warning(
                "desk: %d failed sign-ins to %s in an hour, the last from %s; refusing that "
                "name for now",
                NAME_FAILURES,
                logged_name(store, login.name),
                login.address,
            )
        self._tell_address_locked(store, login)
        return None

    def _tell_address_locked(self, store: Store, login: _Login) -> None:
        """Log once when this failure locks its address for the hour (its next try is refused
        unread, so the count stays there)."""
        (failed,) = login_counts.recent(store, [(login.failed, login.now - NAME_WINDOW)])
        if failed == self.failed_per_address:
            _LOGGER.warning(
                "desk: %d failed sign-ins in an hour from %s; refusing that address for now",
                failed,
                login.address,
            )


@dataclass(frozen=True, slots=True)
class _Login:
    """One login attempt, and the counters it is counted on."""

    address: str
    name: str
    now: datetime

    @property
    def by_address(self) -> Counter:
        return Counter.of(ADDRESS, address=self.address)

    @property
    def pair(self) -> Counter:
        return Counter.of(PAIR, address=self.address, name=self.name)

    @property
    def by_name(self) -> Counter:
        return Counter.of(NAME, name=self.name)

    @property
    def failed(self) -> Counter:
        return Counter.failed_from(self.address)

    @property
    def windows(self) -> list[tuple[Counter, datetime]]:
        """The locks' counters, each with the start of its window: pair, name, address."""
        hour = self.now - NAME_WINDOW
        return [(self.pair, self.now - PAIR_WINDOW), (self.by_name, hour), (self.failed, hour)]


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

    def refund(self) -> None:
        """Give back one check admitted that did not run after all."""
        if self._admitted:
            self._admitted.pop()
