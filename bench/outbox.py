"""Outbox throughput and exactly-once-in-effect under faults.

N ticket actions go through the OutboxWorker to a local fake help desk (Zendesk wire: the
requester and the ticket found by external_id, create with Idempotency-Key) that answers 1 %
of requests with 500; midway the worker is killed (task cancelled mid-delivery, leases left
behind) and a new one takes over. Prints deliveries/s, duplicates (tickets opened twice for
one case; must be 0) and losses (actions never delivered; must be 0). Last line:
`name=value …`.

    .venv/bin/python bench/outbox.py --n 10000
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mentiondesk.config import OutboxSection  # noqa: E402
from mentiondesk.models import Author, CaseContext, Label, Mention, OutboxAction, Reading  # noqa: E402
from mentiondesk.outbox import OutboxWorker  # noqa: E402
from mentiondesk.outbox_payload import outbox_row  # noqa: E402
from mentiondesk.store import Store  # noqa: E402
from mentiondesk.tables import OUTBOX  # noqa: E402
from responders.zendesk import ZendeskResponder  # noqa: E402


class FlakyDesk:
    """Zendesk-shaped fake: 1 % 500s; Idempotency-Key and external_id as Zendesk uses them;
    `refuse_rate` of the tickets refused as invalid (422), which the outbox holds."""

    def __init__(self, fail_rate: float, seed: int, refuse_rate: float = 0.0) -> None:
        self.random = random.Random(seed)
        self.fail_rate = fail_rate
        self.refuse_rate = refuse_rate
        self.created: Counter[str] = Counter()  # external_id → tickets opened
        # Tickets as Zendesk keeps them (id, subject, tags: what says whose case one is).
        self.by_external: dict[str, dict[str, Any]] = {}
        self.by_key: dict[str, dict[str, Any]] = {}
        self.users: dict[str, int] = {}  # end users by external_id, as create_or_update keeps them
        self.injected = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v2/tickets.json", self.search)
        app.router.add_post("/api/v2/tickets.json", self.create)
        app.router.add_post("/api/v2/users/create_or_update.json", self.user)
        return app

    def _fail(self) -> bool:
        if self.random.random() < self.fail_rate:
            self.injected += 1
            return True
        return False

    async def search(self, request: web.Request) -> web.Response:
        if self._fail():
            return web.json_response({"error": "InternalError"}, status=500)
        ticket = self.by_external.get(request.query.get("external_id", ""))
        tickets = [ticket] if ticket else []
        return web.json_response({"tickets": tickets, "count": len(tickets)})

    async def user(self, request: web.Request) -> web.Response:
        """The ticket's requester, made or found by external_id (the same id on a retry)."""
        if self._fail():
            return web.json_response({"error": "InternalError"}, status=500)
        external = (await request.json())["user"]["external_id"]
        user_id = self.users.setdefault(external, len(self.users) + 1)
        return web.json_response({"user": {"id": user_id}})

    async def create(self, request: web.Request) -> web.Response:
        if self._fail():
            return web.json_response({"error": "InternalError"}, status=500)
        if self.random.random() < self.refuse_rate:
            details = {"subject": [{"description": "Subject: is too long", "error": "TooLong"}]}
            body = {"error": "RecordInvalid", "description": "Record validation errors"}
            return web.json_response(body | {"details": details}, status=422)
        key = request.headers["Idempotency-Key"]
        if key not in self.by_key:
            sent = (await request.json())["ticket"]
            external = sent["external_id"]
            ticket = {"id": len(self.by_key) + 1, "subject": sent["subject"], "tags": sent["tags"]}
            self.by_key[key] = self.by_external[external] = ticket
            self.created[external] += 1
        return web.json_response({"ticket": self.by_key[key]}, status=201)


def fill(store: Store, n: int) -> None:
    now = datetime.now(UTC)
    reading = Reading(label=Label.NEGATIVE, score=-0.7, lang="en", frustration=2)
    rows = []
    for i in range(n):
        author = Author(id=f"a{i}", handle=f"user{i}", followers=i)
        mention = Mention("x", f"m{i}", author, f"complaint #{i}", now, url=f"https://x.test/{i}")
        context = CaseContext(mention=mention, reading=reading, case_number=f"MD-{i + 1:06d}")
        action = OutboxAction(key=f"ticket:desk:{i}", kind="ticket", target="desk", context=context)
        rows.append(outbox_row(action, None, now))
    with store.engine.begin() as conn:
        for start in range(0, n, 1000):
            conn.execute(sa.insert(OUTBOX), rows[start : start + 1000])


