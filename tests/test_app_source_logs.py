"""What the App logs about its sources across the catch-up and listening: a source stopped
or down during the catch-up is said once, not again when listening starts, and a task's
failure is logged without the words (tokens, a mention's text) its message may quote."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from listener._poll import Backoff
from mentiondesk.models import Batch, FatalError, TransientError
from mentiondesk.pipeline import App
from tests.helpers import config_for

TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI"
MENTION_TEXT = "my Lumora lamp set my curtains on fire"


class Revoked:
    """Every poll refused for good, the library quoting the token."""

    name = "x"
    poll_seconds = 60.0

    def __init__(self) -> None:
        self.polls = 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        raise FatalError(f"x mentions: 401 Unauthorized for ?bearer={TOKEN}; token {TOKEN}")

    async def close(self) -> None:
        return None


class Down:
    """A platform that does not answer; the app is stopped after `polls` tries."""

    name = "mastodon"
    poll_seconds = 60.0

    def __init__(self, app: App, polls: int) -> None:
        self.app, self.left = app, polls

    async def poll(self, cursor: str | None) -> Batch:
        await asyncio.sleep(0)
        self.left -= 1
        if self.left <= 0:
            self.app.stop_event.set()
        raise TransientError("mastodon mentions: status 503")

    async def close(self) -> None:
        return None


def _said(caplog: pytest.LogCaptureFixture, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


async def test_a_source_stopped_during_the_catch_up_is_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    source = Revoked()
    with caplog.at_level(logging.DEBUG):
        async with App(config, sources=[source]) as app:  # type: ignore[list-item]
            await app.run_once()
            await app.start()
            await asyncio.sleep(0.05)
            (health,) = app.source_health()
            await app.stop()
    assert source.polls == 1  # not polled again when listening started
    assert len(_said(caplog, "stopped until restart")) == 1
    assert health.stopped and health.error == "FatalError"
    assert TOKEN not in caplog.text


async def test_a_source_down_through_catch_up_and_listening_is_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_wait(self: Backoff) -> float:
        self.failures += 1
        return 0.0

    monkeypatch.setattr(Backoff, "next_delay", no_wait)
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    app = App(config)
    app._sources = [Down(app, polls=20)]  # type: ignore[list-item]
    with caplog.at_level(logging.WARNING):
        async with app:
            await app.run_once(listening_next=True)
            await app.start()
            await asyncio.wait_for(app.stop_event.wait(), 5)
            await app.stop()
    assert len(_said(caplog, "is failing")) == 1
    (gave_up,) = _said(caplog, "keeps failing")
    assert gave_up.endswith("catch-up goes on without it; retrying while listening")


async def test_a_failed_task_is_logged_by_class_and_scrubbed_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def fails() -> None:
        raise RuntimeError(
            f"(psycopg.errors.X) insert refused for ?api_key={TOKEN}\n[SQL: INSERT INTO "
            f"mentions (text) VALUES (%s)]\n[parameters: ('{MENTION_TEXT}',)]"
        )

    app: Any = App.__new__(App)  # only what _join reads
    with caplog.at_level(logging.ERROR):
        await app._join([asyncio.create_task(fails(), name="processor")])
    (said,) = [r.getMessage() for r in caplog.records]
    assert said.startswith("task processor ended with RuntimeError: (psycopg.errors.X) insert")
    assert TOKEN not in said and MENTION_TEXT not in said and "api_key" not in said
