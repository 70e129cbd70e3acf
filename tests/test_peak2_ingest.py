"""Ingest at Black Friday: a batch's auto-reply cap is one count, whatever the number of
authors (one per author was as many statements per batch), and a follow-up that asks for a
ticket on a long case loads the few posts its ticket carries, not the whole case."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.case_history import MOST_EARLIER
from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan, record
from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION, OUTBOX
from tests.desk.seed import add

ROUTE = {"default": "console"}


@contextmanager
def _said(store: Store) -> Iterator[list[tuple[str, Any]]]:
    said: list[tuple[str, Any]] = []

    def before(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        said.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield said
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)


def _praise(store: Store, handle: str, n: int, *, auto: bool = True) -> Decision:
    """A stored thank-you by `handle`, decided with a public reply a rule may auto-send."""
    author = Author(id=f"u-{handle}", handle=handle, name=handle.title(), followers=10)
    mention = Mention(
        platform="x",
        external_id=f"p-{handle}-{n}",
        author=author,
        text="obrigada!",
        created_at=datetime.now(UTC),
    )
    store.ingest("t", [mention], None)
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(MENTION.c.id, MENTION.c.author_id).where(
                MENTION.c.external_id == mention.external_id
            )
        ).one()
    plan = DraftPlan("public", "Valeu!", "pt", "thanks", auto=auto)
    reading = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    return Decision(row.id, row.author_id, mention, reading, drafts=(plan,))


def _batch(store: Store, authors: int, tag: str) -> tuple[int, dict[str, bool]]:
    """Record one batch: `authors` authors' thank-yous, the first author's twice (one already
    auto-replied to today before the batch). The reads it took (SQLite inserts drafts one
    statement each, a matter apart) and whether each
    author's drafts in it may auto-send."""
    first = f"{tag}0"
    record(store, [_praise(store, first, 0)], post_route=ROUTE)  # today's one auto-reply
    batch = [_praise(store, f"{tag}{k}", 1) for k in range(authors)]
    batch.append(_praise(store, f"{tag}1", 2))  # a second in the batch: past the cap
    with _said(store) as said:
        assert record(store, batch, post_route=ROUTE, auto_daily_cap=1) == authors + 1
    ids = [d.mention_id for d in batch]
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(MENTION.c.external_id, DRAFT.c.auto)
            .join(DRAFT, DRAFT.c.mention_id == MENTION.c.id)
            .where(MENTION.c.id.in_(ids))
        ).all()
    reads = [s for s, _ in said if s.lstrip().startswith("SELECT")]
    return len(reads), {str(e): bool(a) for e, a in rows}


def test_the_auto_reply_cap_takes_as_many_statements_for_many_authors_as_for_few(
    store: Store,
) -> None:
    few, few_auto = _batch(store, 2, "few")
    many, many_auto = _batch(store, 12, "many")
    assert many == few  # one count per author made it 10 more reads
    # The cap as before: the author already answered today, and the second thank-you in the
    # batch, wait for a person; everyone else's first is auto-sent.
    assert many_auto == {
        "p-many0-1": False,
        **{f"p-many{k}-1": True for k in range(1, 12)},
        "p-many1-2": False,
    }
    assert few_auto == {"p-few0-1": False, "p-few1-1": True, "p-few1-2": False}


def test_a_ticket_on_a_long_case_loads_only_the_posts_it_carries(store: Store) -> None:
    _, case_id, _ = add(store, "still waiting 00", handle="rui", draft=None)
    for i in range(1, 30):  # a long case: 29 follow-ups
        add(store, f"still waiting {i:02d}", handle="rui", draft=None)
    ticket = (OutboxPlan("ticket", "zd", "complaint"),)
    with _said(store) as said:
        _, joined, _ = add(store, "STILL nothing!!", handle="rui", draft=None, outbox=ticket)
    assert joined == case_id
    # Every statement that read posts' text, run again: the rows it read.
    loads = [(s, p) for s, p in said if "mention.text" in s and s.lstrip().startswith("SELECT")]
    with store.engine.connect() as conn:
        read = sum(len(conn.exec_driver_sql(s, p).all()) for s, p in loads)
        payload = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.kind == "ticket"))
    assert read <= MOST_EARLIER + 2, read  # the case's 31 posts were loaded
    # The ticket still carries the last five before it, as it did.
    said_before = str(payload)
    assert all(f"still waiting {i:02d}" in said_before for i in range(25, 30))
    assert "still waiting 24" not in said_before
