"""/healthz goes "degraded" when a source's polls keep failing (a port where nothing listens,
a host that does not resolve), not only when one stopped for good: an uptime monitor must see
red while nothing is read. A blip within the grace stays "ok" (shown, so the monitor does not
flap), a source polled seldom gets a longer grace, a store refusing the pages is named as the
cause instead of the platform, and the cause is scrubbed of tokens."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from listener._outage import StoreOutage
from listener._poll import Poller
from listener.hackernews import HackerNewsSource
from mentiondesk.config import Config, load_config
from mentiondesk.models import Batch, TransientError
from mentiondesk.pipeline import App
from mentiondesk.source_health import SourceHealth, source_health
from mentiondesk.store import Store
from mentiondesk.store_engine import from_store, store_failure
from tests.desk.seed import write_config
from tests.sources_fixtures import WHY, healthz, worker_records


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def _record(config: Config, sources: list[SourceHealth], now: datetime) -> None:
    await worker_records(config, sources, clock=lambda: now)


async def test_a_source_at_a_closed_port_degrades_healthz_past_its_grace(tmp_path: Path) -> None:
    """For real: `run`'s App polls Hacker News at a port where nothing listens. At once the
    desk shows the failure but stays ok; a desk whose clock is 6 minutes on says degraded."""
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    config = load_config(path)
    port = _closed_port()
    hn = HackerNewsSource(name="hn", query="Lumora", base_url=f"http://127.0.0.1:{port}")
    async with App(config, sources=[hn]) as app:
        await app.start()
        try:
            body = await _wait_failing(config, app.store)
            later = await healthz(config, app.store, datetime.now(UTC) + timedelta(minutes=6))
        finally:
            await app.stop()
    shown = body["sources"]["hn"]
    assert body["status"] == "ok" and shown["status"] == "ok"  # a blip so far: no flapping
    assert shown["cause"] == "source" and shown["failures"] >= 1
    assert (
        shown["reason"]
        == f"hackernews search: ClientConnectorError: connection refused at 127.0.0.1:{port}"
    )
    assert later["status"] == "degraded"
    assert later["sources"]["hn"]["status"] == "failing"
    assert later["sources"]["hn"]["failing_since"] == shown["failing_since"]


async def _wait_failing(config: Config, store: Store) -> dict[str, Any]:
    """/healthz once the worker has recorded the source failing (its look every 5 s)."""
    for _ in range(40):
        body = await healthz(config, store, datetime.now(UTC))
        if "failing_since" in body.get("sources", {}).get("hn", {}):
            return body
        await asyncio.sleep(0.25)
    raise AssertionError(f"the failing source never showed: {body}")


async def test_a_blip_stays_ok_and_a_long_outage_is_named_with_why(
    config: Config, store: Store
) -> None:
    now = datetime.now(UTC)
    long_ago, just_now = now - timedelta(minutes=12), now - timedelta(seconds=40)
    await _record(
        config,
        [
            SourceHealth("hn", failing_since=long_ago, failures=9, cause=WHY, poll_seconds=60),
            SourceHealth("x", failing_since=just_now, failures=2, cause="x search: 503"),
            SourceHealth("bluesky"),
        ],
        now,
    )
    body = await healthz(config, store, now)
    assert body["status"] == "degraded"
    assert body["sources"]["hn"] == {
        "status": "failing",
        "cause": "source",
        "reason": WHY,
        "failing_since": long_ago.isoformat(timespec="seconds"),
        "failures": 9,
    }
    assert body["sources"]["x"]["status"] == "ok"  # within its grace: shown, not an alarm
    assert body["sources"]["x"]["failures"] == 2
    assert body["sources"]["bluesky"] == {"status": "ok"}


async def test_a_blip_alone_is_no_alarm(config: Config, store: Store) -> None:
    now = datetime.now(UTC)
    blip = SourceHealth("x", failing_since=now - timedelta(minutes=2), failures=4, cause="503")
    await _record(config, [blip], now)
    assert (await healthz(config, store, now))["status"] == "ok"


async def test_a_source_polled_seldom_has_a_longer_grace(config: Config, store: Store) -> None:
    """Polled every 10 minutes, 12 minutes of failures missed one poll, not an alarm yet."""
    now = datetime.now(UTC)
    since = now - timedelta(minutes=12)
    seldom = SourceHealth("hn", failing_since=since, failures=7, cause=WHY, poll_seconds=600)
    await _record(config, [seldom], now)
    assert (await healthz(config, store, now))["status"] == "ok"
    assert (await healthz(config, store, now + timedelta(minutes=19)))["status"] == "degraded"


async def test_a_token_in_the_failure_never_reacheshealthz(config: Config, store: Store) -> None:
    """The poller's own words for the failure, as a real Poller words a TransientError."""
    secret = "sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
    poller = await _failed(Broken(secret), tries=3, on_batch=_store)
    await _record(config, source_health([poller], datetime.now(UTC)), datetime.now(UTC))
    later = datetime.now(UTC) + timedelta(minutes=6)
    body = await healthz(config, store, later)
    assert body["status"] == "degraded" and body["sources"]["x"]["failures"] == 3
    assert secret not in str(body) and "x search: 503" in body["sources"]["x"]["reason"]


async def test_the_store_refusing_the_pages_is_named_not_the_platform(
    config: Config, store: Store
) -> None:
    """The platform answers; the store refuses each page (a database failing over): /healthz
    names the store as the cause, in its own safe words, and no platform."""
    refused = StoreOutage(owns=from_store, words=store_failure)
    poller = await _failed(Answers(), tries=4, on_batch=_refuse, store_outage=refused)
    await _record(config, source_health([poller], datetime.now(UTC)), datetime.now(UTC))
    body = await healthz(config, store, datetime.now(UTC) + timedelta(minutes=6))
    shown = body["sources"]["x"]
    assert body["status"] == "degraded" and shown["status"] == "failing"
    assert shown["cause"] == "store" and shown["failures"] == 4
    assert shown["reason"] == "the database failed (IntegrityError)"


class Broken:
    name, poll_seconds = "x", 60.0

    def __init__(self, secret: str) -> None:
        self.secret = secret

    async def poll(self, cursor: str | None) -> Batch:
        raise TransientError(f"x search: 503 Service Unavailable (access_token={self.secret})")

    async def close(self) -> None:
        return None


class Answers:
    name, poll_seconds = "x", 60.0

    async def poll(self, cursor: str | None) -> Batch:
        return Batch(mentions=[], cursor="c1")

    async def close(self) -> None:
        return None


async def _no_cursor(name: str) -> str | None:
    return None


async def _store(name: str, batch: Batch) -> None:
    return None


async def _refuse(name: str, batch: Batch) -> None:
    raise sa.exc.IntegrityError("INSERT …", {}, Exception("duplicate key"))


async def _failed(source: Any, *, tries: int, **given: Any) -> Poller:
    """A real Poller run through `tries` failed polls, its backoff waits skipped."""
    stop, waits = asyncio.Event(), []

    async def waited(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) >= tries:
            stop.set()

    poller = Poller(source, load_cursor=_no_cursor, stop=stop, sleep=waited, **given)
    await poller.run()
    return poller
