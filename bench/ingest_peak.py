"""Ingest at Black Friday: a batch's auto-reply cap, and a ticket asked for on a long case.

    .venv/bin/python bench/ingest_peak.py [--batch 200] [--follow-ups 2000] [--runs 10]
                                          [--backends sqlite,postgresql]

Fills a store with --batch authors, each auto-replied to twice today, and one author's case
with --follow-ups follow-ups, then prints, old against now in the same run (p50 ms, ratio):

- the cap's counts for a batch of --batch authors' posts: one count per author, of old,
  against one grouped count (statements each);
- the case's posts a ticket on its latest follow-up carries: every post of the case loaded
  (text, author), of old, against only those the ticket shows (rows each).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.desk import _insert, database
from bench.desk_peak import paired_p50_ms, statements
from bench.peak2_old import old_auto_replies_sent
from mentiondesk.auto_reply_cap import auto_replies_sent
from mentiondesk.case_history import case_mentions, case_tails, earlier
from mentiondesk.decisions import Decision, DraftPlan
from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, READING


def fill(store: Store, authors: int, follow_ups: int, now: datetime) -> tuple[int, int]:
    """`authors` authors with two auto-replied posts today each, and one more author's case
    of `follow_ups` follow-ups; (the case's id, its latest follow-up's id)."""
    rows = [
        {"id": a, "platform": "x", "external_id": f"a{a}", "handle": f"h{a}", "name": "N",
         "followers": 1, "first_seen": now}
        for a in range(1, authors + 2)
    ]  # fmt: skip
    loyal, posts = authors + 1, 2 * authors + follow_ups + 1
    mentions = [
        {"id": i, "platform": "x", "external_id": f"m{i}", "source": "bench",
         "author_id": (i - 1) % authors + 1 if i <= 2 * authors else loyal,
         "text": f"post {i} " + "lorem " * 30, "url": "", "lang": "pt", "processed": True,
         "created_at": now - timedelta(minutes=posts - i),
         "ingested_at": now - timedelta(minutes=posts - i)}
        for i in range(1, posts + 1)
    ]  # fmt: skip
    readings = [
        {"mention_id": i, "classifier": "bench", "label": "negative", "score": 0.9, "lang": "pt",
         "topics": "", "frustration": 2, "is_question": False, "created_at": now}
        for i in range(1, posts + 1)
    ]  # fmt: skip
    drafts = [
        {"mention_id": i, "kind": "public", "text": "Valeu!", "lang": "pt", "rule": "thanks",
         "auto": True, "status": "sent", "created_at": now - timedelta(hours=1)}
        for i in range(1, 2 * authors + 1)
    ]  # fmt: skip
    opener = 2 * authors + 1
    _insert(store, AUTHOR, rows)
    _insert(store, MENTION, mentions)
    _insert(store, READING, readings)
    _insert(store, DRAFT, drafts)
    _insert(store, CASE, [
        {"id": 1, "mention_id": opener, "author_id": loyal, "rule": "complaint",
         "status": "open", "priority": 5, "opened_at": now - timedelta(days=3)}])  # fmt: skip
    joined = [
        {"case_id": 1, "mention_id": i, "created_at": now} for i in range(opener + 1, posts + 1)
    ]
    _insert(store, FOLLOW_UP, joined)
    return 1, posts


def _batch(authors: int) -> list[Decision]:
    """A batch of thank-yous, one per author, each with a reply a rule may auto-send."""
    plan = DraftPlan("public", "Valeu!", "pt", "thanks", auto=True)
    reading = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    who = Author(id="a", handle="h", name="N")
    mention = Mention("x", "new", who, "obrigada", datetime.now(UTC))
    return [Decision(0, a, mention, reading, drafts=(plan,)) for a in range(1, authors + 1)]


def run(backend: str, args: argparse.Namespace) -> dict[str, float]:
    out: dict[str, float] = {}
    short = "pg" if backend == "postgresql" else "sqlite"
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp)) as url:
        store = Store(url)
        store.create_all()
        now = datetime.now(UTC)
        case, latest = fill(store, args.batch, args.follow_ups, now)
        if backend == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(sa.text("ANALYZE"))
        batch, since = _batch(args.batch), now - timedelta(days=1)
        authors = {d.author_id for d in batch}
        with store.engine.connect() as conn:
            assert old_auto_replies_sent(conn, authors, since) == auto_replies_sent(
                conn, batch, since
            )  # the same counts
            old_n = statements(store, lambda: old_auto_replies_sent(conn, authors, since))
            new_n = statements(store, lambda: auto_replies_sent(conn, batch, since))
            before, after = paired_p50_ms(
                lambda: old_auto_replies_sent(conn, authors, since),
                lambda: auto_replies_sent(conn, batch, since),
                args.runs,
            )
            print(f"{backend:>10} auto-reply cap, {args.batch} authors: old {old_n} statements"
                  f" {before:6.1f} ms  now {new_n} {after:6.1f} ms"
                  f"  ratio {before / after:4.1f}x")  # fmt: skip
            out[f"{short}_cap_ratio"] = round(before / after, 1)
            out |= _history(conn, backend, case, latest, args.runs)
        store.dispose()
    return out


def _history(conn: Any, backend: str, case: int, latest: int, runs: int) -> dict[str, float]:
    """A ticket on the long case's latest follow-up: the posts loaded for what it carries."""
    short = "pg" if backend == "postgresql" else "sqlite"
    old = case_mentions(conn, {case})[case]
    new = case_tails(conn, {case: {latest}})[case]
    assert earlier(old, latest) == earlier(new, latest)  # the ticket carries the same posts
    before, after = paired_p50_ms(
        lambda: case_mentions(conn, {case}), lambda: case_tails(conn, {case: {latest}}), runs
    )
    print(f"{backend:>10} ticket on a case of {len(old)} posts: old {len(old)} posts loaded"
          f" {before:6.1f} ms  now {len(new)} {after:6.1f} ms"
          f"  ratio {before / after:4.1f}x")  # fmt: skip
    return {f"{short}_history_ratio": round(before / after, 1), f"{short}_history_rows": len(new)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=200, help="authors in one batch")
    parser.add_argument("--follow-ups", type=int, default=2_000, help="follow-ups in one case")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    figures: dict[str, float] = {"batch": args.batch}
    for backend in args.backends.split(","):
        figures |= run(backend, args)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
