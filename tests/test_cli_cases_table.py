"""`cases list` at 80 columns: nothing cut to "negat…", and the frustration shown is the
case's highest, which a follow-up may have raised (as it raises the priority)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions
from tests.test_follow_ups import ANGRY


def _cases(config: Path, columns: int) -> str:
    result = CliRunner().invoke(
        app, ["--config", str(config), "cases", "list"], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _ran(tmp_path: Path, db_url: str = "sqlite:///desk.db") -> Path:
    """A case opened by a complaint (mention 1) that a second one (mention 2) joined."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT), mention(2, ANGRY)])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def test_cases_list_at_80_columns_cuts_nothing(tmp_path: Path) -> None:
    shown = _cases(_ran(tmp_path), 80)
    assert "…" not in shown and max(len(line) for line in shown.splitlines()) <= 80
    assert "MD-000001 +1" in shown and "mention 1" in shown and "local:MD-000001" in shown
    assert "negative/" in shown and "2026-11-10" in shown and "times in UTC" in shown


def test_cases_list_shows_the_highest_frustration_of_the_case(tmp_path: Path, db_url: str) -> None:
    config = _ran(tmp_path, db_url)
    store = Store(load_config(config).store_url())
    with store.engine.begin() as conn:  # the opening mention calm, the follow-up furious
        conn.execute(sa.update(READING).where(READING.c.mention_id == 1).values(frustration=0))
        conn.execute(sa.update(READING).where(READING.c.mention_id == 2).values(frustration=3))
    store.dispose()
    row = next(line for line in _cases(config, 120).splitlines() if "MD-000001" in line)
    assert row.split()[4] == "3", row  # case, +1, priority, reading, frustration
