"""`run`'s summary says what is stored and not read yet (a stop mid catch-up, the classifier
failing): those mentions are in none of its counts, so a backlog must not read as a quiet day."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from mentiondesk.cli_render import print_summary
from mentiondesk.config import Config
from mentiondesk.pipeline import App
from mentiondesk.report import report
from tests.helpers import COMPLAINT, config_for, mention


def _summary(config: Config, app: App) -> str:
    console = Console(record=True, width=120)
    print_summary(console, report(app.store), config, new=app.processor.processed)
    return console.export_text()


async def test_a_run_stopped_mid_catch_up_says_what_waits_unread(tmp_path: Path) -> None:
    posts = [mention(i, COMPLAINT, author=f"a{i}") for i in range(12)]
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", posts, batch_size=5)
    async with App(config) as app:

        def stop_after_the_first(done: int, _total: int | None) -> None:
            if done:
                app.stop_event.set()  # Ctrl-C while the first batch is read

        await app.run_once(on_progress=stop_after_the_first)
        said = _summary(config, app)
    assert "  Mentions read             5   (5 new in this run)" in said
    assert "  Not read yet              7   (stored; in none of these counts until read)" in said


async def test_nothing_is_said_when_everything_was_read(tmp_path: Path) -> None:
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 's.db'}", [mention(1, COMPLAINT)])
    async with App(config) as app:
        await app.run_once()
        said = _summary(config, app)
    assert "  Mentions read             1   (1 new in this run)" in said
    assert "Not read yet" not in said
