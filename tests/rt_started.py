"""A real Request Tracker 5 server for a test module's fixture: installed if need be, else
the tests fail as root (dev machines, CI: there the install must work) and skip elsewhere.
tests/responders/conftest.py's `rt_server` starts it once for the responder tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.rt_server import RTServer, ensure_installed, run_server


def rt_started(tmp: Path) -> Iterator[RTServer]:
    """The server, its files in `tmp`, for as long as the caller's fixture yields it."""
    problem = ensure_installed()
    if problem and os.geteuid() == 0:
        pytest.fail(problem)
    if problem:
        pytest.skip(problem)
    yield from run_server(tmp)
