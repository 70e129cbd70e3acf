"""What the App logs about its sources across the catch-up and listening: a source down
during the catch-up is said once, not again when listening starts."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from listener._poll import Backoff
from mentiondesk.models import Batch, TransientError
from mentiondesk.pipeline import App
from tests.helpers import config_for


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
