"""The dashboard's case figures say what they count: the first-response tooltips name the cases
their percentiles cover."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9,en;q=0.8"}


async def _dashboard(desk: Desk, headers: dict[str, str] | None = None) -> str:
    return await (await desk.client.get("/dashboard?days=7", headers=headers or {})).text()


async def test_first_response_tooltips_name_the_cases_opened_in_the_period(
    as_role: Login, store: Store
) -> None:
    # Opened 9 days ago, answered an hour ago: answered in the last 7 days, yet not among the
    # 7 days' cases, since cases are grouped by when they were opened; the tooltips say so.
    _, case, _ = add(store, "late again", ago=timedelta(days=9))
    with store.engine.begin() as conn:
        answered = datetime.now(UTC) - timedelta(hours=1)
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=answered))
    desk = await as_role("manager")
    en, pt = await _dashboard(desk), await _dashboard(desk, PT)
    assert "0 cases answered" in en
    assert en.count("of the cases opened in this period that have been answered") == 2
    assert pt.count("dos casos abertos neste período que já foram respondidos") == 2
    assert "cases answered in this period" not in en
