"""`store purge --dry-run` counts only: where there is no store yet (a mistyped `[store] url`)
it makes none and says so, as the other commands that only show what is stored do."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import complaint_and_praise, run_cli


def test_a_dry_run_makes_no_store_where_there_is_none(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)  # sqlite:///desk.db, beside the config
    code, output = run_cli(config, "store", "purge", "--dry-run", "--days", "30")
    assert code == 2, output
    assert f"there is no store at {tmp_path / 'desk.db'} yet" in output
    assert not (tmp_path / "desk.db").exists()


def test_a_dry_run_counts_once_the_store_is_there(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "store", "purge", "--dry-run", "--days", "30")
    assert code == 0, output
    assert "Older than 30 days, a purge would erase:" in output
