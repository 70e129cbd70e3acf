"""Race tests on PostgreSQL hold one transaction right after a statement, found by its SQL
text, while another runs. Every wait here has a bound and says what it waited for: a
statement whose SQL changed is never seen, and the test fails in seconds naming it, where
it used to hang for many minutes (a paused transaction holding locks that a waiting thread
wanted, each wait five minutes long)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from mentiondesk.store import Store

SEEN_S = 30.0  # how long a statement may take to be reached, on a loaded machine
HELD_S = 60.0  # the longest a transaction stays paused if the test never lets it go
JOIN_S = 60.0  # how long a thread may take to finish once let go


class Pause:
    """Holds the first transaction on an engine that runs a statement starting with
    `statement`, right after it, until `go()`: `who` names that transaction in messages."""

    def __init__(self, engine: Engine, statement: str, who: str) -> None:
        self.statement, self.who = statement, who
        self.reached, self._go = threading.Event(), threading.Event()
        sa.event.listen(engine, "after_cursor_execute", self._after)

    def _after(self, conn: object, cursor: object, text: str, *_: object) -> None:
        if not text.lstrip().startswith(self.statement) or self.reached.is_set():
            return
        self.reached.set()
        if not self._go.wait(HELD_S):  # raised in the paused transaction: it rolls back
            raise AssertionError(f"{self.who} was held after {self.statement} and never let go")

    def go(self) -> None:
        self.reached.set()  # not found later: a statement run after this is not paused
        self._go.set()

    def seen(self, thread: threading.Thread, outcome: list[object]) -> None:
        """Wait until `thread`, running `who`, is held here; fail if it ended first or was
        stuck elsewhere (its SQL changed)."""
        unseen = f"{self.who}'s {self.statement} was never seen: did its SQL change?"
        wait_for(lambda: self.reached.is_set() or not thread.is_alive(), unseen)
        assert self.reached.is_set() and thread.is_alive(), f"{unseen} It ended: {outcome}"


class Pauses:
    """The pauses of one test, every one let go on leaving the block (a failed test too),
    so that no thread is left paused."""

    def __init__(self) -> None:
        self._all: list[Pause] = []

    def after(self, engine: Engine, statement: str, who: str) -> Pause:
        pause = Pause(engine, statement, who)
        self._all.append(pause)
        return pause

    def __enter__(self) -> Pauses:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        for pause in self._all:
            pause.go()


def wait_for(done: Callable[[], bool], what: str, seconds: float = SEEN_S) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"after {seconds:.0f}s: {what}"
        time.sleep(0.02)


def waiting_on_a_lock(store: Store) -> int:
    """How many sessions of the store's database wait on a lock now."""
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def waits(store: Store, thread: threading.Thread, outcome: list[object], who: str) -> None:
    """`thread` (running `who`) must block on a lock a paused transaction holds."""
    wait_for(
        lambda: not thread.is_alive() or waiting_on_a_lock(store) > 0,
        f"{who} neither waited on a lock nor ended",
    )
    assert thread.is_alive(), f"{who} did not wait for the other transaction: {outcome}"


def joined(thread: threading.Thread, who: str) -> None:
    thread.join(JOIN_S)
    assert not thread.is_alive(), f"{who} did not finish {JOIN_S:.0f}s after it was let go"


@contextmanager
def paused_after(engine: Engine, statement: str) -> Iterator[threading.Event]:
    """Hold the first transaction on `engine` that runs a statement starting with `statement`
    right after it, until the block ends (at most HELD_S); yield an event set once held."""
    reached, go = threading.Event(), threading.Event()

    def after(conn: object, cursor: object, text: str, *_: object) -> None:
        if text.lstrip().startswith(statement) and not reached.is_set():
            reached.set()
            go.wait(HELD_S)

    sa.event.listen(engine, "after_cursor_execute", after)
    try:
        yield reached
    finally:
        go.set()


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run `work` in a thread; its result or exception lands in the list."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # the test looks at it
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome
