"""The `mentiondesk` command's entry point. Its modules take seconds to import on a small
machine (the desk, the pipeline, every command's): a Ctrl-C or SIGTERM meanwhile (an impatient
stop, `systemctl restart`) ends it in words and with exit 0, as a stop during `run`'s start-up
does (cli_signals), not with a traceback or a silent death by signal. Nothing has been done
yet, whatever the command."""

from __future__ import annotations

import signal
import sys
from types import FrameType

STOPPED = "Stopping before start-up: nothing has been read, sent or changed."
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _Stop(BaseException):
    """A stop asked while loading (BaseException: no `except Exception` on the way takes it)."""


def main() -> None:
    previous = {sig: signal.signal(sig, _stop) for sig in _SIGNALS}
    try:
        from mentiondesk.cli import main as run_command
    except _Stop:
        print(STOPPED, file=sys.stderr)
        raise SystemExit(0) from None
    finally:  # the command's own handling from here (Ctrl-C in a prompt, run's drain)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    run_command()


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop
