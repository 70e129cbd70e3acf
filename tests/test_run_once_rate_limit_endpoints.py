"""`run --once` from cron when a platform's rate limit holds only ONE of a source's endpoints
past a minute (X's recent search, while its mentions timeline answers): the other endpoint is
read and stored, and the summary names the source and the endpoint held, until when (UTC),
and the run exits 75, as for a source held whole. The next run after the reset reads what
that endpoint found from the cursor. Real tweepy against the fake X."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.source_health import SourceHealth, limited_lines
from mentiondesk.tables import MENTION
from tests.fakes._base import FakeAPI
from tests.fakes.x import SEARCH, XFake
from tests.fakes.x_wire import problem
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions
from tests.platforms.helpers import FakeClock, fake_in_thread

LIMITED = re.compile(
    r"  Source x not caught up: search rate-limited by the platform until "
    r"(?P<until>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC \(in (?P<left>[^)]+)\); "
    r"a run from then reads on from its cursor"
)


@pytest.fixture
def api() -> Iterator[FakeAPI]:
    with fake_in_thread() as fake:
        yield fake


def _stored(db_url: str) -> list[str]:
    rows = table_rows(db_url, sa.select(MENTION.c.text).where(MENTION.c.source == "x"))
    return sorted(str(text) for (text,) in rows)


def test_search_alone_limited_is_named_exits_75_and_is_read_next_run(
    tmp_path: Path, api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_BEARER_TOKEN", "test-bearer")
    x = XFake(api, clock=FakeClock())
    db_url = f"sqlite:///{tmp_path / 'run.db'}"
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    keys = 'query = "lumora"\nusername = "lumora"'
    source = f'\n[[sources]]\nkind = "x"\nbase_url = "{x.base_url}"\n{keys}\n'
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=source)
    # The first run finds where "now" is on both endpoints (a cursor for each).
    x.publish("lumora lamps, from before", search=True, mention=True)
    code, output = run_cli(config, "run", "--once")
    assert code == 0, output
    x.publish("@lumora my lamp arrived broken", search=False, mention=True)
    x.publish("lumora lamps are lovely", search=True, mention=False)
    reset = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=15)
    headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(reset.timestamp()))}
    x.fail(SEARCH, 429, problem(429, "Too Many Requests"), headers=headers)

    code, output = run_cli(config, "run", "--once")

    assert code == 75, output
    said = [ln for ln in output.splitlines() if ln.startswith("  Source ")]
    assert len(said) == 1, output
    line = LIMITED.fullmatch(said[0])
    assert line, said[0]
    assert line["until"] == f"{reset:%Y-%m-%d %H:%M:%S}", said[0]
    assert line["left"] in {"14m", "15m"}, said[0]
    assert "(1 new in this run)" in output, output  # the mentions timeline was read
    assert _stored(db_url) == ["@lumora my lamp arrived broken"]

    # The platform answers again: the search hit is read from the cursor kept.
    code, output = run_cli(config, "run", "--once")

    assert code == 0, output
    assert "(1 new in this run)" in output and "  Source " not in output, output
    assert _stored(db_url) == ["@lumora my lamp arrived broken", "lumora lamps are lovely"]


def test_endpoint_lines_name_each_endpoint_and_the_whole_source_wins() -> None:
    now = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    later = now + timedelta(minutes=14)
    health = [
        SourceHealth("x", limited_endpoints=(("search", later),)),
        SourceHealth(
            "reddit",
            limited_until=now + timedelta(hours=1),
            limited_endpoints=(("comments", later),),
        ),
        SourceHealth("bluesky", stopped=True, limited_endpoints=(("search", later),)),
        SourceHealth(
            "mastodon",
            limited_endpoints=(("search", later), ("notifications", now - timedelta(minutes=2))),
        ),
    ]
    assert limited_lines(health, now, listening=False) == [
        "x not caught up: search rate-limited by the platform until 2026-12-06 10:14:00 UTC "
        "(in 14m); a run from then reads on from its cursor",
        "reddit not caught up: rate-limited by the platform until 2026-12-06 11:00:00 UTC "
        "(in 1h 00m); a run from then reads on from its cursor",
        "mastodon not caught up: search rate-limited by the platform until 2026-12-06 10:14:00 "
        "UTC (in 14m), notifications until 2026-12-06 09:58:00 UTC (2m ago); "
        "a run from then reads on from its cursor",
    ]
