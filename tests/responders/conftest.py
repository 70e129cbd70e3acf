"""Fixtures for responder tests: the real Request Tracker server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.rt_server import RTServer, ensure_installed, run_server


@pytest.fixture(scope="session")
def rt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTServer]:
    problem = ensure_installed()
    if problem and os.geteuid() == 0:
        pytest.fail(problem)  # as root (dev machines, CI) the install must work
    if problem:
        pytest.skip(problem)
    yield from run_server(tmp_path_factory.mktemp("rt"))