def counts(store: Store) -> Counter[str]:
    """Actions by status: pending, done, held."""
    query = sa.select(OUTBOX.c.status, sa.func.count()).group_by(OUTBOX.c.status)
    with store.engine.connect() as conn:
        return Counter({str(status): int(n) for status, n in conn.execute(query)})


def done_count(store: Store) -> int:
    return counts(store)["done"]


def held_reasons(store: Store) -> Counter[str]:
    """Why the held actions were held (the outbox's last error: the desk's words, no text)."""
    query = sa.select(OUTBOX.c.last_error).where(OUTBOX.c.status == "held")
    with store.engine.connect() as conn:
        return Counter(str(e or "no reason recorded") for e in conn.scalars(query))


def _going(now: Counter[str], until: int) -> bool:
    return now["done"] < until and now["pending"] > 0


async def run_worker(
    store: Store, desk: ZendeskResponder, settings: OutboxSection, *, until: int
) -> None:
    """Run a worker until `until` actions are done, or none is left to try (the rest held
    for a person: retried never, so waiting for them would never end), then kill it."""
    worker = OutboxWorker(store, {"desk": desk}, settings)
    stop, wake = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(worker.run(stop, wake))
    # Polling the store is the point: the kill must come from outside the worker.
    while _going(await asyncio.to_thread(counts, store), until):  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    task.cancel()  # a crash: no drain, leases stay until they expire
    await asyncio.gather(task, return_exceptions=True)


async def main(
    n: int, fail_rate: float, refuse_rate: float = 0.0
) -> tuple[dict[str, float], Counter[str]]:
    """The figures, and why the actions held were held (by reason)."""
    fake = FlakyDesk(fail_rate, seed=7, refuse_rate=refuse_rate)
    runner = web.AppRunner(fake.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        store.create_all()
        fill(store, n)
        settings = OutboxSection(
            batch_size=100, poll_seconds=0.02, base_backoff_seconds=0.05, max_backoff_seconds=0.5
        )
        # A 2 s lease, so the restarted worker takes back the killed one's claims within the
        # run: config refuses one under 90 s (a real delivery may take 60), so set past it.
        settings = settings.model_copy(update={"lease_seconds": 2.0})
        desk = ZendeskResponder("desk", base_url=f"http://127.0.0.1:{port}", email="b@x", token="t")
        started = time.perf_counter()
        await run_worker(store, desk, settings, until=n // 2)  # first worker, killed midway
        await run_worker(store, desk, settings, until=n)  # the restarted one
        elapsed = time.perf_counter() - started
        done, held = done_count(store), held_reasons(store)
        await desk.close()
        store.dispose()
    await runner.cleanup()
    return {
        "actions": n,
        "delivered": done,
        "deliveries_per_s": round(done / elapsed, 1),
        "seconds": round(elapsed, 2),
        "injected_500s": fake.injected,
        "duplicates": sum(c - 1 for c in fake.created.values() if c > 1),
        # Never delivered and not held either: vanished. A held action is not lost.
        "losses": n - len(fake.created) - held.total(),
        "held": held.total(),
    }, held


def say_held(held: Counter[str], n: float) -> str:
    """The error that ends a run with actions held, naming how many and why."""
    why = "; ".join(f"{count} × {reason}" for reason, count in held.most_common())
    return (
        f"error: {held.total()} of {n:g} actions held, not delivered (a refusal is not "
        f"retried; the figures above are not a clean run): {why}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="actions to deliver")
    parser.add_argument(
        "--fail-rate", type=float, default=0.01, help="share of requests answered 500"
    )
    parser.add_argument(
        "--refuse-rate",
        type=float,
        default=0.0,
        help="share of tickets the fake help desk refuses as invalid (422): held, not retried",
    )
    args = parser.parse_args()
    logging.getLogger("mentiondesk.outbox").setLevel(logging.ERROR)  # the 500s are expected
    figures, held = asyncio.run(main(args.n, args.fail_rate, args.refuse_rate))
    f = figures
    print(f"{f['delivered']} of {f['actions']} actions delivered in {f['seconds']} s")
    print(
        f"{f['deliveries_per_s']} deliveries/s; {f['injected_500s']} injected 500s; one worker kill"
    )
    print(f"duplicates: {f['duplicates']} (must be 0); losses: {f['losses']} (must be 0)")
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    if held:
        print(say_held(held, f["actions"]), file=sys.stderr)
        sys.exit(1)
