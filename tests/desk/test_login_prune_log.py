"""The login-count pruner's failures in the log: a store away for now as a warning with its
type only (its message may name the database's host), any other failure as an error with its
traceback, so a fault that repeats every minute can be found."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestServer

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.web import create_app, login_counts
from mentiondesk.web.common import DESK

_LOGGER = "mentiondesk.web.login_limits"


async def _prune_once(
    config: Config, store: Store, monkeypatch: pytest.MonkeyPatch, exc: Exception
) -> None:
    def fail(*_: object) -> int:
        raise exc

    monkeypatch.setattr(login_counts, "prune", fail)
    desk = create_app(config, store)[DESK]
    task = asyncio.create_task(desk.limits.keep_pruning(desk))
    await asyncio.sleep(0.2)  # the first prune runs at once, the next in a minute
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_fault_is_logged_with_its_traceback(
    config: Config, store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=_LOGGER):
        await _prune_once(config, store, monkeypatch, KeyError("at"))
    (record,) = [r for r in caplog.records if r.name == _LOGGER]
    assert record.levelno == logging.ERROR
    assert record.exc_info and record.exc_info[0] is KeyError
    assert "login counts" in record.getMessage()


async def test_a_store_away_is_a_warning_without_its_message(
    config: Config, store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    away = sa.exc.OperationalError("DELETE", {}, Exception('host "db.internal" refused'))
    with caplog.at_level(logging.WARNING, logger=_LOGGER):
        await _prune_once(config, store, monkeypatch, away)
    (record,) = [r for r in caplog.records if r.name == _LOGGER]
    assert record.levelno == logging.WARNING
    assert not record.exc_info
    assert "OperationalError" in record.getMessage()
    assert "db.internal" not in caplog.text


async def test_closing_the_desk_waits_for_the_prune_in_hand(
    config: Config, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A prune cancelled mid-way left its thread holding a connection past the store's
    dispose (a ResourceWarning at some later garbage collection): the desk's cleanup lets
    the prune in hand finish, then stops."""
    began, finished = threading.Event(), threading.Event()

    def slow(*_: object) -> int:
        began.set()
        time.sleep(0.5)
        finished.set()
        return 0

    monkeypatch.setattr(login_counts, "prune", slow)
    async with TestServer(create_app(config, store)):
        await asyncio.to_thread(began.wait, 5)
    assert finished.is_set()
