"""`outbox list` on a crisis day: alerts only waiting their turn at a chat's pace (Slack, 1 a
second) were each listed under "Last errors:" as "not tried: paced: …", so thousands read as
a chat failing. They are one line per chat now, counted in the store however many the table
shows; a real failure is still listed under "Last errors:"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.store import Store
from tests.helpers import run_cli, write_config, write_mentions
from tests.test_crisis_paced_summary import _queue


@pytest.fixture
def listed(tmp_path: Path) -> tuple[Path, Store]:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    config = write_config(tmp_path, db_url=url, samples=write_mentions(tmp_path / "m.jsonl", []))
    store = Store(url)
    store.create_all()
    return config, store


def test_paced_alerts_are_one_line_not_errors(listed: tuple[Path, Store]) -> None:
    config, store = listed
    _queue(store, "teams", "ClientConnectorError: teams unreachable", 1)  # waiting longest
    _queue(store, "slack", "not tried: paced: 1 per 1 s", 120)
    store.dispose()

    code, output = run_cli(config, "outbox", "list", "--limit", "5")
    assert code == 0, output

    assert "120 alerts are queued for slack at its pace: none failed" in output
    errors = output.split("Last errors:")[1]
    assert "paced" not in errors and "teams unreachable" in errors


def test_held_listing_says_nothing_of_paced_ones(listed: tuple[Path, Store]) -> None:
    config, store = listed
    _queue(store, "slack", "not tried: paced: 1 per 1 s", 2)
    store.dispose()
    code, output = run_cli(config, "outbox", "list", "--held")
    assert code == 0, output
    assert "at its pace" not in output and "paced" not in output
