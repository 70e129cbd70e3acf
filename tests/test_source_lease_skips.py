"""A poll left to the worker holding the source's lease: no read, so neither a success nor a
failure (a failing source is not "reading again"), and said once, at info, so a cron
`run --once` that read nothing says why."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

import pytest

from listener._poll import Poller
from mentiondesk.models import Batch, TransientError
from mentiondesk.pipeline import App
from mentiondesk.source_lease import SourceLeases
from mentiondesk.store import Store
from responders.console import ConsoleResponder
from tests.helpers import config_for, mention
from tests.test_source_lease import lapse
from tests.test_source_lease_app import Recording


class Failing(Recording):
    async def poll(self, cursor: str | None) -> Batch:
        self.asked.append(cursor)
        raise TransientError("platform down (503)")


@pytest.mark.postgres
async def test_a_skipped_poll_is_no_recovery(
    pg_stores: tuple[Store, Store], caplog: pytest.LogCaptureFixture
) -> None:
    """B fails, backs off past its lease, A takes the source (and fails too): B's next poll
    is skipped, and B does not say it reads again."""
    a, b = pg_stores
    b_leases, a_leases = SourceLeases(b, "b"), SourceLeases(a, "a")
    b_source, a_source = b_leases.wrap(Failing()), a_leases.wrap(Failing())
    stop, polls = asyncio.Event(), 0

    async def sleep(_seconds: float) -> None:
        nonlocal polls
        polls += 1
        if polls == 2:
            lapse(b)
            with pytest.raises(TransientError):
                await a_source.poll(None)
        if polls == 4:
            stop.set()

    async def store_page(name: str, batch: Batch) -> None:
        await b_leases.ingest(name, batch.mentions, batch.cursor)

    async def no_cursor(_name: str) -> None:
        return None

    poller = Poller(b_source, load_cursor=no_cursor, on_batch=store_page, stop=stop, sleep=sleep)
    with caplog.at_level(logging.INFO):
        await poller.run()
    said = [r.getMessage() for r in caplog.records]
    assert not any("reading again" in s for s in said), said
    assert poller.outage.since is not None  # still down, as far as this worker knows
    skipped = [s for s in said if "another worker polls it" in s]
    assert len(skipped) == 1, said  # once at info; the skips after it at debug


@pytest.mark.postgres
async def test_run_once_while_another_worker_polls_says_so(
    tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    config = config_for(tmp_path, pg_url, [])
    console = {"console": ConsoleResponder("console", out=io.StringIO())}
    first = App(config, sources=[Recording("100", [mention(1)])], responders=console)
    cron = Recording("200", [mention(2)])
    second = App(config, sources=[cron], responders=console)
    async with first, second:
        await first.run_once()  # a listening `run` holds the lease
        with caplog.at_level(logging.INFO):
            await second.run_once()
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert cron.asked == []
    assert any("another worker polls it" in s and cron.name in s for s in said), said
