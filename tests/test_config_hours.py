"""[desk] business_hours: read into a calendar, or start-up stops naming the key and the fix."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from mentiondesk.config import DeskSection, load_config
from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, desk: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    db = f"sqlite:///{tmp_path / 'd.db'}"
    return write_config(tmp_path, db_url=db, samples=samples, extra=f"\n[desk]\n{desk}\n")


def test_business_hours_read_in_the_desks_zone(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        'timezone = "Europe/Lisbon"\n'
        "[desk.business_hours]\n"
        'days = "mon-sat"\nopen = 08:30:00\nclose = "17:00"\n'
        'holidays = ["2026-12-25", 2027-01-01]\n',
    )
    hours = load_config(path).business_hours
    assert hours is not None and hours.describe() == "Mon–Sat 08:30–17:00"
    assert str(hours.zone) == "Europe/Lisbon"
    assert hours.holidays == frozenset({date(2026, 12, 25), date(2027, 1, 1)})


def test_without_them_the_desk_counts_the_clock_only(tmp_path: Path) -> None:
    assert load_config(_config(tmp_path, 'timezone = "UTC"')).business_hours is None


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('{ days = "mon-fry", open = "09:00", close = "18:00" }', '"mon-fri", "mon-sat"'),
        ('{ open = "9h", close = "18:00" }', 'write it as "HH:MM"'),
        ('{ open = "09:00", close = "25:00" }', 'write it as "HH:MM"'),
        ('{ open = "22:00", close = "06:00" }', "must be after open"),
        ('{ open = "09:00", close = "18:00", holidays = ["25/12/2026"] }', '"YYYY-MM-DD"'),
        ('{ open = "09:00", close = "18:00", holiday = ["2026-12-25"] }', "'holidays'"),
        ('{ open = "09:00" }', "required key is missing"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_key(tmp_path: Path, value: str, says: str) -> None:
    code, output = run_cli(_config(tmp_path, f"business_hours = {value}"), "check-config")
    assert code == 2, output
    assert "desk.business_hours" in output and says in output


def test_the_shipped_config_shows_them_ready_to_uncomment() -> None:
    shipped = (Path(__file__).parent.parent / "config.toml").read_text(encoding="utf-8")
    block = shipped[shipped.index("# [desk]") :].split("\n\n")[0]
    uncommented = "\n".join(line.removeprefix("# ") for line in block.splitlines())
    desk = DeskSection.model_validate(tomllib.loads(uncommented)["desk"])
    assert desk.business_hours is not None
    hours = desk.business_hours.calendar(desk.timezone)
    assert hours.describe() == "Mon–Fri 09:00–18:00" and date(2026, 12, 25) in hours.holidays
