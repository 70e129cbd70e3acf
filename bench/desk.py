"""Desk render times on a large store: queue page and dashboard, p50/p99, SQLite and PostgreSQL.

    .venv/bin/python bench/desk.py [--n 100000] [--requests 200] [--backends sqlite,postgresql]
                                   [--business-hours]

Fills a fresh store with N mentions (N/5 cases, ≈0.6 follow-ups each) by bulk insert, serves
the desk in-process, logs in as a manager and times GET /queue, GET /dashboard and a case's
page over HTTP, with the queries each request runs.
The PostgreSQL database is created at 127.0.0.1:5432 (user postgres) and dropped afterwards.
With --business-hours both pages are timed again on the same store with `[desk]
business_hours` set (Mon–Fri 09:00–18:00 in São Paulo): first responses counted both ways.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

# Run as `python bench/x.py`: the checkout's packages first (bench/sentiment.py is not them).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pipeline import throwaway_postgres
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, READING
from mentiondesk.web import create_app
from mentiondesk.web.users import Role, add_user

PLATFORMS = ["x", "bluesky", "mastodon", "reddit", "youtube"]
REASONS = ["delivery", "refund", "billing", "product", "support", None]
CHUNK = 5_000
CONFIG = """
[brand]
name = "Bench"
[store]
url = "{url}"
[[sources]]
kind = "replay"
name = "bench"
path = "none.jsonl"
[[responders]]
kind = "console"
name = "console"
[[responders]]
kind = "local"
name = "cases"
"""
HOURS = """
[desk]
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00", holidays = ["2026-12-25"] }
"""


def _insert(store: Store, table: Any, rows: list[dict[str, Any]]) -> None:
    with store.engine.begin() as conn:
        for i in range(0, len(rows), CHUNK):
            conn.execute(sa.insert(table), rows[i : i + CHUNK])


def fill(store: Store, n: int, now: datetime) -> None:
    """N mentions from N/3 authors over 90 days, a reading each, N/5 cases with drafts and
    follow-ups."""
    rnd = random.Random(7)
    n_authors, n_cases = max(n // 3, 1), n // 5
    authors = [
        {"id": i + 1, "platform": PLATFORMS[i % 5], "external_id": f"a{i}", "handle": f"user{i}",
         "name": f"User {i}", "followers": rnd.randint(0, 50_000), "first_seen": now}
        for i in range(n_authors)
    ]  # fmt: skip
    _insert(store, AUTHOR, authors)
    mentions: list[dict[str, Any]] = []
    readings: list[dict[str, Any]] = []
    for i in range(n):
        author = authors[rnd.randrange(n_authors)]
        created = now - timedelta(minutes=rnd.randint(0, 90 * 24 * 60))
        label = rnd.choice(["negative", "neutral", "positive"])
        mentions.append(
            {"id": i + 1, "platform": author["platform"], "external_id": f"m{i}", "source": "bench",
             "author_id": author["id"], "text": f"mention {i} " + "lorem " * rnd.randint(2, 60),
             "url": "", "lang": "en", "created_at": created, "ingested_at": created,
             "thread_id": f"t{i // 3}", "processed": True}
        )  # fmt: skip
        readings.append(
            {"mention_id": i + 1, "classifier": "bench", "label": label, "score": rnd.random(),
             "lang": "en", "topics": "",
             "frustration": rnd.randint(0, 3) if label == "negative" else 0,
             "reason": rnd.choice(REASONS) if label == "negative" else None,
             "is_question": False, "created_at": created}
        )  # fmt: skip
    _insert(store, MENTION, mentions)
    _insert(store, READING, readings)
    cases, drafts = [], []
    for c in range(n_cases):
        m = mentions[rnd.randrange(n)]
        status = rnd.choices(["open", "resolved", "closed"], [15, 60, 25])[0]
        opened = m["created_at"] + timedelta(minutes=1)
        answered = opened + timedelta(minutes=rnd.randint(1, 600)) if status != "open" else None
        cases.append(
            {"id": c + 1, "mention_id": m["id"], "author_id": m["author_id"], "rule": "complaint",
             "status": status, "priority": rnd.randint(0, 5), "opened_at": opened,
             "first_response_at": answered, "closed_at": answered}
        )  # fmt: skip
        drafts.append(
            {"mention_id": m["id"], "case_id": c + 1, "kind": "private", "text": "Sorry! DM us.",
             "lang": "en", "rule": "complaint", "auto": False,
             "status": "pending" if status == "open" else "approved", "created_at": opened}
        )  # fmt: skip
    _insert(store, CASE, cases)
    _insert(store, DRAFT, drafts)
    _insert(store, FOLLOW_UP, _follow_ups(rnd, cases, n))


def _follow_ups(rnd: random.Random, cases: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """About 0.6 later mentions per case joined to it (the queue counts them per case)."""
    used = {c["mention_id"] for c in cases}
    rows = []
    for c in cases:
        for _ in range(rnd.choice([0, 0, 0, 1, 2])):
            mention_id = rnd.randrange(n) + 1
            if mention_id not in used:
                used.add(mention_id)
                joined = c["opened_at"] + timedelta(hours=1)
                rows.append({"case_id": c["id"], "mention_id": mention_id, "created_at": joined})
    return rows


async def measure(store: Store, folder: Path, requests: int) -> dict[str, list[float]]:
    config = load_config(folder / "config.toml")
    app = create_app(config, store)
    times: dict[str, list[float]] = {"queue": [], "dashboard": [], "case": []}
    with store.engine.connect() as conn:  # a case with follow-ups: the page reads them all
        case = conn.scalar(sa.select(sa.func.max(FOLLOW_UP.c.case_id)))
    queries = [0]  # statements per request: the figure a slow page's fix should lower

    def counted(*_: Any) -> None:
        queries[0] += 1

    sa.event.listen(store.engine, "before_cursor_execute", counted)
    async with TestClient(TestServer(app)) as client:
        page = await (await client.get("/login")).text()
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token
        form = {"csrf": token.group(1), "name": "bench", "password": "bench-password"}
        await client.post("/login", data=form)
        pages = (("queue", "/queue"), ("dashboard", "/dashboard?days=30"))
        for name, path in (*pages, ("case", f"/cases/{case}")):
            await (await client.get(path)).read()  # warm-up: caches, query plans
            queries[0] = 0
            for _ in range(requests):
                start = time.perf_counter()
                response = await client.get(path)
                await response.read()
                times[name].append((time.perf_counter() - start) * 1000)
                assert response.status == 200
            print(f"{name:>9}: {queries[0] / requests:.0f} queries a request")
    sa.event.remove(store.engine, "before_cursor_execute", counted)
    return times


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    with throwaway_postgres() as url:
        yield url


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def run(backend: str, n: int, requests: int, hours: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        folder = Path(tmp)
        (folder / "none.jsonl").write_text("", encoding="utf-8")  # the replay source's file
        config = folder / "config.toml"
        config.write_text(CONFIG.format(url=url), encoding="utf-8")
        store = Store(url)
        store.create_all()
        start = time.perf_counter()
        fill(store, n, datetime.now(UTC))
        if backend == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))
        took = time.perf_counter() - start
        print(f"{backend}: filled {n:,} mentions, {n // 5:,} cases in {took:.1f} s")
        add_user(store, "bench", role=Role.MANAGER, password="bench-password", by="bench")
        times = asyncio.run(measure(store, folder, requests))
        if hours:
            config.write_text(CONFIG.format(url=url) + HOURS, encoding="utf-8")
            business = asyncio.run(measure(store, folder, requests))
            times |= {f"{page}_bh": values for page, values in business.items()}
        store.dispose()
    out = {}
    short = "pg" if backend == "postgresql" else "sqlite"
    for page, values in times.items():
        p50, p99 = pct(values, 50), pct(values, 99)
        mean = statistics.fmean(values)
        print(f"{backend:>10} {page:>9}: p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  mean {mean:6.1f} ms")
        out[f"{short}_{page}_p50_ms"] = round(p50, 1)
        out[f"{short}_{page}_p99_ms"] = round(p99, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="mentions (cases: n/5)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--business-hours", action="store_true", help="time the pages again with business_hours"
    )
    args = parser.parse_args()
    figures: dict[str, float] = {"n": args.n, "requests": args.requests}
    for backend in args.backends.split(","):
        figures |= run(backend, args.n, args.requests, args.business_hours)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
