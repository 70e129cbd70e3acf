"""`run --once` (a desk run from cron) keeps `[store] retain_days` too: the daily purge only
runs in a listening service, so each single run purges once at its end."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUDIT, CASE
from tests import test_retention as base
from tests.helpers import run_cli

desk = base.desk  # the fixture: Ana's case MD-000001, Bia's praise with draft 2 pending
_age, _holding, _rows = base._age, base._holding, base._rows


def test_a_single_run_purges_finished_work_older_than_retain_days(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)  # 100 days old, retain_days = 30
    assert run_cli(desk, "run", "--once")[0] == 0
    for text in base.ANA:
        assert _holding(db_url, text) == [], text
    audit = _rows(db_url, sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail))[-1]
    assert audit[:2] == ("retention", "purge") and "1 case, 2 mentions" in audit[2]
    assert _rows(db_url, sa.select(CASE.c.status)) == [("resolved",)]  # the figures stay
    assert _holding(db_url, base.PRAISE) != []  # Bia's draft still waits for a person


def test_a_single_run_without_retain_days_keeps_everything(desk: Path, db_url: str) -> None:
    desk.write_text(desk.read_text().replace("retain_days = 30\n", ""))
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "run", "--once")[0] == 0
    assert "mention.text" in _holding(db_url, base.COMPLAINT)
