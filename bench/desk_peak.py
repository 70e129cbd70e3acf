"""A Black Friday store: `cases list` ranking, and the case page of a long thread and a long case.

    .venv/bin/python bench/desk_peak.py [--n 100000] [--thread 2000] [--follow-ups 300]
                                        [--runs 20] [--backends sqlite,postgresql]

Fills a store as bench/desk.py does (N mentions, N/5 cases), adds the brand's promotion
post with --thread replies in one thread and one author's case with --follow-ups later
mentions, then prints:

- the case page's thread of a reply deep in the promotion's: the query of old (one OR, by
  date: PostgreSQL walked the store's posts in date order) against the one now, p50 ms;
- `cases list` (open and resolved): the ranking of old (every case sorted on its held reply
  and its wait, one statement) against list_cases now, p50 ms and the ratio;
- the case page of a reply deep in the thread and of the long case's latest follow-up: the
  statements it runs, its rows, whether it shows the mention itself (the thread's first
  THREAD_LIMIT posts of old did not) and the case's latest follow-up (its first ones did not);
- the dashboard's "won back" over 90 days (every author of the period grouped, of old, against
  only those who complained), and the 90-day dashboard with each, p50 ms and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mentiondesk.figures
from bench.desk import _insert, database, fill
from bench.peak2_old import old_won_back
from mentiondesk.cases import follow_up_count
from mentiondesk.figures import load_period
from mentiondesk.held_replies import held_first
from mentiondesk.period import last_days
from mentiondesk.queue_views import follow_ups_frustration, list_cases
from mentiondesk.queue_waiting import waiting_since
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, FOLLOW_UP, MENTION, READING
from mentiondesk.web.data_case import THREAD_LIMIT, load_detail
from mentiondesk.web.data_case_rows import MentionData, first, select_of
from mentiondesk.web.data_case_thread import thread
from mentiondesk.won_back import won_back


def old_ranking(store: Store, status: str, limit: int = 100) -> list[Any]:
    """`cases list` as it ranked before: every case of `status` ordered in one statement."""
    query = (
        sa.select(CASE, READING.c.label, MENTION.c.platform, AUTHOR.c.handle)
        .add_columns(follow_up_count(), follow_ups_frustration())
        .join(MENTION, MENTION.c.id == CASE.c.mention_id)
        .join(READING, READING.c.mention_id == CASE.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == CASE.c.author_id)
        .where(CASE.c.status == status)
        .order_by(held_first(), CASE.c.priority.desc(), waiting_since(), CASE.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).all())


def old_thread(store: Store, mention_id: int) -> list[Any]:
    """The case page's thread as it was read before: one OR over thread and parent, ordered
    by date, its first THREAD_LIMIT posts."""
    with store.engine.connect() as conn:
        m = conn.execute(sa.select(MENTION).where(MENTION.c.id == mention_id)).one()
        root = m.thread_id or m.external_id
        in_thread = sa.or_(MENTION.c.thread_id == root, MENTION.c.parent_id == root)
        query = (
            sa.select(MENTION.c.id, MENTION.c.text, MENTION.c.created_at, AUTHOR.c.handle)
            .add_columns(READING.c.lang, READING.c.advice, AUTHOR.c.name)
            .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
            .outerjoin(READING, READING.c.mention_id == MENTION.c.id)
            .where(sa.or_(MENTION.c.id == mention_id, in_thread))
            .where(MENTION.c.platform == m.platform)
            .order_by(MENTION.c.created_at, MENTION.c.id)
            .limit(THREAD_LIMIT)
        )
        return list(conn.execute(query).all())


def new_thread(store: Store, mention_id: int) -> list[Any]:
    with store.engine.connect() as conn:
        query = select_of(MENTION, MentionData).where(MENTION.c.id == mention_id)
        mention = first(conn, MentionData, query)
        assert mention is not None
        return list(thread(conn, mention))


def add_thread_and_case(
    store: Store, replies: int, follow_ups: int, now: datetime
) -> tuple[int, int]:
    """The promotion's thread (one reply each by its own author) and one author's long case;
    (the id of a reply three quarters into the thread, the case's latest follow-up's id)."""
    with store.engine.connect() as conn:
        first = int(conn.scalar(sa.select(sa.func.max(MENTION.c.id))) or 0) + 1
        author = int(conn.scalar(sa.select(sa.func.max(AUTHOR.c.id))) or 0) + 1
        case_id = int(conn.scalar(sa.select(sa.func.max(CASE.c.id))) or 0) + 1
    n = replies + follow_ups + 1
    ids = range(first, first + n)
    at = {i: now - timedelta(minutes=n - (i - first)) for i in ids}
    in_thread = set(range(first, first + replies))
    authors = [
        {"id": author + k, "platform": "x", "external_id": f"peak{k}", "handle": f"peak{k}",
         "name": "P", "followers": 1, "first_seen": now}
        for k in range(replies + 1)
    ]  # fmt: skip
    loyal = author + replies  # the long case's author
    mentions = [
        {"id": i, "platform": "x", "external_id": f"pk{i}", "source": "bench",
         "author_id": author + (i - first) if i in in_thread else loyal,
         "text": f"peak {i}", "url": "", "lang": "pt", "created_at": at[i], "ingested_at": at[i],
         "thread_id": "promo" if i in in_thread else f"own{i}", "processed": True}
        for i in ids
    ]  # fmt: skip
    readings = [
        {"mention_id": i, "classifier": "bench", "label": "negative", "score": 0.9, "lang": "pt",
         "topics": "", "frustration": 2, "reason": "delivery", "is_question": False,
         "created_at": at[i]}
        for i in ids
    ]  # fmt: skip
    opener = first + replies
    _insert(store, AUTHOR, authors)
    _insert(store, MENTION, mentions)
    _insert(store, READING, readings)
    _insert(store, CASE, [
        {"id": case_id, "mention_id": opener, "author_id": loyal, "rule": "complaint",
         "status": "open", "priority": 5, "opened_at": at[opener]}])  # fmt: skip
    joined = [{"case_id": case_id, "mention_id": i, "created_at": at[i]} for i in ids if i > opener]
    _insert(store, FOLLOW_UP, joined)
    return first + replies * 3 // 4, first + n - 1


def p50_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_p50_ms(
    before: Callable[[], object], after: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Both timed in turn, run after run: a loaded machine slows the two alike."""
    pairs = [(p50_ms(before, 1), p50_ms(after, 1)) for _ in range(runs)]
    return statistics.median(b for b, _ in pairs), statistics.median(a for _, a in pairs)


