"""What counting first responses in business hours costs the dashboard, SQLite and PostgreSQL.

    .venv/bin/python bench/business_hours.py [--n 100000] [--rounds 15] [--backends …]

Fills bench/desk.py's store (N mentions over 90 days, N/5 cases), then times the 30- and
90-day first-response figures (metrics.first_response) with and without a Mon–Fri
09:00–18:00 calendar in São Paulo, with a shift per day ("Mon–Fri 08:00–18:00, Sat
09:00–13:00, Sun 20:00–02:00"), and with split shifts ("Mon–Fri 08:00–12:00 and
13:00–18:00, Sat 09:00–13:00 and 14:00–16:00"), alternating them so that a busy machine
slows all alike; prints the medians.
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
from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import parse_clock, parse_days, parse_shift, same_shift_week
from mentiondesk.metrics import first_response
from mentiondesk.period import last_days
from mentiondesk.store import Store

ZONE = ZoneInfo("America/Sao_Paulo")
HOURS = BusinessHours(
    same_shift_week(parse_days("mon-fri"), (parse_clock("09:00"), parse_clock("18:00"))), ZONE
)
# A shift per day, Sunday's past midnight: the same one pass over the days, so the same cost.
DAY, SATURDAY, NIGHT = ((parse_shift(s),) for s in ("08:00-18:00", "09:00-13:00", "20:00-02:00"))
SHIFTS = BusinessHours((DAY, DAY, DAY, DAY, DAY, SATURDAY, NIGHT), ZONE)
# Split shifts: twice the windows to place, the same one pass and one binary search a moment.
LUNCH = tuple(parse_shift(s) for s in ("08:00-12:00", "13:00-18:00"))
SPLIT_SATURDAY = tuple(parse_shift(s) for s in ("09:00-13:00", "14:00-16:00"))
SPLIT = BusinessHours((LUNCH, LUNCH, LUNCH, LUNCH, LUNCH, SPLIT_SATURDAY, ()), ZONE)


def run(backend: str, n: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        store = Store(url)
        store.create_all()
        now = datetime.now(UTC)
        fill(store, n, now)
        with store.engine.connect() as conn:
            for days in (30, 90):
                period = last_days(now, days, ZONE)
                answered = first_response(conn, period).count
                names = ("clock only", "mon-fri", "per day", "split")
                times: dict[str, list[float]] = {name: [] for name in names}
                for _ in range(rounds):
                    for name, hours in zip(times, (None, HOURS, SHIFTS, SPLIT), strict=True):
                        start = time.perf_counter()
                        first_response(conn, period, hours)
                        times[name].append(time.perf_counter() - start)
                medians = (
                    f"{name} {statistics.median(t) * 1000:.0f} ms" for name, t in times.items()
                )
                print(f"{backend:>10} {days} days ({answered:,} answered): {', '.join(medians)}")
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
