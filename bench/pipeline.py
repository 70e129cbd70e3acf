"""Throughput of the whole flow (SQLite unless told) against raw VADER on the same texts.

    python bench/pipeline.py --n 100000 [--classifier e5] [--postgres | --store-url URL]

replay → store → classifier (VADER unless --classifier says) → playbooks → outbox → null sink.
mentions/s, the ratio to raw VADER, and peak RSS sampled as the run goes (flat memory
means the samples stop growing once the first batches are in). `--postgres` runs on a
throw-away database made on 127.0.0.1 as user postgres and dropped after; `--store-url` on
a database you give (it should be empty: its rows would be counted).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._synthetic import write_jsonl
from mentiondesk.config import load_config
from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.pipeline import App
from mentiondesk.report import report
from sentiment.vader import VaderClassifier

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CONFIG = """
[brand]
name = "Lumora"
[store]
url = "{db}"
[sentiment]
classifier = "{classifier}"
batch_size = 500
[[sources]]
kind = "replay"
path = "{samples}"
page_size = 2000
[[responders]]
kind = "console"
name = "console"
[[responders]]
kind = "local"
name = "cases"
"""


class NullSink:
    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.count += 1
        return Receipt(ref=action.key)

    async def close(self) -> None:
        return None


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped after (as the tests' fixtures make theirs)."""
    name = f"mentiondesk_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def rss_mb() -> float:
    """Current resident set size in MB (from /proc, so it can go down as well as up)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def sample_rss(samples: list[float], stop: threading.Event) -> None:
    while not stop.wait(0.5):
        samples.append(rss_mb())


def time_vader(texts: list[str]) -> float:
    vader = VaderClassifier()
    start = time.perf_counter()
    for text in texts:
        vader.polarity(text)
    return len(texts) / (time.perf_counter() - start)


async def time_pipeline(
    folder: Path, n: int, classifier: str, url: str
) -> tuple[float, dict[str, object], int, dict[str, float]]:
    """The same stages as `App.run_once`, timed one by one."""
    config_path = folder / "config.toml"
    text = CONFIG.format(db=url, samples=folder / "m.jsonl", classifier=classifier)
    config_path.write_text(text)
    sinks = {"console": NullSink("console"), "cases": NullSink("cases")}
    async with App(load_config(config_path), responders=sinks) as app:
        stages: dict[str, float] = {}
        start = time.perf_counter()
        app.pollers = [app._poller(s) for s in app.sources]  # a catch-up, as run --once
        await asyncio.gather(*(p.run() for p in app.pollers))
        stages["ingest"] = time.perf_counter() - start
        await app.process_all()
        stages["read+decide"] = time.perf_counter() - start - stages["ingest"]
        await app.outbox.drain()
        elapsed = time.perf_counter() - start
        stages["deliver"] = elapsed - stages["ingest"] - stages["read+decide"]
        data = report(app.store)
    return n / elapsed, data, sum(s.count for s in sinks.values()), stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic mentions (100000)")
    parser.add_argument(
        "--classifier",
        default="vader",
        help="vader (the scale goal's, used when not given), ngram or e5 (mentiondesk's default)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store-url", help="an empty database to run on (a SQLite file if not given)"
    )
    where.add_argument(
        "--postgres", action="store_true", help="a throw-away database on 127.0.0.1, user postgres"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        url = args.store_url or f"sqlite:///{folder / 'bench.db'}"
        if args.postgres:
            url = stack.enter_context(throwaway_postgres())
        texts = write_jsonl(folder / "m.jsonl", args.n)
        vader_rate = time_vader(texts)
        samples: list[float] = []
        stop = threading.Event()
        sampler = threading.Thread(target=sample_rss, args=(samples, stop), daemon=True)
        sampler.start()
        run = time_pipeline(folder, args.n, args.classifier, url)
        rate, data, delivered, stages = asyncio.run(run)
        stop.set()
        sampler.join()
    quarters = [samples[int(len(samples) * q)] for q in (0.25, 0.5, 0.75)] if samples else []
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"mentions: {data['mentions']}  cases: {data['cases_total']}  "
        f"drafts: {data['drafts_pending']}  outbox deliveries: {delivered}"
    )
    print(f"raw VADER:  {vader_rate:10.0f} texts/s")
    print(
        f"pipeline ({args.classifier}): {rate:7.0f} mentions/s   "
        f"ratio vs VADER {rate / vader_rate:.2f}"
    )
    print("stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    print("RSS at 25/50/75% of the run (MB): " + " / ".join(f"{q:.0f}" for q in quarters))
    print(
        f"store={sa.make_url(url).get_backend_name()} "
        f"n={args.n} mentions_per_s={rate:.0f} vader_texts_per_s={vader_rate:.0f} "
        f"ratio_vs_vader={rate / vader_rate:.2f} peak_rss_mb={peak:.0f}"
    )


if __name__ == "__main__":
    main()
