"""[desk] business_hours: read into a calendar, or start-up stops naming the key and the fix."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from mentiondesk.config import DeskSection, load_config
from tests.docs_text import page
from tests.helpers import run_cli, shipped_desk, write_config, write_mentions


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


def test_a_shift_per_day_and_past_midnight(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        'timezone = "America/Sao_Paulo"\n'
        "[desk.business_hours]\n"
        'hours = { "mon-fri" = "08:00-18:00", sat = "09:00–13:00", sun = "20:00-02:00" }\n'
        'holidays = ["2026-11-20"]\n',
    )
    hours = load_config(path).business_hours
    assert hours is not None and hours.holidays == frozenset({date(2026, 11, 20)})
    assert hours.describe() == "Mon–Fri 08:00–18:00, Sat 09:00–13:00, Sun 20:00–02:00"
    # The same hours every day may run past midnight too.
    night = _config(tmp_path, 'business_hours = { open = "20:00", close = "02:00" }')
    assert (hours := load_config(night).business_hours) is not None
    assert hours.describe() == "Mon–Fri 20:00–02:00"


def test_split_shifts_a_list_per_day(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        'timezone = "America/Sao_Paulo"\n'
        "[desk.business_hours]\n"
        'hours = { "mon-fri" = ["13:00-18:00", "08:00-12:00"], sat = ["09:00-13:00"], '
        'sun = ["10:00-12:00", "20:00-02:00"] }\n',
    )
    hours = load_config(path).business_hours
    assert hours is not None and hours.week[0] == ((480, 720), (780, 1080))  # in their order
    assert hours.describe() == (
        "Mon–Fri 08:00–12:00 and 13:00–18:00, Sat 09:00–13:00, Sun 10:00–12:00 and 20:00–02:00"
    )


def test_without_them_the_desk_counts_the_clock_only(tmp_path: Path) -> None:
    assert load_config(_config(tmp_path, 'timezone = "UTC"')).business_hours is None


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('{ hours = { "mon-fry" = "08:00-18:00" } }', "cannot read 'mon-fry'"),
        ('{ hours = { "mon-fri" = "8-18" } }', 'write it as "HH:MM-HH:MM"'),
        ('{ hours = { "mon-fri" = "08:00-08:00" } }', "'08:00-08:00' is not a shift"),
        ('{ hours = { "mon-fri" = "08:00-18:00", fri = "08:00-12:00" } }', "fri is in both"),
        (
            '{ hours = { fri = "20:00-10:00", sat = "09:00-13:00" } }',
            """fri's shift "20:00-10:00" runs to 10:00 on sat, after sat's shift opens at 09:00""",
        ),
        (  # a split day's shifts one after another
            '{ hours = { "mon-fri" = ["08:00-13:00", "12:00-18:00"] } }',
            """'mon-fri': "08:00-13:00" and "12:00-18:00" overlap; end the first by 12:00 or """
            "open the second at 13:00 or later",
        ),
        ('{ hours = { sat = ["09:00-13:00", "09:00-13:00"] } }', "'sat': \"09:00-13:00\" and"),
        (
            '{ hours = { "mon-fri" = ["20:00-02:00", "22:00-23:00"] } }',
            """'mon-fri': "20:00-02:00" runs past midnight, over "22:00-23:00"; a night shift """
            "must be the day's last",
        ),
        (  # Friday's night shift into Saturday's first, however its day is split
            '{ hours = { fri = ["08:00-12:00", "20:00-10:00"], sat = ["09:00-13:00", '
            '"14:00-16:00"] } }',
            """fri's shift "20:00-10:00" runs to 10:00 on sat, after sat's shift opens at 09:00""",
        ),
        ('{ hours = { "mon-fri" = [] } }', "'mon-fri': no shift in the list"),
        ('{ hours = { "mon-fri" = ["08:00-12:00", "13-18"] } }', "'13-18' is not a shift"),
        ('{ hours = { "mon-fri" = ["08:00-12:00", 13] } }', "13 is not a shift"),
        ('{ hours = { "mon-fri" = "08:00-18:00", fri = "08:00-12:00" } }', "its shifts in a list"),
        ("{ hours = {} }", "write a shift per day"),
        ('{ hours = "mon-fri 08:00-18:00" }', "write a shift per day"),
        ('{ days = "mon-fri", hours = { sat = "09:00-13:00" } }', "days and hours both set"),
        ('{ open = "09:00", close = "18:00", hours = { sat = "09:00-13:00" } }', "write the week"),
        ('{ days = "mon-fry", open = "09:00", close = "18:00" }', '"mon-fri", "mon-sat"'),
        ('{ open = "9h", close = "18:00" }', 'write it as "HH:MM"'),
        ('{ open = "09:00", close = "25:00" }', 'write it as "HH:MM"'),
        ('{ open = "09:00", close = "9:00" }', "a shift needs a length"),
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
    desk = shipped_desk()
    assert desk.business_hours is not None
    hours = desk.business_hours.calendar(desk.timezone)
    assert hours.describe() == "Mon–Fri 09:00–18:00" and date(2026, 12, 25) in hours.holidays


def test_the_readmes_split_shift_example_reads_as_it_says() -> None:
    desk_page = page("docs/desk.md")
    example = desk_page[desk_page.index("A day of several shifts") :].split("```toml\n")[1]
    desk = DeskSection.model_validate(tomllib.loads(example.split("```")[0])["desk"])
    assert desk.business_hours is not None
    hours = desk.business_hours.calendar(desk.timezone)
    assert hours.describe() == "Mon–Fri 08:00–12:00 and 13:00–18:00, Sat 09:00–13:00"
