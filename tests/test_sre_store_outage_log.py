"""An SRE restarts PostgreSQL while `run` listens to two sources: the log says once that the
store cannot be reached and that no platform is at fault, never "source X is failing" as if
a platform were down (the on-call engineer would go to its status page), and once that the
store answers again; a `--once` summary says a source left unread for it was the store's."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.source_health import SourceHealth, unread_lines
from tests.conftest import Database
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.test_pipeline import recorders

SECOND = """
[[sources]]
kind = "replay"
name = "more"
path = "{path}"
poll_seconds = 0.2
"""


async def _until(done: Callable[[], bool]) -> None:
    for _ in range(600):  # a guard against a hang, not a measure
        if done():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("never happened")


def _failures(app: App) -> int:
    """Failed polls, the platform's or the store's as the pollers took them."""
    return app.store_outage.failures + sum(p.outage.failures for p in app.pollers)


@pytest.mark.postgres
async def test_a_database_outage_is_said_once_as_the_stores_not_as_each_sources(
    tmp_path: Path, pg_url: str, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    first = write_mentions(tmp_path / "a.jsonl", [mention(1, COMPLAINT)])
    more = write_mentions(tmp_path / "b.jsonl", [mention(2, COMPLAINT, author="b")])
    path = write_config(
        tmp_path, db_url=pg_url, samples=first, poll_seconds=0.2, extra=SECOND.format(path=more)
    )
    sinks = recorders()
    app = App(load_config(path), responders=sinks)
    await app.initialize()
    try:
        with caplog.at_level(logging.DEBUG, "listener"):
            await app.start()
            await _until(lambda: len(sinks["console"].delivered) == 2)  # both read, listening
            database.down()
            await _until(lambda: _failures(app) >= 4)  # both sources, twice or more
            database.up()
            await _until(lambda: not any(p.outage.since or p.unstored_since for p in app.pollers))
            await asyncio.wait_for(app.stop(), 60)
    finally:
        await app.shutdown()
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    down = [s for s in said if s.startswith("store: cannot reach the database (connection")]
    assert len(down) == 1 and "no platform is at fault" in down[0]
    assert sum(s.startswith("store: answering the pollers again after") for s in said) == 1
    assert not [s for s in said if "is failing" in s or "reading again" in s]


def test_a_catch_up_left_unread_by_the_store_says_so_not_that_the_source_failed() -> None:
    health = SourceHealth("x", unstored_since=datetime.now(UTC), unstored_tries=6)
    assert unread_lines([health], listening=False) == [
        "x not caught up: the store could not take its pages (6 failed tries; the log says "
        "why); the next run reads on from its cursor"
    ]
