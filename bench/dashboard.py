"""The dashboard's figures on a year of data in PostgreSQL: load time per period, each query's
time, and the figures themselves as JSON (to compare before and after a change).

    .venv/bin/python bench/dashboard.py [--n 1000000] [--url URL] [--keep] [--runs 5]
                                        [--dump FILE] [--explain FILE] [--compare FILE]
                                        [--hours]

Without --url it creates a database at 127.0.0.1:5432 (user postgres), loads a synthetic year
of N mentions into it by COPY (bench/_year.py) and drops it afterwards, unless --keep (then
pass its URL with --url next time). Times load_dashboard, what GET /dashboard calls, for 7,
30 and 90 days (median of --runs after a warm-up) and prints each statement's share.
--dump writes every figure of each period (the dashboard's and the report's) as JSON;
--compare reads such a file and says whether this run's figures are the same, byte for byte.
--explain writes EXPLAIN ANALYZE of each statement of the 90-day load. --hours loads it as a
desk with [desk] business_hours does (Monday to Friday, 09:00-18:00 in --zone): first
responses are counted in business hours too, the answered cases' moments read into Python.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._year_db import NOW, add_arguments, year_store
from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import same_shift_week
from mentiondesk.period import last_days
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.web.data_dash import PERIODS, load_dashboard


class Statements:
    """Each statement the engine runs, with its parameters and time."""

    def __init__(self, store: Store) -> None:
        self.seen: list[tuple[str, Any, float]] = []
        self._start = 0.0
        self._engine = store.engine
        sa.event.listen(store.engine, "before_cursor_execute", self._before)
        sa.event.listen(store.engine, "after_cursor_execute", self._after)

    def close(self) -> None:
        sa.event.remove(self._engine, "before_cursor_execute", self._before)
        sa.event.remove(self._engine, "after_cursor_execute", self._after)

    def _before(self, _c: Any, _cur: Any, _stmt: str, _params: Any, *_: Any) -> None:
        self._start = time.perf_counter()

    def _after(self, _c: Any, _cur: Any, stmt: str, params: Any, *_: Any) -> None:
        self.seen.append((stmt, params, time.perf_counter() - self._start))


def figures(store: Store, days: int, zone: ZoneInfo, hours: BusinessHours | None) -> str:
    """Every figure of the period, the dashboard's and the report's, as JSON text."""
    dash = load_dashboard(store, days=days, now=NOW, zone=zone, hours=hours)
    period = last_days(NOW, days, zone)
    report = period_report(store, period, now=NOW, zone=zone, hours=hours, exact=True)
    both = {"dashboard": dataclasses.asdict(dash), "report": report}
    return json.dumps(both, default=str, sort_keys=True, indent=1)


def timings(
    store: Store, zone: ZoneInfo, runs: int, hours: BusinessHours | None
) -> dict[int, float]:
    out = {}
    for days in PERIODS:
        load_dashboard(store, days=days, now=NOW, zone=zone, hours=hours)  # warm-up: caches, plans
        took = []
        for _ in range(runs):
            start = time.perf_counter()
            load_dashboard(store, days=days, now=NOW, zone=zone, hours=hours)
            took.append(time.perf_counter() - start)
        out[days] = statistics.median(took)
        fastest = min(took) * 1000
        print(f"{days:>3} days: median {out[days] * 1000:7.0f} ms of {runs} (min {fastest:.0f})")
    return out


def statements(
    store: Store, zone: ZoneInfo, days: int, hours: BusinessHours | None
) -> list[tuple[str, Any, float]]:
    watch = Statements(store)
    load_dashboard(store, days=days, now=NOW, zone=zone, hours=hours)
    watch.close()
    print(f"{days} days: {len(watch.seen)} statements")
    for stmt, _, took in sorted(watch.seen, key=lambda s: -s[2])[:8]:
        print(f"  {took * 1000:7.0f} ms  {' '.join(stmt.split())[:110]}")
    return watch.seen


def explain(store: Store, seen: list[tuple[str, Any, float]], path: Path) -> None:
    with store.engine.connect() as conn, path.open("w", encoding="utf-8") as out:
        for stmt, params, _ in seen:
            plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + stmt, params).all()
            out.write(stmt + "\n" + "\n".join(r[0] for r in plan) + "\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zone", default="America/Sao_Paulo")
    parser.add_argument("--dump", type=Path, help="write every figure as JSON here")
    parser.add_argument("--compare", type=Path, help="a --dump file: same figures?")
    parser.add_argument("--explain", type=Path, help="write EXPLAIN ANALYZE of the 90 days")
    parser.add_argument("--hours", action="store_true", help="with business hours, 9-18 Mon-Fri")
    args = parser.parse_args()
    zone = ZoneInfo(args.zone)
    week = same_shift_week(frozenset(range(5)), (9 * 60, 18 * 60))
    hours = BusinessHours(week, zone) if args.hours else None
    with year_store(args) as store:
        if args.runs:
            timings(store, zone, args.runs, hours)
        for days in PERIODS:
            seen = statements(store, zone, days, hours)
        if args.explain:
            explain(store, seen, args.explain)
        dumped = "\n".join(figures(store, days, zone, hours) for days in PERIODS)
        if args.dump:
            args.dump.write_text(dumped, encoding="utf-8")
        if args.compare:
            same = args.compare.read_text(encoding="utf-8") == dumped
            print("figures: identical" if same else "figures: DIFFERENT")


if __name__ == "__main__":
    main()
