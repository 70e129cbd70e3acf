"""What counting first responses in business hours costs the dashboard, SQLite and PostgreSQL.

    .venv/bin/python bench/business_hours.py [--n 100000] [--rounds 15] [--backends …]

Fills bench/desk.py's store (N mentions over 90 days, N/5 cases), then times the 30- and
90-day first-response figures (metrics.first_response) with and without a Mon–Fri
09:00–18:00 calendar in São Paulo, alternating the two so that a busy machine slows both
alike; prints the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# Run as `python bench/x.py`: the checkout's packages first (bench/sentiment.py is not them).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.desk import database, fill
from mentiondesk.business_hours import BusinessHours, parse_clock, parse_days
from mentiondesk.metrics import first_response
from mentiondesk.period import last_days
from mentiondesk.store import Store

ZONE = ZoneInfo("America/Sao_Paulo")
HOURS = BusinessHours(parse_days("mon-fri"), parse_clock("09:00"), parse_clock("18:00"), ZONE)


def run(backend: str, n: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        store = Store(url)
        store.create_all()
        now = datetime.now(UTC)
        fill(store, n, now)
        with store.engine.connect() as conn:
            for days in (30, 90):
                period = last_days(now, days, ZONE)
                clock, both = [], []
                answered = first_response(conn, period).count
                for _ in range(rounds):
                    start = time.perf_counter()
                    first_response(conn, period)
                    clock.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    first_response(conn, period, HOURS)
                    both.append(time.perf_counter() - start)
                print(
                    f"{backend:>10} {days} days ({answered:,} answered): clock only "
                    f"{statistics.median(clock) * 1000:.0f} ms, with business hours "
                    f"{statistics.median(both) * 1000:.0f} ms"
                )
        store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="mentions (cases: n/5)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        run(backend, args.n, args.rounds)


if __name__ == "__main__":
    main()
