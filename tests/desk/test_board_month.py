"""A board's month: `mentiondesk report --month`, a calendar month in the desk's zone (Lisbon,
whose summer time ends inside October) with its trend on the month before; and the volume by
channel and language the dashboard's bars show, in the report too."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config, load_config
from mentiondesk.period import calendar_month
from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.desk.seed import add, dated_case, write_config

LISBON = 'timezone = "Europe/Lisbon"\nlanguage = "pt-PT"'


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=LISBON))


def _run(config: Config, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config.path), "report", *args])
    return result.exit_code, result.output


def _json(config: Config, *args: str) -> dict[str, Any]:
    code, output = _run(config, "--format", "json", *args)
    assert code == 0, output
    data: dict[str, Any] = json.loads(output)
    return data


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _seed_autumn(store: Store) -> None:
    """October 2025 in Lisbon (summer time ends Sunday the 26th): three complaints in it, one
    the night before it and one the night after it (UTC days that are Lisbon's other month);
    September has two, 31 August one (in the 30 days before October, not in September)."""
    for stamp in (
        "2025-09-30 23:30",  # 1 Oct 00:30 WEST
        "2025-10-15 10:00",
        "2025-10-31 23:30",  # 31 Oct 23:30 WET
        "2025-11-01 00:30",  # November
        "2025-09-15 10:00",
        "2025-09-29 22:30",  # 29 Sep 23:30 WEST
        "2025-08-31 10:00",
    ):
        dated_case(store, _utc(stamp), status="closed", ingested=True)


def test_a_month_is_lisbons_calendar_month_with_its_trend_on_the_month_before(
    config: Config, store: Store
) -> None:
    _seed_autumn(store)
    data = _json(config, "--month", "2025-10")
    assert data["period"] == {
        "first_day": "2025-10-01",
        "last_day": "2025-10-31",
        "days": 31,
        "timezone": "Europe/Lisbon",
    }
    assert data["cases_total"] == 3
    # September's two, by hand: not 31 August, which 31 days before October would take in.
    assert data["complaint_cases"] == {"cases": 3, "previous_period": 2}
    assert data["complaint_reasons"] == [{"reason": "delivery", "cases": 3, "previous_period": 2}]
    assert _json(config, "--month", "10/2025") == data  # day first, as Portugal writes it
    code, text = _run(config, "--month", "2025-10", "--format", "plain")
    assert code == 0, text
    assert "01/10/2025 a 31/10/2025" in text
    assert "+50%" in text  # 3 against 2


def test_a_month_under_way_runs_to_now_and_a_month_to_come_is_refused(config: Config) -> None:
    now = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)  # Lisbon's summer time began at 01:00
    lisbon = ZoneInfo("Europe/Lisbon")
    march = calendar_month(now.date(), now=now, zone=lisbon)
    assert (march.first_day.isoformat(), march.days, march.until, march.before) == (
        "2026-03-01",
        29,
        None,
        None,
    )
    february = calendar_month(datetime(2026, 2, 10).date(), now=now, zone=lisbon)
    assert february.days == 28
    assert february.until == datetime(2026, 3, 1, tzinfo=lisbon)
    assert february.previous_since(february.span(now)) == datetime(2026, 1, 1, tzinfo=lisbon)
    later = f"{datetime.now(UTC).year + 1}-01"
    assert _run(config, "--month", later)[0] == 2
    assert _run(config, "--month", "2025-13")[0] == 2
    assert _run(config, "--month", "2025-10", "--days", "7")[0] == 2


def _seed_channels(store: Store) -> None:
    """Two on Bluesky in Portuguese, one on X whose language the detector could not tell."""
    for platform, lang in (("bluesky", "pt"), ("bluesky", "pt"), ("x", "und")):
        mention, _, _ = add(store, "a encomenda não chegou", platform=platform, draft=None)
        with store.engine.begin() as conn:
            where = READING.c.mention_id == mention
            conn.execute(sa.update(READING).where(where).values(lang=lang))


def test_the_report_has_the_dashboards_volume_by_channel_and_language(
    config: Config, store: Store
) -> None:
    _seed_channels(store)
    data = _json(config, "--days", "7")
    assert data["by_platform"] == {"bluesky": 2, "x": 1}
    assert data["by_language"] == {"pt": 2, "und": 1}
    assert sum(data["by_platform"].values()) == sum(data["by_language"].values())
    assert sum(data["by_platform"].values()) == data["mentions"]
    code, text = _run(config, "--days", "7", "--format", "plain", "--lang", "pt-PT")
    assert code == 0, text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "plataforma: Bluesky 2" in lines
    assert "idioma: português 2" in lines
    assert "idioma: não identificado 1" in lines
    code, sheet = _run(config, "--days", "7", "--format", "csv", "--lang", "pt-PT")
    rows = list(csv.reader(io.StringIO(sheet.lstrip("\ufeff")), delimiter=";"))
    assert ["Menções", "plataforma: X", "1", ""] in rows
    assert ["Menções", "idioma: português", "2", ""] in rows
    english = _run(config, "--days", "7", "--format", "plain", "--lang", "en")[1]
    assert "platform: Bluesky" in english


def test_the_portuguese_report_writes_the_ordinal_as_the_portuguese_desk(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    hours = 'business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }'
    config = load_config(write_config(tmp_path, db_url, desk=f"{LISBON}\n{hours}"))
    _seed_channels(store)
    text = _run(config, "--days", "7", "--format", "plain", "--lang", "pt-PT")[1]
    assert "1ª" not in text  # Brazil's ordinal
    assert "1.ª resposta: mediana (p50)" in text
    assert "TMR (tempo médio da 1.ª resposta)" in text
    assert "1.ª resposta, seg–sex 09:00–18:00" in text
    brazil = _run(config, "--days", "7", "--format", "plain", "--lang", "pt-BR")[1]
    assert "1ª resposta: mediana (p50)" in brazil
