"""`[desk] timezone` written as an offset ("GMT-3"): the hint must not put the desk hours off.

The zone database's Etc/GMT zones have POSIX's inverted sign (Etc/GMT-3 is UTC+3): the old
hint echoed the operator's sign, and following it put a Brazilian desk six hours off."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import write_config, write_mentions


def _problem(tmp_path: Path, zone: str) -> str:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f'\n[desk]\ntimezone = "{zone}"\n'
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def _offset_of(zone: str) -> timedelta | None:
    return datetime(2026, 1, 15, 12, tzinfo=ZoneInfo(zone)).utcoffset()


@pytest.mark.parametrize(
    ("written", "hours", "city"),
    [
        ("GMT-3", -3, "America/Sao_Paulo"),
        ("UTC-3", -3, "America/Sao_Paulo"),
        ("UTC−03:00", -3, "America/Sao_Paulo"),  # a typographic minus, copied from a page
        ("GMT+0", None, None),  # a real zone name: loads, no hint needed
        ("UTC+1", 1, "Europe/Lisbon"),
        ("GMT+9", 9, None),
    ],
)
def test_an_offset_as_timezone_suggests_a_city_and_the_correctly_signed_etc_zone(
    tmp_path: Path, written: str, hours: int | None, city: str | None
) -> None:
    if hours is None:
        samples = write_mentions(tmp_path / "m.jsonl", [])
        extra = f'\n[desk]\ntimezone = "{written}"\n'
        load_config(write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra))
        return
    said = _problem(tmp_path, written)
    assert f"desk.timezone: {written!r} is a UTC offset, not a time zone name" in said
    if city:
        assert f'e.g. "{city}"' in said
    etc = re.search(r'"(Etc/GMT[+-]\d+)" \(its sign is inverted: \1 is UTC([+-]\d+)\)', said)
    assert etc, said
    # Every Etc zone the hint names is the offset the operator wrote, not its mirror.
    assert _offset_of(etc[1]) == timedelta(hours=hours) and int(etc[2]) == hours


def test_no_hint_names_an_etc_zone_of_the_opposite_sign(tmp_path: Path) -> None:
    said = _problem(tmp_path, "GMT-3")
    assert "Etc/GMT-3" not in said  # UTC+3: six hours off for someone at UTC-3


@pytest.mark.parametrize("written", ["GMT+5:30", "UTC+5:45", "GMT3"])
def test_an_offset_with_no_etc_zone_or_no_sign_names_a_city_only(
    tmp_path: Path, written: str
) -> None:
    said = _problem(tmp_path, written)
    assert "is a UTC offset, not a time zone name; write your city's zone" in said
    assert "Etc/GMT" not in said and 'e.g. "GMT"' not in said
