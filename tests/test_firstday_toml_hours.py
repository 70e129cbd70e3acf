"""Business hours typed without quotes, as a team says them (`open = 9h`, `business_hours =
9h-18h`, `holidays = [25/12/2026]`): TOML cannot read them, and the line to write is the
hours as text ("09:00", the table, "2026-12-25"), not the number 9 that "no unit after a
number" would leave and the next check would refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import write_config, write_mentions


def _said(tmp_path: Path, desk: str) -> str:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f"\n[desk]\n{desk}\n"
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as raised:
        load_config(path, secrets=False)
    return str(raised.value)


@pytest.mark.parametrize(
    ("desk", "write"),
    [
        (
            "business_hours = 9h-18h",
            'write: business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }',
        ),
        (
            'business_hours = { days = "mon-fri", open = 9h, close = 18h30 }',
            'write: business_hours = { days = "mon-fri", open = "09:00", close = "18:30" }',
        ),
        (
            "[desk.business_hours]\nopen = 9h\nclose = 18h",
            'reads: open = 9h; write: open = "09:00"',
        ),
        (
            'business_hours = { hours = { "mon-fri" = 9h-18h, sat = 9h-13h } }',
            'write: business_hours = { hours = { "mon-fri" = "09:00-18:00", sat = '
            '"09:00-13:00" } }',
        ),
        (
            'business_hours = { open = "09:00", close = "18:00", holidays = [25/12/2026, '
            "1/1/2027] }",
            'holidays = ["2026-12-25", "2027-01-01"] }',
        ),
    ],
)
def test_hours_without_quotes_are_written_back_as_hours(
    tmp_path: Path, desk: str, write: str
) -> None:
    said = _said(tmp_path, desk)
    assert "not valid TOML" in said
    assert "is text in quotes" in said or "are a table of days, open and close" in said
    assert write in said


def test_a_number_with_a_unit_elsewhere_keeps_its_own_hint(tmp_path: Path) -> None:
    # `port = 8080h` is no clock: the unit after a number is what is wrong there.
    said = _said(tmp_path, "port = 8080h")
    assert "a number is written alone, without a unit" in said and "write: port = 8080" in said
