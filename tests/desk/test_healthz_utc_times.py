"""/healthz gives every time in UTC, as its endpoints' holds are: a PostgreSQL server whose
default timezone is the host's (initdb takes it: a team in São Paulo gets -03:00) must not
make `rate_limited_until` read "10:14-03:00" beside `rate_limited_endpoints`' "13:14+00:00",
nor a stopped source's `since`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import load_config
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.seed import write_config


async def test_healthz_says_its_times_in_utc_whatever_the_servers_zone(
    tmp_path: Path, pg_url: str
) -> None:
    engine = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # as a server set up in São Paulo would be
        name = conn.scalar(sa.text("select current_database()"))
        conn.execute(sa.text(f"alter database \"{name}\" set timezone = 'America/Sao_Paulo'"))
    engine.dispose()
    config = load_config(write_config(tmp_path, pg_url))
    store = Store(pg_url)
    store.create_all()
    now = datetime.now(UTC).replace(microsecond=0)
    search, mentions = now + timedelta(minutes=14), now + timedelta(minutes=20)
    try:
        worker = SourceRecorder(store, writer="worker-1:4242")
        assert await worker.record(
            [
                SourceHealth("x", limited_endpoints=(("search", search), ("mentions", mentions))),
                SourceHealth("reddit", True, "FatalError", "401 Unauthorized", since=now),
            ]
        )
        app = create_app(config, store)
        async with TestServer(app) as server, TestClient(server) as client:
            body = await (await client.get("/healthz")).json()
    finally:
        store.dispose()
    x, reddit = body["sources"]["x"], body["sources"]["reddit"]
    assert x["rate_limited_until"] == mentions.isoformat()
    assert x["rate_limited_endpoints"] == {
        "search": search.isoformat(),
        "mentions": mentions.isoformat(),
    }
    assert reddit["since"] == now.isoformat()
