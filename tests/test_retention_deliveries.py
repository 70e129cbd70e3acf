"""`store purge` and what `authors forget` already blanked, and the delivery records: nothing
counted twice, and no handle or link to their post left in a delivery's record."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk.erasure_payloads import ERASED
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DELIVERY, MENTION, OUTBOX
from tests.helpers import run_cli
from tests.test_retention import _age, _connect, _holding, _rows, desk

__all__ = ["desk"]  # the fixture: Ana's resolved-to-be case and its drafts, Bia's praise


def test_a_purge_after_an_erasure_counts_nothing_twice(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    erased = sa.select(OUTBOX.c.key).where(OUTBOX.c.last_error == ERASED)
    before = _rows(db_url, erased)
    assert before  # her delivered alerts, blanked and marked
    _age(db_url)
    for args in (("--dry-run",), ()):
        code, out = run_cli(desk, "store", "purge", *args)
        assert code == 0 and " 0 delivered actions" in " ".join(out.split()), out
    assert _rows(db_url, erased) == before  # still marked as erased on request


def test_a_purge_leaves_no_handle_or_post_link_in_a_delivery(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "drafts", "approve", "3")[0] == 0  # the DM to Ana, sent
    link = "https://www.reddit.com/r/lumora/comments/m1/my_parcel_is_lost_awful/k9z/"
    with _connect(db_url) as conn:
        dm = sa.select(OUTBOX.c.id).where(OUTBOX.c.key == "post:draft:3").scalar_subquery()
        # As releases before recorded a Reddit DM; a Reddit reply's link names their post.
        values = {"ref": "message:h_a1", "url": link}
        conn.execute(sa.update(DELIVERY).where(DELIVERY.c.outbox_id == dm).values(values))
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "store", "purge")[0] == 0
    assert _holding(db_url, "h_a1") == [] and _holding(db_url, "my_parcel_is_lost") == []


def test_a_link_an_earlier_releases_purge_left_is_blanked(desk: Path, db_url: str) -> None:
    """Rows blanked before blanking reached their delivery records are never picked again:
    the next purge clears what those records still hold, once."""
    assert run_cli(desk, "drafts", "approve", "3")[0] == 0
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "store", "purge")[0] == 0
    link = "https://www.reddit.com/r/lumora/comments/m1/my_parcel_is_lost_awful/k9z/"
    with _connect(db_url) as conn:  # as the purge of the release before left it
        dm = sa.select(OUTBOX.c.id).where(OUTBOX.c.key == "post:draft:3").scalar_subquery()
        values = {"ref": "message:h_a1", "url": link}
        conn.execute(sa.update(DELIVERY).where(DELIVERY.c.outbox_id == dm).values(values))
    assert run_cli(desk, "store", "purge", "--dry-run")[0] == 0
    assert _holding(db_url, "my_parcel_is_lost")  # a dry run changes nothing
    assert run_cli(desk, "store", "purge")[0] == 0
    assert _holding(db_url, "h_a1") == [] and _holding(db_url, "my_parcel_is_lost") == []


def test_a_purge_of_thousands_of_actions_fits_an_older_sqlites_bound(tmp_path: Path) -> None:
    """A case's delivered actions went to one IN list: past 999 bound parameters (SQLite
    before 3.32) the purge failed."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()

    @sa.event.listens_for(store.engine, "connect")
    def _older_sqlite(dbapi_conn: sqlite3.Connection, _: object) -> None:
        dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)

    store.engine.dispose()
    old = datetime.now(UTC) - timedelta(days=60)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a1", handle="a"))
        post = {"platform": "x", "external_id": "m1", "source": "t", "author_id": 1, "text": "t"}
        conn.execute(sa.insert(MENTION).values(id=1, created_at=old, processed=True, **post))
        closed = {"status": "closed", "closed_at": old, "opened_at": old}
        conn.execute(sa.insert(CASE).values(id=1, mention_id=1, author_id=1, rule="r", **closed))
        for n in range(1000):  # a long case's alerts and comments
            row = {"key": f"alert:slack:x:m1:r{n}", "kind": "alert", "target": "slack"}
            row |= {"payload": "{}", "status": "done", "case_id": 1, "created_at": old}
            conn.execute(sa.insert(OUTBOX).values(id=n + 1, **row))
            sent = {"key": row["key"], "outbox_id": n + 1, "kind": "alert", "target": "slack"}
            conn.execute(sa.insert(DELIVERY).values(sent))
    assert retention.purge(store, 30, by="test").outbox == 1000
    store.dispose()
