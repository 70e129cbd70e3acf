"""A synthetic year for a PostgreSQL store, loaded by COPY: authors, mentions and readings,
cases with first responses and follow-ups, drafts, outbox actions and deliveries, surveys.

Proportions as a busy desk's: about 0.6 cases a mention, a draft a case, a reply queued for
each answered case (most delivered), alerts and tickets for some, CSAT and NPS answers for
a share of the resolved cases (some answered twice). Deterministic for a seed and `now`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

import psycopg

from mentiondesk.erasure_payloads import ERASED

PLATFORMS = ["x", "bluesky", "mastodon", "reddit", "youtube"]
LABELS = (["negative"] * 30) + (["neutral"] * 45) + (["positive"] * 25)
LANGS = ["en"] * 55 + ["pt"] * 35 + ["es"] * 5 + ["und"] * 5
TOPICS = ["", "", "", "delivery", "price", "product,price", "support", "delivery,support"]
REASONS = ["delivery", "refund", "billing", "product", "support", "other", None]
YEAR = 365 * 24 * 3600


def _copy(conn: psycopg.Connection[Any], table: str, cols: Sequence[str], rows: Any) -> int:
    n = 0
    with conn.cursor() as cur, cur.copy(f'COPY "{table}" ({", ".join(cols)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _authors(rnd: random.Random, n: int, now: datetime) -> Iterator[tuple[Any, ...]]:
    for i in range(n):
        yield (i + 1, PLATFORMS[i % 5], f"a{i}", f"user{i}", f"User {i}",
               rnd.randint(0, 50_000), False, now - timedelta(days=400))  # fmt: skip


def _mentions(rnd: random.Random, n: int, n_authors: int, now: datetime) -> list[tuple[Any, ...]]:
    """(id, author, created_at, label, reason) for every mention, oldest first: the other
    tables are drawn from these."""
    stamps = sorted(now - timedelta(seconds=YEAR * rnd.random() ** 1.15) for _ in range(n))
    out = []
    for i, created in enumerate(stamps):
        # A few loud authors write much of the traffic: a Zipf-like draw.
        author = min(int(n_authors * rnd.random() ** 2.5), n_authors - 1) + 1
        label = rnd.choice(LABELS)
        reason = rnd.choice(REASONS) if label == "negative" else None
        out.append((i + 1, author, created, label, reason))
    return out


def _mention_rows(rnd: random.Random, base: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for mid, author, created, _, _ in base:
        yield (mid, PLATFORMS[(author - 1) % 5], f"m{mid}", "bench", author,
               f"mention {mid} " + "lorem " * rnd.randint(2, 40), "", None, created, created,
               f"t{mid // 3}", None, True)  # fmt: skip


def _reading_rows(rnd: random.Random, base: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for mid, _, created, label, reason in base:
        frustration = rnd.randint(0, 3) if label == "negative" else 0
        # No advice (bystanders.py): a case's opener never is, and the draws stay as before,
        # so figures compare with earlier runs'.
        yield (mid, "bench", label, rnd.random(), rnd.choice(LANGS), rnd.choice(TOPICS), reason,
               frustration, rnd.random() < 0.1, False, created)  # fmt: skip


def _cases(rnd: random.Random, base: list[tuple[Any, ...]], now: datetime) -> list[tuple[Any, ...]]:
    """(id, mention, author, status, opened, first_response, closed): a case for 60 % of the
    mentions (every complaint, most questions and some others); recent ones mostly open."""
    cases = []
    for mid, author, created, label, _ in base:
        if rnd.random() >= (0.95 if label == "negative" else 0.45):
            continue
        opened = created + timedelta(seconds=rnd.randint(5, 120))
        fresh = now - opened < timedelta(days=3)
        weights = [40, 45, 15] if fresh else [3, 67, 30]
        status = rnd.choices(["open", "resolved", "closed"], weights)[0]
        answered = None
        if status != "open" or rnd.random() < 0.3:
            answered = opened + timedelta(seconds=int(rnd.expovariate(1 / 5400)) + 30)
        closed = None
        if status != "open":
            closed = (answered or opened) + timedelta(hours=rnd.randint(1, 72))
        cases.append((len(cases) + 1, mid, author, status, opened, answered, closed))
    return cases


def _case_rows(rnd: random.Random, cases: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for cid, mid, author, status, opened, answered, closed in cases:
        yield (cid, mid, author, "complaint", status, rnd.randint(0, 5), opened, answered, closed)


def _follow_ups(
    rnd: random.Random, base: list[tuple[Any, ...]], cases: list[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    """A later post by a case's author joins their latest case: about one post in ten; one such
    follow-up in twenty says the problem is solved (follow_up.resolves)."""
    cased = {c[1] for c in cases}
    latest: dict[int, tuple[int, datetime]] = {}
    by_mention = {c[1]: c for c in cases}
    fid = 0
    for mid, author, created, _, _ in base:
        if mid in cased:
            case = by_mention[mid]
            latest[author] = (case[0], case[4])
        elif author in latest and rnd.random() < 0.5:
            fid += 1
            yield (fid, latest[author][0], mid, created, rnd.random() < 0.05)


def _drafts(rnd: random.Random, cases: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    for cid, mid, _, _, opened, answered, _ in cases:
        state = "pending" if answered is None else rnd.choice(["approved"] * 8 + ["rejected"])
        yield (cid, mid, cid, rnd.choice(["private", "public"]), "Sorry! DM us.", "en",
               "complaint", rnd.random() < 0.2, state, opened, answered, None)  # fmt: skip


def _outbox(
    rnd: random.Random, cases: list[tuple[Any, ...]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """A reply for each answered case, an alert for 10 % and a ticket for 20 % of the cases;
    most delivered (a delivery row each), some waiting, held or erased."""
    outbox: list[tuple[Any, ...]] = []
    deliveries: list[tuple[Any, ...]] = []
    for cid, _, _, _, opened, answered, _ in cases:
        kinds = [("post", answered)] if answered else []
        if rnd.random() < 0.1:
            kinds.append(("alert", opened + timedelta(seconds=5)))
        if rnd.random() < 0.2:
            kinds.append(("ticket", opened + timedelta(seconds=10)))
        for kind, at in kinds:
            oid = len(outbox) + 1
            status = rnd.choices(["done", "pending", "held"], [94, 4, 2])[0]
            error = ERASED if kind == "post" and rnd.random() < 0.01 else None
            outbox.append((oid, f"o{oid}", kind, "t", cid, "{}", status, 1, at, None, error, at,
                           "x", f"e{oid}"))  # fmt: skip
            if status == "done":
                did = len(deliveries) + 1
                sent = at + timedelta(seconds=2)
                deliveries.append((did, f"d{did}", oid, kind, "t", None, None, sent))
    return outbox, deliveries


def _surveys(rnd: random.Random, cases: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    sid = 0
    for cid, _, _, status, _, _, closed in cases:
        if status != "resolved":
            continue
        for kind, share, top in (("csat", 0.15, 5), ("nps", 0.08, 10)):
            if rnd.random() < share:
                for again in range(2 if rnd.random() < 0.05 else 1):
                    sid += 1
                    yield (sid, cid, kind, rnd.randint(1 if kind == "csat" else 0, top),
                           closed + timedelta(hours=2 + again))  # fmt: skip


_COLUMNS = {
    "author": "id platform external_id handle name followers do_not_contact first_seen",
    "mention": "id platform external_id source author_id text url lang created_at ingested_at "
    "thread_id parent_id processed",
    "reading": "mention_id classifier label score lang topics reason frustration is_question "
    "advice created_at",
    "case": "id mention_id author_id rule status priority opened_at first_response_at closed_at",
    "follow_up": "id case_id mention_id created_at resolves",
    "draft": "id mention_id case_id kind text lang rule auto status created_at decided_at "
    "decided_by",
    "outbox": "id key kind target case_id payload status attempts next_attempt_at lease_until "
    "last_error created_at platform external_id",
    "delivery": "id key outbox_id kind target ref url delivered_at",
    "survey": "id case_id kind score answered_at",
}


def fill(dsn: str, n: int, now: datetime, *, seed: int = 7) -> dict[str, int]:
    """Load a year of `n` mentions into the (empty, created) store at `dsn`; rows per table."""
    rnd = random.Random(seed)
    base = _mentions(rnd, n, max(n // 6, 1), now)
    cases = _cases(rnd, base, now)
    outbox, deliveries = _outbox(rnd, cases)
    tables: list[tuple[str, Any]] = [
        ("author", _authors(rnd, max(n // 6, 1), now)),
        ("mention", _mention_rows(rnd, base)),
        ("reading", _reading_rows(rnd, base)),
        ("case", _case_rows(rnd, cases)),
        ("follow_up", _follow_ups(rnd, base, cases)),
        ("draft", _drafts(rnd, cases)),
        ("outbox", outbox),
        ("delivery", deliveries),
        ("survey", _surveys(rnd, cases)),
    ]
    counts = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        for table, rows in tables:
            start = time.perf_counter()
            counts[table] = _copy(conn, table, _COLUMNS[table].split(), rows)
            print(f"  {table}: {counts[table]:,} rows in {time.perf_counter() - start:.1f} s")
            if table not in ("reading",):  # the ids were given: the next insert goes after
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), {counts[table]})"
                )
        conn.execute("VACUUM ANALYZE")
    return counts
