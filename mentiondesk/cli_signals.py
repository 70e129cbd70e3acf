"""Ctrl-C and SIGTERM in `mentiondesk run`: the stop said in words (what was left, stored for
the next start) and the exit status a shell or systemd expects, not a silent death by signal
nor a plain 0 that reads as "finished".

Exit status: Ctrl-C (SIGINT) is 130 (128 + 2), whatever was under way: `mentiondesk run --once
&& publish` must not go on as if the run had finished. SIGTERM is the service manager's stop
(`systemctl stop`/`restart`, `docker stop`): a listening `run` that stops cleanly on it exits
0, as systemd counts a clean stop a success (143 would mark the unit failed on every restart,
unless each unit file said SuccessExitStatus=143); nothing is lost, the rest waits stored. A
`run --once` (cron's, `timeout`'s) exits 143 (128 + 15) on it: its 0 means "all read, and
delivered or held by a person" (cli.run's --once help; run_waits for what waits instead)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from mentiondesk import outbox_admin
from mentiondesk.cli_common import say
from mentiondesk.store import Store
from mentiondesk.wording import counted

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


@dataclass
class StopAsked:
    """Which signal asked `run` to stop, if any (the first: a second is the same stop)."""

    signum: int | None = None

    def ask(self, signum: int) -> bool:
        """Note the stop; False when one was already asked."""
        first = self.signum is None
        if first:
            self.signum = signum
        return first

    def exit_status(self, *, once: bool) -> int | None:
        """The status the stop calls for (see the module's docstring); None: none asked, or a
        listening run's clean stop on SIGTERM (exit 0, or what the run found)."""
        if self.signum is None or (self.signum == signal.SIGTERM and not once):
            return None
        return 128 + self.signum

    def name(self) -> str:
        return _NAMES.get(signal.Signals(self.signum or 0), f"signal {self.signum}")


def say_what_was_left(asked: StopAsked, store: Store, *, once: bool, catch_up: bool) -> None:
    """After a stop: by what, when, and what waits for the next start (stored, not lost)."""
    if asked.signum is None:
        return
    unread, outbox = store.pending_count(), outbox_admin.counts(store)
    left = []
    if unread:
        left.append(f"{counted(unread, 'mention')} stored, not read yet")
    if outbox["pending"]:
        left.append(f"{counted(outbox['pending'], 'action')} waiting in the outbox")
    if outbox["held"]:  # not sent at the next start either: a person releases them
        left.append(f"{outbox['held']:,} held (`mentiondesk outbox list --held`)")
    when = "before the catch-up was done" if catch_up else "while listening"
    rest = "; ".join(left) or "nothing stored is left to read or deliver"
    status = asked.exit_status(once=once) or 0
    say(
        f"Stopped by {asked.name()} {when}: {rest}. Each source reads on from its cursor "
        f"at the next start. Exit status {status}."
    )


@asynccontextmanager
async def stoppable_start_up(asked: StopAsked) -> AsyncIterator[None]:
    """Around start-up and what follows: until `run` installs its own handlers (once the App
    is up), a stop cancels the start-up; what the App had opened it closes on the way out
    (App.initialize), and the command ends with the stop's status (`asked`)."""
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    assert task is not None  # called from a coroutine
    cancelled = False  # by a stop here, not by anything else

    def stop(signum: int) -> None:
        nonlocal cancelled
        if not asked.ask(signum):  # a second Ctrl-C: the first is being honoured
            return
        cancelled = True
        say("Stopping during start-up: nothing has been read or sent; closing what was opened…")
        task.cancel()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop, sig)
    try:
        yield
    except asyncio.CancelledError:
        if not cancelled:
            raise
        task.uncancel()  # the stop asked for is done: this is no cancellation to pass on
