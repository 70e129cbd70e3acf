"""`report --format json` carries the whole numbers the desk shows beside the tenths.

A São Paulo head of customer service builds the board's spreadsheet from the JSON: an NPS of
−12.5 is "−13" on the dashboard and in the text report, and the sheet must say −13 too, as
CSAT's 62.5 % must read 63 %, without anyone re-rounding a tenth.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.queue import close_case
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _survey(store: Store, answers: list[tuple[str, int]]) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.insert(SURVEY), [{"kind": k, "score": s} for k, s in answers])


def _report(config: Config, *args: str) -> str:
    command = ["--config", str(config.path), "report", "--days", "7", *args]
    result = CliRunner().invoke(cli, command, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def _json(config: Config) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_report(config, "--format", "json"))
    return data


async def test_the_json_shows_the_desks_whole_numbers(
    as_role: Login, config: Config, store: Store
) -> None:
    # NPS: 3 promoters and 4 detractors of 8 is −12.5; CSAT: 5 of 8 happy is 62.5 %.
    _survey(store, [("nps", s) for s in (10, 9, 10, 0, 3, 5, 6, 7)])
    _survey(store, [("csat", s) for s in (5, 5, 4, 4, 5, 1, 2, 3)])
    data = _json(config)
    assert data["nps"] == {"score": -12.5, "shown": -13, "answers": 8, "small_sample": True}
    assert data["csat"] == {"percent": 62.5, "shown": 63, "answers": 8, "small_sample": True}
    # The text report and the dashboard say the same whole numbers.
    text = _report(config).splitlines()
    assert "-13" in next(line for line in text if "NPS" in line)
    assert "63%" in next(line for line in text if "CSAT" in line)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert 'id="dash-nps">-13<' in page and 'id="dash-csat">63%<' in page


def test_a_share_near_all_is_shown_as_the_desk_shows_it(config: Config, store: Store) -> None:
    # 249 of 250 happy is 99.6 %: the desk says ">99%", never "100%" (not everyone was).
    _survey(store, [("csat", 5 if i else 1) for i in range(250)])
    _survey(store, [("nps", 10), ("nps", 10), ("nps", 8)])  # +66.7 is "+67"
    data = _json(config)
    assert (data["csat"]["percent"], data["csat"]["shown"]) == (99.6, 99)
    assert (data["nps"]["score"], data["nps"]["shown"]) == (66.7, 67)


async def test_the_resolution_rate_is_shown_as_the_desk_shows_it(
    as_role: Login, config: Config, store: Store
) -> None:
    # 5 of 8 cases resolved is 62.5 %: "63%" on the desk (halves away from zero), and in the
    # sheet, where Python's round(62.5) would say 62.
    for n in range(8):
        _, case, _ = add(store, "my order is late")
        assert case is not None
        if n < 5:
            close_case(store, case, by="manager", status="resolved")
    data = _json(config)
    assert (data["resolution_rate"], data["resolution_rate_shown"]) == (62.5, 63)
    assert "63%" in next(line for line in _report(config).splitlines() if "esolution" in line)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert 'id="dash-resolution">63%<' in page


def test_nothing_to_show_is_null(config: Config, store: Store) -> None:
    data = _json(config)
    assert (data["csat"]["shown"], data["nps"]["shown"]) == (None, None)
    assert (data["resolution_rate"], data["resolution_rate_shown"]) == (None, None)
