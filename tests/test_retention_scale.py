"""The retention's conditions as rewritten for a year's store (each part found by an index)
pick exactly the rows the earlier forms picked, on a grid of cases, drafts and actions."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk import retention_blanking as blanking
from mentiondesk import retention_rows as rows
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_actions import PURGED
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FINISHED, FOLLOW_UP, MENTION, OUTBOX

NOW = datetime.now(UTC)
CUTOFF = NOW - timedelta(days=30)
OLD = NOW - timedelta(days=60)
# How a draft belongs to the case: its case_id, the case's post, or a follow-up's post.
LINKS = ("none", "case", "opener", "follow-up", "other-case")
# The draft's state and its post's: waiting ones block the case.
STATES = ("pending", "approved", "posted", "post-pending", "post-held", "post-dropped", "rejected")
BLOCKING = {"pending", "post-pending", "post-held"}


@pytest.fixture
def grid(db_url: str) -> Iterator[tuple[Store, set[int]]]:
    """A closed case per (link, state); the ids of those a draft keeps."""
    store = Store(db_url)
    store.create_all()
    blocked: set[int] = set()
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a1", handle="a"))
        for n, (link, state) in enumerate(itertools.product(LINKS, STATES), start=1):
            if _case(conn, n, link, state) and link != "none" and state in BLOCKING:
                blocked.add(n)
    try:
        yield store, blocked
    finally:
        store.dispose()


def _case(conn: Any, n: int, link: str, state: str) -> bool:
    """Case `n` on post 10n, with a follow-up post 10n+1 and post 10n+2 of no case; a draft
    linked by `link`. Whether the draft counts for case n."""
    for k in range(3):
        values = {"platform": "x", "external_id": f"m{10 * n + k}", "source": "t"}
        values |= {"author_id": 1, "text": "t", "created_at": OLD, "processed": True}
        conn.execute(sa.insert(MENTION).values(id=10 * n + k, **values))
    closed = {"status": "closed", "closed_at": OLD, "opened_at": OLD}
    conn.execute(sa.insert(CASE).values(id=n, mention_id=10 * n, author_id=1, rule="r", **closed))
    conn.execute(sa.insert(FOLLOW_UP).values(case_id=n, mention_id=10 * n + 1))
    alert = {"kind": "alert", "target": "slack", "payload": "{}", "status": "done"}
    conn.execute(sa.insert(OUTBOX).values(key=f"alert:slack:x:m{10 * n}:r", case_id=n, **alert))
    if link == "none":
        return False
    mention, case_id = {
        "case": (10 * n + 2, n),
        "opener": (10 * n, None),
        "follow-up": (10 * n + 1, None),
        "other-case": (10 * n + 2, None),  # a post of no case: not this case's
    }[link]
    status = state if state in ("pending", "rejected") else "approved"
    draft = {"mention_id": mention, "case_id": case_id, "kind": "private", "text": "hi"}
    draft |= {"lang": "en", "rule": "r", "status": status}
    conn.execute(sa.insert(DRAFT).values(id=n, **draft))
    if state.startswith("post"):
        sent = {"posted": "done", "post-pending": "pending", "post-held": "held"}.get(state)
        sent = sent or "dropped"  # by a person (`outbox drop`): finished, as a delivered one
        action = {"kind": "post", "target": "x", "payload": "{}", "status": sent}
        conn.execute(sa.insert(OUTBOX).values(key=post_key(n), **action))
    return link != "other-case"


def _old_drafts_free() -> Any:
    """SQL on CASE: no draft blocks it, as first written (one EXISTS, the links ORed)."""
    c, d, f = CASE, DRAFT.alias(), FOLLOW_UP.alias()
    follow_up = (
        sa.exists()
        .where(f.c.case_id == c.c.id, f.c.mention_id == d.c.mention_id)
        .correlate_except(f)
    )
    theirs = sa.or_(d.c.case_id == c.c.id, d.c.mention_id == c.c.mention_id, follow_up)
    return ~rows._blocked(theirs, d)


def _ids(store: Store, query: sa.Select[Any]) -> set[int]:
    with store.engine.connect() as conn:
        return set(conn.scalars(query))


def test_a_case_is_ready_exactly_when_it_was(grid: tuple[Store, set[int]]) -> None:
    store, blocked = grid
    everyone = set(range(1, len(LINKS) * len(STATES) + 1))
    ready = _ids(store, sa.select(CASE.c.id).where(rows.case_ready(CUTOFF)))
    assert ready == everyone - blocked
    free = _ids(store, sa.select(CASE.c.id).where(*rows._drafts_free(CASE)))
    assert free == _ids(store, sa.select(CASE.c.id).where(_old_drafts_free())) == ready
    # The posts a purge blanks, through case_ready nested in mention_ready, match too.
    posts = _ids(store, sa.select(MENTION.c.id).where(rows.mention_ready(CUTOFF)))
    assert {p // 10 for p in posts if p % 10 < 2} == ready


def test_a_batch_blanks_the_drafts_and_actions_it_did(grid: tuple[Store, set[int]]) -> None:
    store, _ = grid
    ready = sorted(_ids(store, sa.select(CASE.c.id).where(rows.case_ready(CUTOFF))))
    posts = rows.mentions_of(ready)
    # As first written: ORs, one side a subquery (a scan of the whole table on PostgreSQL).
    old_drafts = sa.or_(DRAFT.c.mention_id.in_(posts), DRAFT.c.case_id.in_(ready))
    keys = sa.select(post_key(DRAFT.c.id)).where(old_drafts)
    old_actions = sa.or_(OUTBOX.c.case_id.in_(ready), OUTBOX.c.key.in_(keys))
    drafts = _ids(store, sa.select(DRAFT.c.id).where(old_drafts))
    actions = _ids(store, sa.select(OUTBOX.c.id).where(old_actions, OUTBOX.c.status.in_(FINISHED)))
    assert drafts and actions
    new_drafts = blanking._either(DRAFT, DRAFT.c.mention_id.in_(posts), DRAFT.c.case_id.in_(ready))
    assert _ids(store, sa.select(DRAFT.c.id).where(new_drafts)) == drafts
    assert retention.purge(store, 30, by="test", now=NOW).cases == len(ready)
    # Loose posts blank their drafts and actions too: those of posts 10n+2 are added.
    loose = sa.select(MENTION.c.id).where(
        rows.purged(MENTION.c.external_id), MENTION.c.id % 10 == 2
    )
    loose_drafts = _ids(store, sa.select(DRAFT.c.id).where(DRAFT.c.mention_id.in_(loose)))
    loose_keys = sa.select(post_key(DRAFT.c.id)).where(DRAFT.c.id.in_(loose_drafts))
    loose_actions = _ids(store, sa.select(OUTBOX.c.id).where(OUTBOX.c.key.in_(loose_keys)))
    done = sa.select(OUTBOX.c.id).where(OUTBOX.c.status.in_(FINISHED))
    blanked = _ids(store, sa.select(OUTBOX.c.id).where(OUTBOX.c.last_error == PURGED))
    assert blanked == actions | (loose_actions & _ids(store, done))
    emptied = _ids(store, sa.select(DRAFT.c.id).where(DRAFT.c.text == ""))
    assert emptied == drafts | loose_drafts
