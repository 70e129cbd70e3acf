"""The case page's author history: its dots read on labelled axes (the three readings, the
first and last days in the desk's zone), with the same figures as text for screen readers."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """A team in São Paulo (UTC−3): a day there is not UTC's."""
    return load_config(write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"'))


def _at(store: Store, mention: int, at: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(created_at=at))


async def test_the_history_chart_labels_its_axes(as_role: Login, store: Store) -> None:
    first, _, _ = add(store, "Loved it", handle="nina", label="positive", case=False, draft=None)
    last, case, _ = add(store, "Now it broke", handle="nina")
    # 01:00 UTC on the 2nd is still the 1st in São Paulo.
    _at(store, first, datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    _at(store, last, datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    chart = page.split('class="history-chart"', 1)[1].split("</ol>", 1)[0]
    y_axis = chart.split('class="history-y">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<span>([^<]*)</span>", y_axis) == ["Elogio", "Neutro", "Reclamação"]
    x_axis = chart.split('class="history-x">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<span[^>]*>([^<]*)</span>", x_axis) == ["01/11/2026", "20/11/2026"]
    # Praise on the top row, the complaint on the bottom one, oldest left.
    dots = re.findall(r'<circle class="(\w+)" cx="([\d.]+)%" cy="([\d.]+)"', chart)
    assert [(c, float(x) < 50, float(y)) for c, x, y in dots] == [
        ("positive", True, 8.0),
        ("negative", False, 64.0),
    ]
    assert 'aria-label="Sentimento das 2 menções mais recentes, de 01/11/2026 a 20/11/2026"' in (
        chart
    )
    # The text alternative: each mention's day, platform and reading.
    listed = re.findall(r"<li>([^<]*)</li>", chart.split('class="visually-hidden"', 1)[1])
    assert listed == ["01/11/2026 · X · Elogio", "20/11/2026 · X · Reclamação"]
    assert "elogios no alto" not in page


async def test_one_mention_has_one_day(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Only once", handle="ana")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    x_axis = page.split('class="history-x">', 1)[1].split("</div>", 1)[0]
    assert x_axis.count("<span") == 1
    assert re.search(r'aria-label="Sentiment of their latest mention, \d{4}-\d\d-\d\d"', page)
    y_axis = page.split('class="history-y">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<span>([^<]*)</span>", y_axis) == ["praise", "neutral", "complaint"]
