"""The App's lifecycle when something fails: every plugin is closed even when one cannot be,
and a stage that ends while the process runs is logged at once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from mentiondesk.lifecycle import watch
from mentiondesk.models import Batch, OutboxAction, Receipt
from mentiondesk.pipeline import App


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
