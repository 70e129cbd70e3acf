"""`[desk] business_hours` slips that read as night shifts: open and close swapped
("18:00"/"09:00") or close on a 12-hour clock ("9:00"/"6:00"). They stay valid (night
shifts are real), but check-config shows how the hours were read and warns, as `run` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, hours: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f'\n[desk]\nenabled = false\ntimezone = "America/Sao_Paulo"\nbusiness_hours = {hours}\n'
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)


SWAPPED = '{ days = "mon-fri", open = "18:00", close = "09:00" }'
TWELVE_HOUR = '{ days = "mon-fri", open = "9:00", close = "6:00" }'
NIGHT = '{ days = "mon-fri", open = "20:00", close = "02:00" }'


@pytest.mark.parametrize(
    ("hours", "read", "warned"),
    [
        (
            SWAPPED,
            "Mon–Fri 18:00–09:00",
            "18:00-09:00 is read as a 15-hour night shift (past midnight); did you mean "
            'open = "09:00", close = "18:00" (open and close swapped)?',
        ),
        (
            TWELVE_HOUR,
            "Mon–Fri 09:00–06:00",
            "09:00-06:00 is read as a 21-hour night shift (past midnight); did you mean "
            'open = "09:00", close = "18:00" (the 24-hour clock)?',
        ),
    ],
)
def test_check_config_shows_the_hours_read_and_warns_of_a_long_night_shift(
    tmp_path: Path, hours: str, read: str, warned: str
) -> None:
    code, output = run_cli(_config(tmp_path, hours), "check-config")
    assert code == 0, output  # a warning, not an error
    assert f"business hours: {read} (America/Sao_Paulo)" in output
    assert f"warning: desk.business_hours: {warned}" in output


def test_a_genuine_night_shift_is_shown_without_a_warning(tmp_path: Path) -> None:
    code, output = run_cli(_config(tmp_path, NIGHT), "check-config")
    assert code == 0 and "business hours: Mon–Fri 20:00–02:00 (America/Sao_Paulo)" in output
    assert "night shift" not in output


def test_a_shift_per_day_names_the_day_key_and_its_fix(tmp_path: Path) -> None:
    hours = '{ hours = { "mon-fri" = "08:00-17:00", sat = "9:00-1:00" } }'
    code, output = run_cli(_config(tmp_path, hours), "check-config")
    said = " ".join(output.split())
    assert code == 0 and "business hours: Mon–Fri 08:00–17:00, Sat 09:00–01:00" in said
    assert (
        "warning: desk.business_hours: 'sat': 09:00-01:00 is read as a 16-hour night shift (past "
        'midnight); did you mean "sat" = "09:00-13:00" (the 24-hour clock)? Kept as written'
    ) in said
    assert said.count("night shift") == 1  # 08:00-17:00 is no night shift


def test_run_warns_of_a_long_night_shift_at_start(tmp_path: Path) -> None:
    code, output = run_cli(_config(tmp_path, TWELVE_HOUR), "run", "--once")
    assert code == 0, output
    assert "WARNING" in output and "desk.business_hours: 09:00-06:00 is read as a 21-hour" in output
