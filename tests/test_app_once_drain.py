"""`run --once` drains the outbox at its end, with no grace of its own: a stop asked for then
(Ctrl-C, SIGTERM) bounds that drain by `[outbox] stop_grace_seconds`, as a stop's drain is,
and the rest stays pending, untried, for the next run, which sends each action once."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa

from mentiondesk.models import OutboxAction, Pace, Receipt
from mentiondesk.pipeline import App
from mentiondesk.tables import OUTBOX
from tests.helpers import COMPLAINT, config_for, mention
from tests.test_pipeline import Recorder

N = 12


class StopsOnFirst(Recorder):
    """A chat during whose first send the process is asked to stop."""

    def __init__(self, name: str, app: list[App]) -> None:
        super().__init__(name)
        self.app = app

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.app[0].stop_event.set()  # what `mentiondesk run`'s SIGTERM handler does
        return await super().deliver(action)


def _outbox(app: App) -> list[tuple[str, int]]:
    with app.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(OUTBOX.c.status, OUTBOX.c.attempts))]


async def test_a_stop_during_the_last_drain_of_run_once_keeps_to_the_grace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mentions = [mention(i, COMPLAINT, author=f"a{i}") for i in range(N)]
    extra = "\n[outbox]\nstop_grace_seconds = 0\nbatch_size = 2\n"
    config = config_for(tmp_path, f"sqlite:///{tmp_path}/desk.db", mentions, extra=extra)
    holder: list[App] = []
    chat, cases = StopsOnFirst("console", holder), Recorder("cases")
    async with App(config, responders={"console": chat, "cases": cases}) as app:
        holder.append(app)

        async def no_first_pass(*args: object, **kwargs: object) -> None:
            return None  # all is left to the last drain, whatever the processing's pace

        monkeypatch.setattr(app.outbox, "run", no_first_pass)
        await app.run_once()
        statuses = _outbox(app)
    total = len(statuses)
    sent = len(chat.delivered) + len(cases.delivered)
    # The batch in hand (2) is finished; no more is taken (before: all of them were sent).
    assert 0 < sent <= 2 < total
    assert sorted(statuses) == [("done", 1)] * sent + [("pending", 0)] * (total - sent)

    again_chat, again_cases = Recorder("console"), Recorder("cases")
    async with App(config, responders={"console": again_chat, "cases": again_cases}) as app:
        await app.run_once()  # the next run: the rest, each once
        assert {s for s, _ in _outbox(app)} == {"done"}
    keys = [a.key for r in (chat, cases, again_chat, again_cases) for a in r.delivered]
    assert len(keys) == total and set(Counter(keys).values()) == {1}


class SlowChat(Recorder):
    pace: ClassVar[Pace] = Pace(per=1, seconds=60.0)  # one alert a minute


async def test_the_catch_up_before_listening_leaves_paced_turns_to_the_listening(
    tmp_path: Path,
) -> None:
    """`mentiondesk run` catches up, then listens: its last drain must not wait out a paced
    sink's turns (a backlog at one a minute held every source unpolled for minutes)."""
    mentions = [mention(i, COMPLAINT, author=f"a{i}") for i in range(3)]
    extra = "\n[outbox]\nlease_seconds = 90\nstop_grace_seconds = 2\n"
    config = config_for(tmp_path, f"sqlite:///{tmp_path}/desk.db", mentions, extra=extra)
    chat = SlowChat("console")
    async with App(config, responders={"console": chat, "cases": Recorder("cases")}) as app:
        await asyncio.wait_for(app.run_once(listening_next=True), 30)  # a hang guard only
        statuses = Counter(status for status, _ in _outbox(app))
    assert len(chat.delivered) < 3 and statuses["pending"] == 3 - len(chat.delivered)
