"""The `mentiondesk` command's entry point. Its modules take seconds to import on a small
machine (the desk, the pipeline, every command's): a Ctrl-C or SIGTERM meanwhile (an impatient
stop, `systemctl restart`) ends it in words, not with a traceback or a silent death by signal,
and with the status a stop during `run` has (cli_signals): 130 for Ctrl-C, 0 for SIGTERM (a
service manager's clean stop), 143 for SIGTERM to `run --once` (its 0 means "all read").
Nothing has been done yet, whatever the command."""

from __future__ import annotations

import signal
import sys
from types import FrameType

STOPPED = "Stopping before start-up: nothing has been read, sent or changed."
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Stop(BaseException):
    """A stop asked while loading (BaseException: no `except Exception` on the way takes it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main() -> None:
    previous = {sig: signal.signal(sig, _stop) for sig in _SIGNALS}
    try:
        from mentiondesk.cli import main as run_command
    except _Stop as stop:
        print(STOPPED, file=sys.stderr)
        raise SystemExit(stop_status(stop.signum, sys.argv[1:])) from None
    finally:  # the command's own handling from here (Ctrl-C in a prompt, run's drain)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    run_command()


def stop_status(signum: int, args: list[str]) -> int:
    """As cli_signals.StopAsked.exit_status, before the command line is parsed (cheaply: the
    words are enough to tell a `--once` run)."""
    if signum == signal.SIGTERM and "--once" not in args:
        return 0
    return 128 + signum


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signum)
