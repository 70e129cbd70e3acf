"""The outbox worker's waits: a delivery's answer within its time and what came of it, a
batch's deliveries, the idle sleep between passes, how a failure is written down, and an
outage's start and end in the log."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, quote_plus

from mentiondesk.lifecycle import before_stop
from mentiondesk.models import OutboxAction, Receipt, TransientError, Unreachable

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look
_QUOTED = 8  # a shorter text ("Thanks!") is no secret, and taking it out could garble the error


@dataclass(frozen=True, slots=True)
class Tried:
    """What came of one delivery: how many went, and when to try the sink again."""

    delivered: int
    down_until: datetime | None = None  # the sink is down or rate limited until then
    why: str = ""
    untried: bool = False  # not sent: its turn (the sink's pace) comes after `down_until`


async def answered(
    delivery: Awaitable[Receipt],
    seconds: float,
    *,
    full: float,
    cut: asyncio.Event | None = None,
) -> Receipt:
    """The delivery's receipt, or a TransientError (retried) when it takes over `seconds`, or
    `cut` is set first; under `full` (the usual timeout), or `cut`, it was cut short by a
    stop's grace, and says so."""
    try:
        receipt = await asyncio.wait_for(before_stop(delivery, cut or asyncio.Event()), seconds)
    except TimeoutError:
        said = " (cut short to stop in time)" if seconds < full else ""
        raise NoAnswer(f"no answer within {seconds:.0f} s{said}") from None
    if receipt is None:  # `cut` came first: before_stop gave the delivery up
        raise NoAnswer("no answer within the stop's grace (cut short to stop in time)")
    return receipt


class NoAnswer(TransientError):
    """A delivery given up unanswered (`answered`): its request may still be under way."""


def unanswered(exc: BaseException) -> bool:
    """Whether a delivery failed for want of an answer after its request may have gone out:
    given up by us (NoAnswer) or by its client (a timeout, however its library names it:
    found in the chain a responder's own error was raised from). Its platform may still be
    making the post: a retry's look for it could come too soon, find nothing, and send it
    again. Not a sink never reached (Unreachable: a connection never opened)."""
    if isinstance(exc, Unreachable):
        return False
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, NoAnswer | TimeoutError) or "Timeout" in type(found).__name__:
            return True
        found = found.__cause__ or found.__context__
    return False


def describe(exc: BaseException) -> str:
    """An exception as a log line and an outbox row's last_error: its type, then its words."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def said(words: str, action: OutboxAction) -> str:
    """A failure's `words` as the log and the row's last_error keep them: one line (a line
    break in a server's words would start a forged log line), and without the action's own
    text where a server quoted it back (a DM's words do not belong in `outbox list`)."""
    text = (action.text or "").strip()
    if len(text) >= _QUOTED:
        for form in _forms(text):
            words = words.replace(form, "[the text]")
    line = " ".join(words.split())
    folded = " ".join(text.split())
    return line.replace(folded, "[the text]") if len(folded) >= _QUOTED else line


def _forms(text: str) -> list[str]:
    """`text` as a request carries it, which an echoing server may quote: as is, in a JSON
    string (with and without \\u escapes), form-encoded; the longest first."""
    forms = {text, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}
    forms |= {quote_plus(text), quote(text)}
    return sorted(forms, key=len, reverse=True)


async def wait_any(stop: asyncio.Event, wake: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less if the worker is stopped or woken (new work queued)."""
    waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


async def gather_all(deliveries: Iterable[Awaitable[int]]) -> list[int]:
    """What each delivery returned. Every one runs to its end even when recording one fails
    (the database went away): none is left running unawaited while the caller shuts
    responders down; the first failure is raised then."""
    results = await asyncio.gather(*deliveries, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [r for r in results if isinstance(r, int)]


class Outages:
    """Responders whose last delivery failed: a warning when one starts failing and one when
    it delivers again, not one per action per attempt (a chat down for an hour would bury
    the log; `outbox list` has each). Without the second, the failures between being at
    debug level, nothing would say when it ended."""

    def __init__(self) -> None:
        self._failing: dict[str, tuple[int, datetime]] = {}  # target → (failures, since)

    def failed(self, outbox_id: int, action: OutboxAction, why: str, now: datetime) -> None:
        """Log a failed delivery of outbox row `outbox_id` (named by id: its key holds post ids)."""
        if action.target in self._failing:
            failures, since = self._failing[action.target]
            self._failing[action.target] = (failures + 1, since)
            _LOGGER.debug("outbox action %d attempt %d failed: %s", outbox_id, action.attempt, why)
            return
        self._failing[action.target] = (1, now)
        _LOGGER.warning(
            "responder %s is failing (%s, on %s); retrying with backoff, "
            "further failures until it recovers are logged at debug level",
            *(action.target, why, f"action {outbox_id} ({action.kind})"),
        )

    def delivered(self, target: str) -> None:
        if target not in self._failing:
            return
        failures, since = self._failing.pop(target)
        _LOGGER.warning(
            "responder %s: delivering again after %d failure(s) since %s UTC",
            *(target, failures, f"{since.astimezone(UTC):%H:%M}"),
        )
