"""The desk stands a case opened in year 1 (a post whose app wrote its date as
"0001-01-01T00:00:00Z"): the queue once it is answered, with [desk] business_hours set, and
the case page, whose zone has no such local date."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
HOURS = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }
"""


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=HOURS))


def _posted_in_year_one(store: Store) -> int | None:
    """A Bluesky complaint dated 0001-01-01T00:00:00Z, with its case: the case's id."""
    ago = datetime.now(UTC) - datetime(1, 1, 1, tzinfo=UTC)
    return add(store, "worst shop ever", platform="bluesky", ago=ago)[1]


async def test_the_queue_counts_an_answered_case_opened_in_year_one(
    as_role: Login, store: Store
) -> None:
    case, now = _posted_in_year_one(store), datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=now))
    desk = await as_role("agent")
    queue = await desk.client.get("/queue")
    assert queue.status == 200
    text = await queue.text()
    assert "in business hours (Mon–Fri 09:00–18:00)" in text, text


async def test_the_case_page_of_a_post_dated_year_one_shows_it_in_utc(
    as_role: Login, store: Store
) -> None:
    # Year 1 in UTC is no date in São Paulo (three hours earlier): the page was a 500.
    case = _posted_in_year_one(store)
    desk = await as_role("agent")
    page = await desk.client.get(f"/cases/{case}")
    assert page.status == 200
    assert "1-01-01 00:00 UTC" in await page.text()  # in UTC, as it was written
