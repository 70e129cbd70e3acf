"""A reader that stops early (`mentiondesk cases list -f json | head -1`, a monitoring check
that read enough): the command ends quietly with exit status 141, 128 + SIGPIPE, what the
shell reports for `yes | head -1`'s writer and what `set -o pipefail` scripts already expect of
a writer whose reader left. Not 1: a script must tell "the reader left" from "not done" (1) and
"typed wrong" (2), and mentiondesk's other stops by signal are 128 + it too (130, 143). The
same status whether the text or the JSON was being written, mid-write or at the last flush."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

PIPE_CLOSED = 128 + signal.SIGPIPE  # 141


@contextmanager
def quiet_pipe() -> Iterator[None]:
    """Run the command; a closed stdout ends it with PIPE_CLOSED, nothing on stderr."""
    try:
        yield
    except SystemExit as done:
        # Rich (a table) and click (typer's echo, our JSON) end a command that hit the closed
        # pipe mid-write with status 1, raised while handling the BrokenPipeError.
        if done.code == 1 and _after_broken_pipe(done):
            raise SystemExit(PIPE_CLOSED) from None
        raise
    finally:
        _flush_or_quiet()


def _after_broken_pipe(done: BaseException) -> bool:
    cause = done.__context__
    while cause is not None:
        if isinstance(cause, BrokenPipeError):
            return True
        cause = cause.__context__
    return False


def _flush_or_quiet() -> None:
    """Flush stdout now, not at exit: a closed pipe then ends the command with PIPE_CLOSED,
    rather than with status 120 and "Exception ignored" as Python's own flush at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes again at exit: into /dev/null, so that says nothing either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(PIPE_CLOSED) from None
