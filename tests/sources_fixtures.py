"""Set-up shared by the tests of how the workers' recorded sources are shown: `sources check`
(a worker's rows in a SQLite or PostgreSQL store, read with a Lisbon or São Paulo desk's
config, a fake platform answering its probe) and the desk's /healthz and managers' banner (a
worker in another process recording them on the desk's database)."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.config import Config, load_config
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.config_blocks import console_desk
from tests.desk.conftest import Desk
from tests.desk.seed import write_config
from tests.platforms.test_cli_sources import _lisbon_config

LISBON = ZoneInfo("Europe/Lisbon")
WORKER = "worker-1:4242"
WHY = "hackernews search: ClientConnectorError: connection refused at 127.0.0.1:9"
NOW = datetime(2026, 12, 6, 13, 0, tzinfo=UTC)  # 10:00 in São Paulo: the banner's fixed clock
AT_9_48 = NOW - timedelta(minutes=12)
LANGUAGES = ("en", "pt-BR", "pt-PT")


# `sources check`


class HnSearch(BaseHTTPRequestHandler):
    """Algolia's search_by_date, answering the probe's one-hit read: nothing found."""

    def do_GET(self) -> None:
        body = json.dumps({"hits": [], "nbHits": 0, "nbPages": 0, "page": 0}).encode()
        self.send_response(200 if self.path.startswith("/api/v1/search_by_date") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # the test's output, not the server's
        return None


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A fake platform answering with `handler` on a free local port, for a fixture to yield
    from: its base URL, the server shut down after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def record_at(url: str, health: SourceHealth, *, writer: str = WORKER, close: bool = False) -> None:
    """A running worker's row for `health` in the store at `url` (its schema made, as the
    first worker makes it); `close`: then stopped cleanly."""
    store = Store(url)
    store.create_all()
    try:
        recorder = SourceRecorder(store, writer=writer)
        if close:
            asyncio.run(_closed(recorder, health))
        else:
            assert asyncio.run(recorder.record([health]))
    finally:
        store.dispose()


def record_in_sqlite(tmp_path: Path, health: SourceHealth, *, close: bool = False) -> Path:
    """A worker's row for `health` in a new SQLite store; `close`: then stopped cleanly."""
    db = tmp_path / "store.db"
    record_at(f"sqlite:///{db}", health, close=close)
    return db


async def _closed(recorder: SourceRecorder, health: SourceHealth) -> None:
    recorder.start(lambda: [health])
    await recorder.close([health])


def check_hn(tmp_path: Path, store_url: str, hn_url: str, also: str = "") -> tuple[int, str]:
    """`sources check` as a monitoring cron runs it, on a São Paulo desk's config whose source
    "hn" is read at `hn_url` (`also`: more of the config): its exit status and its output,
    the lines as read (300 columns: nothing folded)."""
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[store]
url = "{store_url}"
[desk]
timezone = "America/Sao_Paulo"
{console_desk()}
[[sources]]
kind = "hackernews"
name = "hn"
base_url = "{hn_url}"
{also}""")
    result = CliRunner().invoke(
        app, ["--config", str(config), "sources", "check"], env={"COLUMNS": "300"}
    )
    return result.exit_code, flat(result.output)


def sources_check(tmp_path: Path, db: Path) -> str:
    """`sources check`'s output, on the Lisbon config (source "hn") reading store `db`."""
    config = _lisbon_config(tmp_path, db)
    return CliRunner().invoke(app, ["--config", str(config), "sources", "check"]).output


def check_after(tmp_path: Path, health: SourceHealth) -> str:
    """`sources check` after a running worker recorded `health`."""
    return sources_check(tmp_path, record_in_sqlite(tmp_path, health))


def flat(output: str) -> str:
    """The lines as read, however the terminal wrapped them."""
    return " ".join(output.split())


def hhmm(at: datetime) -> str:
    """A time as `sources check` says it: "14:02 (Europe/Lisbon)" today, else with its day
    (a hold ending past midnight in Lisbon: "2026-12-07 00:03 (Europe/Lisbon)")."""
    local = at.astimezone(LISBON)
    shown = f"{local:%H:%M}" if local.date() == datetime.now(LISBON).date() else f"{local:%F %H:%M}"
    return f"{shown} (Europe/Lisbon)"


# The desk: /healthz and the managers' banner


def sao_paulo_config(tmp_path: Path, db_url: str) -> Config:
    """The desk in São Paulo: the banner's times are the team's, not UTC."""
    return load_config(write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"'))


async def worker_records(
    config: Config, sources: list[SourceHealth], clock: Callable[[], datetime] | None = None
) -> None:
    """`sources` as a worker in another process records them, on the desk's database."""
    worker = Store(config.store_url())
    try:
        given = {} if clock is None else {"clock": clock}
        assert await SourceRecorder(worker, writer=WORKER, **given).record(sources)
    finally:
        worker.dispose()


async def healthz(config: Config, store: Store, now: datetime) -> dict[str, Any]:
    """/healthz of a desk whose clock says `now`: a 200 whether degraded or not (a load
    balancer keeps a desk where people can still work)."""
    client: TestClient[web.Request, web.Application]
    client = TestClient(TestServer(create_app(config, store, clock=lambda: now)))
    async with client:
        response = await client.get("/healthz")
        assert response.status == 200
        body: dict[str, Any] = await response.json()
        return body


async def queue_pages(
    config: Config, store: Store, now: datetime = NOW, *, who: str = "manager"
) -> list[str]:
    """The queue as `who` sees it in en, pt-BR and pt-PT, the desk's clock at `now` (the
    desk reads what the workers recorded: no pipeline here)."""
    client: TestClient[web.Request, web.Application]
    client = TestClient(TestServer(create_app(config, store, clock=lambda: now)))
    async with client:
        assert await Desk(client).login(who) == 303
        return [
            await (await client.get("/queue", headers={"Accept-Language": lang})).text()
            for lang in LANGUAGES
        ]
