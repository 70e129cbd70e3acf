"""The App's lifecycle when something fails: every plugin is closed even when one cannot be,
a stage that ends while the process runs is logged at once, and a source stopped by a
FatalError is said plainly (its status, the run's summary)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from listener.replay import ReplaySource
from mentiondesk.lifecycle import watch
from mentiondesk.models import Batch, FatalError, OutboxAction, Receipt
from mentiondesk.pipeline import App
from mentiondesk.source_health import scrub
from mentiondesk.source_recorder import SourceRecorder
from tests.helpers import config_for, run_cli, write_config, write_mentions


class Closer:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.closed = fail, False
        self.name = "source"

    async def deliver(self, action: OutboxAction) -> Receipt:
        return Receipt()

    async def poll(self, cursor: str | None) -> Batch:
        return Batch(mentions=[], cursor=cursor)

    async def close(self) -> None:
        self.closed = True
        if self.fail:
            raise RuntimeError("close failed")


class Store:
    def __init__(self) -> None:
        self.disposed = False

    def dispose(self) -> None:
        self.disposed = True


async def test_shutdown_closes_every_plugin_when_one_close_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app: Any = App.__new__(App)  # only what shutdown() reads
    first, second, source = Closer(fail=True), Closer(), Closer(fail=True)
    app.responders, app.sources, app.store = {"a": first, "b": second}, [source], Store()
    app.pollers, app.recorder = [], SourceRecorder(app.store)  # never started: writes nothing
    app._crashed = {}  # no catch-up ran: no source crashed in one (source_health reads it)
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError, match="close failed"):
        await app.shutdown()
    assert first.closed and second.closed and source.closed and app.store.disposed
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        "closing responder a failed (RuntimeError)",
        "closing source source failed (RuntimeError)",
    ]


async def test_a_task_that_ends_while_running_is_logged_by_name_not_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stopping = asyncio.Event()

    async def fails() -> None:
        raise ValueError("a customer's words")

    async def returns() -> None:
        return None

    with caplog.at_level(logging.ERROR, logger="mentiondesk.lifecycle"):
        for name, work in (("processor", fails), ("poll:x", returns)):
            task = asyncio.create_task(work(), name=name)
            watch(task, stopping=stopping)
            await asyncio.gather(task, return_exceptions=True)
        stopping.set()
        quiet = asyncio.create_task(returns(), name="outbox")
        watch(quiet, stopping=stopping)
        await quiet
        await asyncio.sleep(0)  # done callbacks run on the next turn of the loop
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        "task processor ended while running (failed (ValueError)): it does not run again "
        "until restart",
        "task poll:x ended while running (returned): it does not run again until restart",
    ]  # nothing for the outbox: it ended after a stop was asked for


class Revoked:
    """A source whose token was revoked: every poll is refused for good."""

    name = "x"
    poll_seconds = 60.0

    async def poll(self, cursor: str | None) -> Batch:
        token = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI"
        raise FatalError(f"x mentions: 401 Unauthorized for ?bearer={token}; check the token")

    async def close(self) -> None:
        return None


async def test_a_source_revoked_while_running_is_logged_and_shown_stopped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    with caplog.at_level(logging.ERROR):
        async with App(config, sources=[Revoked()]) as app:  # type: ignore[list-item]
            await app.start()
            await asyncio.wait_for(asyncio.gather(*app._poll_tasks), 5)
            await asyncio.sleep(0)
            (health,) = app.source_health()
    assert health.stopped and health.error == "FatalError"
    assert health.reason == "x mentions: 401 Unauthorized for …; check the token"
    said = [r.getMessage() for r in caplog.records if r.name == "mentiondesk.lifecycle"]
    assert said == [
        "task poll:x ended while running (returned): it does not run again until restart"
    ]


def test_a_reason_shown_in_public_loses_anything_token_like() -> None:
    token = "ya29.a0AfB_byC8xQ3kFz0lTq9mN2vR7sW1eY4uI6oP"
    said = scrub(f"refused\n for https://api.example.com/v1?access_token={token} (bearer {token})")
    assert token not in said and "access_token" not in said and "\n" not in said
    assert scrub("x" * 500).endswith("…") and len(scrub("word " * 100)) == 200


def test_the_run_summary_names_a_source_that_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def revoked(self: object, cursor: str | None) -> Batch:
        raise FatalError("replay: the file's [owner] refused us; fix the source")

    monkeypatch.setattr(ReplaySource, "poll", revoked)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    code, output = run_cli(config, "run", "--once")
    assert code == 1, output  # a stopped source is no success for cron
    assert (
        "Source samples stopped (FatalError): replay: the file's [owner] refused us; fix the "
        "source → fix it, then restart mentiondesk"
    ) in " ".join(output.split())
