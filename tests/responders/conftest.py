"""Fixtures for responder tests: the real Request Tracker server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.rt_server import RTServer
from tests.rt_started import rt_started


@pytest.fixture(scope="session")
def rt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTServer]:
    yield from rt_started(tmp_path_factory.mktemp("rt"))