def statements(store: Store, work: Callable[[], object]) -> int:
    count = [0]

    def before(*_: Any) -> None:
        count[0] += 1

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        work()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)
    return count[0]


def won_back_figures(store: Store, backend: str, runs: int) -> dict[str, float]:
    """Won back over 90 days, and the 90-day dashboard, with the old query and the new."""
    short, now = ("pg" if backend == "postgresql" else "sqlite"), datetime.now(UTC)
    period, out = last_days(now, 90), {}
    with store.engine.connect() as conn:
        assert old_won_back(conn, period) == won_back(conn, period)  # the same figure
        before, after = paired_p50_ms(
            lambda: old_won_back(conn, period), lambda: won_back(conn, period), runs
        )
    print(f"{backend:>10} won back, 90 days: old {before:6.1f} ms  now {after:6.1f} ms"
          f"  ratio {before / after:4.1f}x")  # fmt: skip
    out[f"{short}_won_back_ratio"] = round(before / after, 1)

    def dashboard(old: bool) -> object:
        mentiondesk.figures.won_back = old_won_back if old else won_back  # type: ignore[assignment]
        try:
            return load_period(store, period, now=now)
        finally:
            mentiondesk.figures.won_back = won_back

    before, after = paired_p50_ms(lambda: dashboard(True), lambda: dashboard(False), runs)
    print(f"{backend:>10} dashboard, 90 days: old {before:6.1f} ms  now {after:6.1f} ms"
          f"  ratio {before / after:4.1f}x")  # fmt: skip
    out[f"{short}_dashboard_ratio"] = round(before / after, 1)
    return out


def run(backend: str, args: argparse.Namespace) -> dict[str, float]:
    out: dict[str, float] = {}
    short = "pg" if backend == "postgresql" else "sqlite"
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        store = Store(url)
        store.create_all()
        now = datetime.now(UTC)
        fill(store, args.n, now)
        deep, latest = add_thread_and_case(store, args.thread, args.follow_ups, now)
        if backend == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))
        for status in ("open", "resolved"):
            old_ranking(store, status), list_cases(store, status=status)  # warm
            before, after = paired_p50_ms(
                lambda s=status: old_ranking(store, s),  # type: ignore[misc]
                lambda s=status: list_cases(store, status=s),  # type: ignore[misc]
                args.runs,
            )
            print(f"{backend:>10} cases list {status:>8}: old {before:6.1f} ms  now {after:6.1f} ms"
                  f"  ratio {before / after:4.1f}x")  # fmt: skip
            out[f"{short}_cases_{status}_ratio"] = round(before / after, 1)
        before, after = paired_p50_ms(
            lambda: old_thread(store, deep), lambda: new_thread(store, deep), args.runs
        )
        print(f"{backend:>10} thread of the case page: old {before:6.1f} ms  now {after:6.1f} ms"
              f"  ratio {before / after:4.1f}x")  # fmt: skip
        out[f"{short}_thread_ratio"] = round(before / after, 1)
        for name, mention in (("thread", deep), ("case", latest)):
            load_detail(store, mention)  # warm
            said = statements(store, lambda m=mention: load_detail(store, m))  # type: ignore[misc]
            ms = p50_ms(lambda m=mention: load_detail(store, m), args.runs)  # type: ignore[misc]
            detail = load_detail(store, mention)
            assert detail is not None
            shown = [t.id for t in detail.thread] if name == "thread" else [
                c.id for c in detail.case_mentions]  # fmt: skip
            where = args.thread * 3 // 4 + 1 if name == "thread" else args.follow_ups + 1
            print(f"{backend:>10} case page ({name}): {said} statements, {len(shown)} rows,"
                  f" shows the mention (#{where} of its {name}; of old only the first"
                  f" {THREAD_LIMIT} were): {mention in shown}, p50 {ms:.1f} ms")  # fmt: skip
            out[f"{short}_{name}_page_statements"] = said
        out |= won_back_figures(store, backend, args.runs)
        store.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="mentions (cases: n/5)")
    parser.add_argument("--thread", type=int, default=2_000, help="replies in one thread")
    parser.add_argument("--follow-ups", type=int, default=300, help="follow-ups in one case")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    figures: dict[str, float] = {"n": args.n}
    for backend in args.backends.split(","):
        figures |= run(backend, args)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
