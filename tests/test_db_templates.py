"""The cheap test databases (db_templates) are still fresh, isolated and dropped after."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import USER
from tests import db_templates


def _names() -> set[str]:
    query = "SELECT datname FROM pg_database WHERE datname LIKE 'mentiondesk_test_%'"
    with db_templates.admin().connect() as conn:
        return set(conn.scalars(sa.text(query)))


def _users(url: str) -> int:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(USER)) or 0)
    finally:
        store.dispose()


@pytest.mark.postgres
def test_clones_have_the_schema_no_data_of_each_other_and_are_dropped(tmp_path: Path) -> None:
    templates = db_templates.Templates(tmp_path)
    try:
        first = db_templates.pg_database(templates.postgres())
        second = db_templates.pg_database(templates.postgres())
        one, two = next(first), next(second)
        store = Store(one)
        with store.engine.begin() as conn:
            values = {"name": "ana", "role": "agent", "password_hash": "x"}
            conn.execute(sa.insert(USER).values(values))
            # Commits wait for no disk: a setting of the test database, not the server's.
            assert conn.scalar(sa.text("SHOW synchronous_commit")) == "off"
        store.dispose()
        assert (_users(one), _users(two)) == (1, 0)
        names = {one.rsplit("/", 1)[1], two.rsplit("/", 1)[1]}
        for made in (first, second):
            made.close()  # the test is over: its database goes
        db_templates.dispose_admin()  # waits for the drops
        assert not names & _names()
    finally:
        templates.close()


def test_sqlite_copies_have_the_schema_and_no_data_of_each_other(tmp_path: Path) -> None:
    templates = db_templates.Templates(tmp_path)
    one = templates.sqlite(tmp_path / "one.db")
    two = templates.sqlite(tmp_path / "two.db")
    store = Store(one)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(USER).values(name="ana", role="agent", password_hash="x"))
    store.dispose()
    assert (_users(one), _users(two)) == (1, 0)
