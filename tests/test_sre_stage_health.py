"""`run` as an SRE watches it: a stage that keeps crashing (a source plugin's bug) is on the
desk's /healthz by task name, with how often it restarted in the last hour, "degraded" once
it keeps at it (the rule, on the restarts the store holds: on both backends); and a source
crashing during the catch-up is named, by class only, while the other sources finish theirs,
and the summary says it was not caught up."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp import ClientSession

from mentiondesk import pipeline, stage_restarts
from mentiondesk.cli_web import start_desk
from mentiondesk.config import load_config
from mentiondesk.models import Batch
from mentiondesk.pipeline import App
from mentiondesk.source_health import unread_lines
from mentiondesk.stage_restarts import StageRestarts
from mentiondesk.store import Store
from mentiondesk.table_types import DatabaseNow
from mentiondesk.tables import STAGE_RESTART
from mentiondesk.web.server import bound_port
from tests.desk.seed import write_config
from tests.helpers import COMPLAINT, config_for, mention
from tests.test_pipeline import Recorder, recorders

POST = "my Lumora lamp set my curtains on fire"


class Exploding:
    """A page the poll loop cannot read: asking whether it was skipped raises, quoting a post
    (as a plugin's bug may word it)."""

    @property
    def skipped(self) -> bool:
        raise RuntimeError(f"cannot read {POST!r}")


class Crashy:
    """A source plugin with a bug: its first `crashes` polls return a page that crashes the
    poll loop; then it reads nothing new."""

    poll_seconds = 0.01

    def __init__(self, name: str = "crashy", crashes: int = 10_000) -> None:
        self.name, self.crashes, self.polls = name, crashes, 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        if self.polls <= self.crashes:
            return Exploding()  # type: ignore[return-value]
        return Batch(mentions=[], cursor="c1")

    async def close(self) -> None:
        return None


class Slow:
    """A healthy source, slower than the crashing one: one complaint, after a few polls."""

    name = "slow"
    poll_seconds = 0.01

    def __init__(self) -> None:
        self.polls = 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        await asyncio.sleep(0.2)
        if cursor is None:
            return Batch(mentions=[mention(1, COMPLAINT)], cursor="c1", has_more=True)
        return Batch(mentions=[], cursor=cursor)

    async def close(self) -> None:
        return None


async def _healthz(tmp_path: Path, source: Crashy, *, restarts: int) -> dict[str, Any]:
    """/healthz of `run`'s desk once the source's poller has restarted `restarts` times."""
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    with path.open("a") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n[desk]\nhost = "127.0.0.1"\nport = 0\n')
    config = load_config(path)
    async with App(config, sources=[source]) as app:  # type: ignore[list-item]
        runner = await start_desk(config, app)
        assert runner is not None
        try:
            await app.start()
            for _ in range(400):  # a guard against a hang, not a measure
                if app.restarts["poll:crashy"] >= restarts:
                    break
                await asyncio.sleep(0.02)
            url = f"http://127.0.0.1:{bound_port(runner)}/healthz"
            async with ClientSession() as session, session.get(url) as response:
                body: dict[str, Any] = await response.json()
            await asyncio.wait_for(app.stop(), 10)
        finally:
            await runner.cleanup()
    return body


async def test_healthz_says_a_stage_that_keeps_crashing_and_degrades(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 0.01)
    monkeypatch.setattr(pipeline, "RETRY_CAP", 0.01)
    body = await _healthz(tmp_path, Crashy(), restarts=6)
    assert body["status"] == "degraded"
    assert body["restarts"]["poll:crashy"] >= 6 and list(body["restarts"]) == ["poll:crashy"]
    assert POST not in str(body)


async def test_healthz_shows_one_restart_and_stays_ok(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 0.01)
    body = await _healthz(tmp_path, Crashy(crashes=1), restarts=1)
    assert body["status"] == "ok" and body["restarts"] == {"poll:crashy": 1}


def _restarted(store: Store, stage: str, times: int, writer: str = "worker-1:4242") -> None:
    for _ in range(times):
        stage_restarts.write(store, stage, writer)


def _moved(store: Store, stage: str, ago: timedelta) -> None:
    """`stage`'s restarts all moved to `ago` before now, by the database's clock."""
    with store.engine.begin() as conn:
        now = conn.execute(sa.select(DatabaseNow())).scalar_one()
        rows = STAGE_RESTART.c.stage == stage
        conn.execute(sa.update(STAGE_RESTART).where(rows).values(at=now - ago))


def _read(store: Store) -> list[tuple[str, int, bool]]:
    return [(one.stage, one.count, one.crashing()) for one in stage_restarts.recent(store)]


def test_restarts_past_the_hour_no_longer_count(store: Store) -> None:
    _restarted(store, "processor", 3)
    _moved(store, "processor", stage_restarts.RECENT - timedelta(minutes=1))
    _restarted(store, "outbox", 1)
    assert stage_restarts.by_stage(stage_restarts.recent(store)) == {"outbox": 1, "processor": 3}
    _moved(store, "processor", stage_restarts.RECENT + timedelta(minutes=1))
    assert stage_restarts.by_stage(stage_restarts.recent(store)) == {"outbox": 1}


def test_a_stage_that_crashed_often_but_works_since_is_no_longer_crashing(store: Store) -> None:
    _restarted(store, "outbox", stage_restarts.KEEPS_CRASHING - 1)
    assert _read(store) == [("outbox", 4, False)]  # a few: a blip
    _restarted(store, "outbox", 1)
    assert _read(store) == [("outbox", 5, True)]
    _moved(store, "outbox", stage_restarts.LATELY - timedelta(minutes=1))
    assert _read(store) == [("outbox", 5, True)]  # restarted lately: still crashing
    _moved(store, "outbox", stage_restarts.LATELY + timedelta(minutes=1))
    assert _read(store) == [("outbox", 5, False)]  # working since: still shown, no alarm


def test_the_rule_counts_each_process_on_its_own(store: Store) -> None:
    """Five restarts of one stage over two workers: each had a blip, neither keeps crashing."""
    _restarted(store, "outbox", 3, "worker-1:4242")
    _restarted(store, "outbox", 2, "worker-2:777")
    found = stage_restarts.recent(store)
    assert [(one.writer, one.crashing()) for one in found] == [
        ("worker-1:4242", False),
        ("worker-2:777", False),
    ]
    assert stage_restarts.by_stage(found) == {"outbox": 5}


def test_still_crashing_is_a_restart_within_lately_exactly() -> None:
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    at = [now - stage_restarts.LATELY + timedelta(seconds=1), now - stage_restarts.LATELY]
    many = stage_restarts.KEEPS_CRASHING
    said = [StageRestarts("w:1", "outbox", many, last, now).crashing() for last in at]
    assert said == [True, False]
    assert not StageRestarts("w:1", "outbox", many - 1, now, now).crashing()


async def test_a_source_crashing_during_the_catch_up_is_named_and_the_others_read_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sinks = recorders()
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    slow, crashy = Slow(), Crashy()
    app = App(config, sources=[crashy, slow], responders=sinks)  # type: ignore[list-item,arg-type]
    with caplog.at_level(logging.INFO):
        async with app:
            await asyncio.wait_for(app.run_once(), 30)
            health = app.source_health()
    console: Recorder = sinks["console"]
    assert len(console.delivered) == 1 and slow.polls >= 2  # read to its end, alerted
    raised = Exploding.skipped.fget.__code__.co_firstlineno + 2  # type: ignore[attr-defined]
    where = f"RuntimeError at test_sre_stage_health.py:{raised} in skipped"
    said = f"source crashy: its catch-up failed ({where}); the other sources were read on"
    assert said in caplog.text and POST not in caplog.text
    lines = unread_lines(health, listening=False)
    assert lines == [
        f"crashy not caught up: its catch-up crashed ({where}): a bug, not the platform; "
        "report it with the log's line; the next run reads on from its cursor"
    ]
    assert [h.cause for h in health if h.name == "crashy"] == [
        "its poll loop crashed (RuntimeError)"
    ]
