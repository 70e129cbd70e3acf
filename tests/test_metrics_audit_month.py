"""A month's report checked against a count by hand: the month's bounds in the desk's zone
(Lisbon's clocks go forward on 29 March 2026), first response, resolution, CSAT and NPS, the
same in the text and the JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION, READING, SURVEY
from tests.desk.conftest import write_desk_config

# (UTC moment, label, case status or None, seconds to the first response or None)
POSTS: list[tuple[datetime, str, str | None, int | None]] = [
    (datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC), "negative", "open", None),  # February
    (datetime(2026, 3, 1, 0, 0, tzinfo=UTC), "negative", "resolved", 60),  # 1 March, 00:00
    (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "negative", "closed", 120),  # 00:30 WET
    (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "positive", None, None),  # 02:30 WEST
    (datetime(2026, 3, 31, 22, 30, tzinfo=UTC), "negative", "open", 3600),  # 23:30 WEST
    (datetime(2026, 3, 31, 22, 45, tzinfo=UTC), "negative", "open", None),  # 23:45 WEST
    (datetime(2026, 3, 31, 23, 0, tzinfo=UTC), "negative", "resolved", 5),  # 1 April, 00:00
]
# (kind, score, day answered in UTC): those of April and February are left out.
ANSWERS = [("csat", 5, 2), ("csat", 4, 3), ("csat", 2, 4), ("nps", 10, 2), ("nps", 6, 5)]
ANSWERS += [("nps", 9, 29), ("nps", 7, 30), ("csat", 1, 40), ("nps", 0, -2)]


def _seed(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(AUTHOR), [{"id": 1, "platform": "x", "external_id": "1", "handle": "a"}]
        )
        for i, (at, label, status, wait) in enumerate(POSTS, 1):
            conn.execute(
                sa.insert(MENTION),
                [
                    {
                        "id": i,
                        "platform": "x",
                        "external_id": f"m{i}",
                        "source": "s",
                        "author_id": 1,
                        "text": "t",
                        "created_at": at,
                    }
                ],
            )
            conn.execute(
                sa.insert(READING),
                [
                    {
                        "mention_id": i,
                        "classifier": "c",
                        "label": label,
                        "score": 0.9,
                        "lang": "pt",
                        "reason": "delivery" if label == "negative" else None,
                    }
                ],
            )
            if status is not None:
                answered = at + timedelta(seconds=wait) if wait is not None else None
                conn.execute(
                    sa.insert(CASE),
                    [
                        {
                            "id": i,
                            "mention_id": i,
                            "author_id": 1,
                            "rule": "r",
                            "status": status,
                            "opened_at": at,
                            "first_response_at": answered,
                        }
                    ],
                )
        march = datetime(2026, 3, 1, 12, tzinfo=UTC)
        conn.execute(
            sa.insert(SURVEY),
            [
                {"kind": k, "score": s, "answered_at": march + timedelta(days=d - 1)}
                for k, s, d in ANSWERS
            ],
        )


def _report(tmp_path: Path, db_url: str, *args: str) -> str:
    path = write_desk_config(tmp_path, db_url, 'timezone = "Europe/Lisbon"')
    argv = ["--config", str(path), "report", "--since", "2026-03-01", "--days", "31", *args]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0, result.output
    return result.output


def test_march_in_lisbon_counted_by_hand(tmp_path: Path, db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    _seed(store)
    store.dispose()
    data: dict[str, Any] = json.loads(_report(tmp_path, db_url, "--format", "json"))
    assert data["period"] == {
        "first_day": "2026-03-01",
        "last_day": "2026-03-31",
        "days": 31,
        "timezone": "Europe/Lisbon",
    }
    # Posts 2 to 6: 1 March at midnight in, 1 April at midnight (summer time) out.
    assert data["mentions"] == 5
    assert data["by_label"] == {"negative": 4, "neutral": 0, "positive": 1}
    # Cases 2, 3, 5, 6: one resolved, one closed (out of the rate), two open: 1 of 3.
    assert (data["cases_total"], data["cases_open"]) == (4, 2)
    assert (data["cases_resolved"], data["cases_closed"], data["resolution_rate"]) == (1, 1, 33.3)
    # Answered in 60, 120 and 3,600 s: median 120, mean 1,260; case 6 still waits.
    assert data["first_response"] == {
        "count": 3,
        "p50_seconds": 120.0,
        "p90_seconds": None,
        "mean_seconds": 1260.0,
    }
    assert data["first_response_waiting"] == 1
    # CSAT: 5, 4, 2 → 2 of 3; NPS: 10, 9 promoters, 6 a detractor, 7 passive → (2 − 1) / 4.
    assert data["csat"] == {"percent": 66.7, "shown": 67, "answers": 3, "small_sample": True}
    assert data["nps"] == {"score": 25.0, "shown": 25, "answers": 4, "small_sample": True}
    # Case 1 (28 February) is the previous period's: as many days before, 29 Jan to 28 Feb.
    assert data["complaint_reasons"] == [{"reason": "delivery", "cases": 4, "previous_period": 1}]
    text = _report(tmp_path, db_url)
    assert "2026-03-01 – 2026-03-31, 31 days in Europe/Lisbon" in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()]
    rows = {row[0]: row[1:] for row in cells if len(row) >= 2}
    lines = {name: row[0] for name, row in rows.items()}
    assert lines["mentions"] == "5"
    assert lines["first response p50"] == "2m"
    assert lines["first response p90"] == "—"
    assert lines["resolution rate"] == "33%"
    assert lines["CSAT (4–5 of 5)"] == "67%"
    assert lines["NPS"] == "+25"
    assert rows["delivery"] == ["4", "1", "+300%"]
    assert rows["resolution rate"] == ["33%", "1 of 3 cases that needed one"]
