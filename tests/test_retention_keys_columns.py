"""The outbox names the post its key names in indexed columns; the retention renames a purged
post's id by them, and by the key (LIKE) only on rows written before the columns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk.models import Author, CaseContext, Label, Mention, OutboxAction, Reading
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, MENTION, OUTBOX

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=60)


def _row(key: str, post_id: str, **over: object) -> dict[str, object]:
    post = Mention("x", post_id, Author(id="a1", handle="ana"), "late again", OLD)
    context = CaseContext(mention=post, reading=Reading(label=Label.NEGATIVE, score=-0.5))
    action = OutboxAction(key=key, kind=key.split(":")[0], target="t", context=context)
    return {**outbox_row(action, None, NOW), "status": "done", **over}


def test_the_columns_name_the_post_and_follow_its_purge(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    rows = [
        _row("alert:slack:x:m1:complaint", "m1"),
        _row("alert:slack:x:m12:complaint", "m12"),  # a longer id, of a post kept
        _row("ticket:zd:case:MD-000009", "m1"),  # names no post
        # Written before the columns: found by its key, after the retention fills them.
        _row("comment:zd:case:MD-000009:x:m1", "m1", platform=None, external_id=None),
        # Its payload names no post: only its key tells, a LIKE the retention still reads.
        {**_row("alert:chat:x:m1:complaint", "m1"), "platform": None, "payload": "{}"},
    ]
    posts = [("m1", OLD), ("m12", NOW)]
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a1", handle="a"))
            for n, (ext, at) in enumerate(posts, start=1):
                values = {"platform": "x", "external_id": ext, "source": "t", "author_id": 1}
                conn.execute(sa.insert(MENTION).values(id=n, text="t", created_at=at, **values))
                conn.execute(sa.update(MENTION).values(processed=True))
            conn.execute(sa.insert(OUTBOX), rows)
        named = sa.select(OUTBOX.c.key, OUTBOX.c.platform, OUTBOX.c.external_id)
        with store.engine.connect() as conn:
            before = conn.execute(named.order_by(OUTBOX.c.id)).all()
        assert [tuple(r)[1:] for r in before[:3]] == [("x", "m1"), ("x", "m12"), ("", None)]
        assert retention.purge(store, 30, by="test", now=NOW).mentions == 1
        with store.engine.connect() as conn:
            after = [tuple(r) for r in conn.execute(named.order_by(OUTBOX.c.id)).all()]
    finally:
        store.dispose()
    assert after == [
        ("alert:slack:x:purged:1:complaint", "x", "purged:1"),
        ("alert:slack:x:m12:complaint", "x", "m12"),
        ("ticket:zd:case:MD-000009", "", None),
        ("comment:zd:case:MD-000009:x:purged:1", "x", "purged:1"),
        ("alert:chat:x:purged:1:complaint", "x", "purged:1"),
    ]


def test_an_undelivered_alert_keeps_its_post_by_the_columns_or_by_an_old_rows_key(
    db_url: str,
) -> None:
    # Three old posts that opened no case: m1's alert is held (columns filled), m2's pending in
    # a row written before the columns (its key alone names it), m3's delivered.
    store = Store(db_url)
    store.create_all()
    rows = [
        _row("alert:slack:x:m1:complaint", "m1", status="held"),
        _row("alert:slack:x:m2:complaint", "m2", status="pending", platform=None),
        _row("alert:slack:x:m3:complaint", "m3"),
        _row("alert:slack:x:m33:complaint", "m33", status="held"),  # another post's, held
    ]
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a1", handle="a"))
            for n, ext in enumerate(("m1", "m2", "m3"), start=1):
                values = {"platform": "x", "external_id": ext, "source": "t", "author_id": 1}
                conn.execute(sa.insert(MENTION).values(id=n, text="t", created_at=OLD, **values))
            conn.execute(sa.update(MENTION).values(processed=True))
            conn.execute(sa.insert(OUTBOX), rows)
        assert retention.waiting(store, 30, now=NOW) == (0, 2)
        assert retention.purge(store, 30, by="test", now=NOW).mentions == 1
        with store.engine.connect() as conn:
            kept = conn.scalars(sa.select(MENTION.c.external_id).order_by(MENTION.c.id)).all()
    finally:
        store.dispose()
    assert kept == ["m1", "m2", "purged:3"]
