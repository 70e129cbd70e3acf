"""Two `mentiondesk run`s on one store: the App polls each source under its lease
(source_lease), so the second run skips the source the first holds, and once the first has
stopped (its lease handed back) the next run reads on from the stored cursor at once."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from mentiondesk.models import Batch, Mention
from mentiondesk.pipeline import App
from responders.console import ConsoleResponder
from tests.helpers import config_for, mention

NAME = "x-search"


class Recording:
    """A source that says which cursor each poll was asked from, and hands `page` back."""

    poll_seconds = 60.0

    def __init__(self, cursor: str | None = None, mentions: Sequence[Mention] = ()) -> None:
        self.name = NAME
        self.page = Batch(mentions=mentions, cursor=cursor)
        self.asked: list[str | None] = []
        self.closed = False

    async def poll(self, cursor: str | None) -> Batch:
        self.asked.append(cursor)
        return self.page

    async def close(self) -> None:
        self.closed = True


@pytest.mark.postgres
async def test_two_runs_on_one_store_poll_a_source_once(tmp_path: Path, pg_url: str) -> None:
    """The App's pollers go through the leases: the second run skips the source the first
    holds, and once the first has stopped the next run reads on from its cursor."""
    config = config_for(tmp_path, pg_url, [])
    sources = [Recording("100", [mention(1)]), Recording("200"), Recording("300")]
    console = {"console": ConsoleResponder("console", out=io.StringIO())}
    first = App(config, sources=[sources[0]], responders=console)  # type: ignore[list-item]
    second = App(config, sources=[sources[1]], responders=console)  # type: ignore[list-item]
    async with first, second:
        await first.run_once()
        await second.run_once()
    async with App(config, sources=[sources[2]], responders=console) as third:  # type: ignore[list-item]
        await third.run_once()
        assert third.store.cursor(NAME) == "300"
    assert [s.asked for s in sources] == [[None], [], ["100"]]
