"""A customer-service lead's Monday dashboard, with [desk] business_hours set: a period whose
cases are all still waiting says "no case answered yet" once, in words, with no "—" under it
for the business-hours figure there is none of either."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestServer

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.conftest import Desk
from tests.desk.seed import dated_case, write_config

Login = Callable[[str], Awaitable[Desk]]
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday 11:00 in São Paulo
HOURS = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }
"""


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=HOURS))


@pytest.fixture
async def server(config: Config, store: Store) -> AsyncIterator[TestServer]:
    server = TestServer(create_app(config, store, clock=lambda: NOW))
    async with server:
        yield server


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026 in São Paulo, in UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SAO_PAULO).astimezone(UTC)


NONE_YET = {"en": "no case answered yet", "pt-BR": "nenhum caso respondido ainda"}
NONE_YET["pt-PT"] = NONE_YET["pt-BR"]


@pytest.mark.parametrize("lang", NONE_YET)
async def test_only_waiting_cases_show_no_business_hours_dash(
    as_role: Login, store: Store, lang: str
) -> None:
    dated_case(store, _local(23, 10), None)  # Monday 10:00, not answered yet
    desk = await as_role("manager")
    headers = {"Accept-Language": lang}
    page = await (await desk.client.get("/dashboard?days=7", headers=headers)).text()
    for pct in ("p50", "p90"):
        assert f'<b id="dash-frt-{pct}" class="kpi-none">{NONE_YET[lang]}</b>' in page
        assert f"dash-frt-{pct}-business" not in page
    assert ">—<" not in page
    counts = {"en": "0 cases answered · 1 waiting", "pt-BR": "0 casos respondidos · 1 aguardando"}
    assert counts.get(lang, "0 casos respondidos · 1 à espera") in page


async def test_answered_cases_still_show_the_business_hours_median(
    as_role: Login, store: Store
) -> None:
    # Friday 19:00 answered Monday 09:30: 62.5 h on the clock, 30 min of business hours.
    dated_case(store, _local(20, 19), _local(23, 9, 30))
    desk = await as_role("manager")
    headers = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/dashboard?days=7", headers=headers)).text()
    assert 'id="dash-frt-p50-business">30 min<' in page
    assert "em horário comercial (seg–sex 09:00–18:00)" in page
