"""The board's month, as `mentiondesk report` gives it: its `--help`, and CSAT and NPS counted
in the desk's days (São Paulo, UTC−3), rounded as a spreadsheet rounds them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from rich.console import Console
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.cli_report import print_report
from mentiondesk.config import Config
from mentiondesk.period import days_from
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def test_report_help_writes_the_day_once_angled(config: Config) -> None:
    # "<<yyyy-mm-dd>>": the angle brackets were doubled around --since's value.
    args = ["--config", str(config.path), "report", "--help"]
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "<<" not in result.output and ">>" not in result.output
    assert "--since" in result.output and "<yyyy-mm-dd|dd/mm/yyyy>" in result.output


def test_november_in_sao_paulo_counts_its_last_evening(store: Store) -> None:
    # 30 Nov at 23:50 in São Paulo is 1 Dec 02:50 UTC: November's. 31 Oct at 23:00 there is
    # 1 Nov 02:00 UTC: October's. NPS of 3 promoters and 4 detractors of 8 is −12.5: −13.
    at = datetime(2026, 11, 20, 12, tzinfo=UTC)
    answers = [("csat", s, at) for s in (5, 4, 3, 2, 1, 5, 4)]
    answers += [("nps", s, at) for s in (10, 9, 5, 6, 7, 3, 10)]
    answers += [("csat", 5, datetime(2026, 12, 1, 2, 50, tzinfo=UTC))]
    answers += [("nps", 0, datetime(2026, 12, 1, 2, 50, tzinfo=UTC))]
    answers += [("csat", 1, datetime(2026, 11, 1, 2, 0, tzinfo=UTC))]
    answers += [("nps", 10, datetime(2026, 12, 1, 3, 0, tzinfo=UTC))]  # 1 Dec 00:00 there
    with store.engine.begin() as conn:
        rows = [{"kind": k, "score": s, "answered_at": t} for k, s, t in answers]
        conn.execute(sa.insert(SURVEY), rows)
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    month = days_from(date(2026, 11, 1), days=30, now=now, zone=SAO_PAULO)
    data = period_report(store, month, now=now, zone=SAO_PAULO)
    assert data["csat"] == {"percent": 62.5, "shown": 63, "answers": 8, "small_sample": True}
    assert (data["nps"]["score"], data["nps"]["answers"]) == (-12.5, 8)
    exact = period_report(store, month, now=now, zone=SAO_PAULO, exact=True)
    console = Console(width=120, record=True)
    print_report(console, exact, running=False)
    text = console.export_text()
    assert "2026-11-01 – 2026-11-30, 30 days in America/Sao_Paulo" in text
    csat = next(line for line in text.splitlines() if "CSAT" in line)
    nps = next(line for line in text.splitlines() if "NPS" in line)
    assert "63%" in csat and "8 answers" in csat
    assert "-13" in nps and "8 answers" in nps
