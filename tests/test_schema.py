"""The schema: made once by workers starting together, upgraded where it can be, checked."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.models import ConfigError
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION
from tests.desk.seed import add
from tests.helpers import mention


def _store(url: str) -> Store:
    store = Store(url)
    store.create_all()
    return store


def test_an_index_added_since_is_created(db_url: str) -> None:
    store = _store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_mention_created_platform"))
    store.create_all()  # an older database: the index a newer version added is made
    names = {i["name"] for i in sa.inspect(store.engine).get_indexes("mention")}
    assert "ix_mention_created_platform" in names
    store.dispose()


def test_an_index_a_newer_version_replaced_is_dropped(db_url: str) -> None:
    store = _store(db_url)
    with store.engine.begin() as conn:  # as an older version made it, claims by row id
        conn.execute(sa.text("DROP INDEX ix_mention_pending_posted"))
        conn.execute(sa.text("CREATE INDEX ix_mention_pending ON mention (processed, id)"))
    store.create_all()
    names = {i["name"] for i in sa.inspect(store.engine).get_indexes("mention")}
    assert "ix_mention_pending_posted" in names and "ix_mention_pending" not in names
    store.dispose()


def test_an_upgrade_names_the_tables_it_creates_as_it_names_columns(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """check-config foretells "tables kept_text will be created": the start says it did."""
    store = _store(db_url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE kept_text"))
    with caplog.at_level(logging.WARNING, logger="mentiondesk.schema"):
        store.create_all()
    assert "store: created table kept_text for this version" in caplog.messages
    assert "kept_text" in sa.inspect(store.engine).get_table_names()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="mentiondesk.schema"):
        store.create_all()  # nothing new: nothing said
    assert not [m for m in caplog.messages if "created table" in m]
    store.dispose()


def test_a_new_store_does_not_name_each_table(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="mentiondesk.schema"):
        _store(db_url).dispose()
    assert not [m for m in caplog.messages if "created table" in m]


def _older(store: Store, table: str, column: str) -> None:
    """The database as a version before `column` was added: one row in every table."""
    add(store, "My parcel is lost")
    with store.engine.begin() as conn:
        conn.execute(sa.text(f'ALTER TABLE "{table}" DROP COLUMN {column}'))


def test_a_new_nullable_column_is_added_and_older_rows_keep_their_data(db_url: str) -> None:
    store = _store(db_url)
    _older(store, "case", "ticket_url")
    store.create_all()
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(CASE.c.rule, CASE.c.ticket_url)).all()
    assert len(rows) == 1 and rows[0].rule and rows[0].ticket_url is None
    store.dispose()


def test_a_store_from_before_post_visibility_gets_it_and_keeps_what_it_is_given(
    db_url: str,
) -> None:
    """mention.visibility (Mastodon's followers-only and direct posts) came later: an older
    store gets the column at start-up, its mentions read as public (NULL), and a direct
    post's visibility is kept for the playbook and the reply."""
    store = _store(db_url)
    _older(store, "mention", "visibility")
    store.create_all()
    direct = replace(mention(1, platform="mastodon"), visibility="direct")
    store.ingest("mastodon", [direct, mention(2, platform="mastodon")], None)
    with store.engine.connect() as conn:
        kept = conn.execute(sa.select(MENTION.c.visibility).order_by(MENTION.c.id)).scalars()
        assert kept.all() == [None, "direct", None]
    claimed = store.claim_unprocessed(10, timedelta(minutes=1))
    by_id = {p.mention.external_id: p.mention.visibility for p in claimed}
    assert (by_id["m1"], by_id["m2"]) == ("direct", None)
    store.dispose()


def test_a_new_column_with_a_default_gives_older_rows_the_default(db_url: str) -> None:
    store = _store(db_url)
    _older(store, "author", "do_not_contact")
    store.create_all()
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(AUTHOR.c.do_not_contact)).scalars().all() == [False]
    # and it is NOT NULL, as in a new database
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.update(AUTHOR).values(do_not_contact=None))
    store.dispose()


def test_a_column_that_cannot_be_added_safely_is_named(db_url: str) -> None:
    store = _store(db_url)
    _older(store, "author", "first_seen")  # NOT NULL, its default is "now": a person decides
    with pytest.raises(ConfigError, match=r"older mentiondesk and lacks author\.first_seen"):
        store.create_all()
    store.dispose()


@pytest.mark.postgres
def test_an_index_on_a_column_still_missing_waits_for_the_column(pg_url: str) -> None:
    store = _store(pg_url)
    _older(store, "case", "opened_at")  # PostgreSQL drops its indexes with it
    with pytest.raises(ConfigError, match=r"lacks case\.opened_at"):  # not an index error
        store.create_all()
    store.dispose()


@pytest.mark.postgres
def test_workers_starting_together_on_a_new_database_make_the_schema_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            _store(pg_url).dispose()
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)

    workers = [threading.Thread(target=start) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []


@pytest.mark.postgres
def test_a_database_that_is_not_there_is_named_without_its_password() -> None:
    store = Store("postgresql+psycopg://postgres:s3cret@127.0.0.1:5499/nowhere")
    with pytest.raises(ConfigError, match=r"store\.url: cannot open") as info:
        store.create_all()
    assert "s3cret" not in str(info.value) and "127.0.0.1:5499/nowhere" in str(info.value)


@pytest.mark.postgres
def test_a_password_in_the_query_string_is_not_named_either() -> None:
    # libpq takes ?password=…, and SQLAlchemy's hide_password leaves the query as it is.
    store = Store("postgresql+psycopg://postgres@127.0.0.1:5499/nowhere?password=s3cret")
    with pytest.raises(ConfigError, match=r"store\.url: cannot open") as info:
        store.create_all()
    assert "s3cret" not in str(info.value) and "password=***" in str(info.value)


def test_a_failed_statement_does_not_carry_its_values(db_url: str) -> None:
    store = _store(db_url)
    row = {"platform": "x", "external_id": "u1", "handle": "ana", "name": "secret name"}
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), [row])
    with pytest.raises(sa.exc.IntegrityError) as info, store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), [row])
    assert "secret name" not in str(info.value)
    store.dispose()


@pytest.mark.postgres
def test_workers_starting_together_make_one_first_login(pg_url: str) -> None:
    from mentiondesk.cli_web import ensure_first_user

    store = _store(pg_url)
    app = type("App", (), {"store": store})()
    passwords: list[str | None] = []
    workers = [
        threading.Thread(target=lambda: passwords.append(ensure_first_user(app)))  # type: ignore[arg-type]
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(passwords) == 4 and sum(p is not None for p in passwords) == 1
    store.dispose()


@pytest.fixture
def role_without_create() -> Iterator[str]:
    """A database whose login role may connect but not create in schema public (the default
    on PostgreSQL 15+, made explicit for older servers); dropped after."""
    from tests.conftest import PG_ADMIN_URL

    name = f"md_nocreate_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE ROLE {name} LOGIN"))
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        inside = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with inside.connect() as conn:
            conn.execute(sa.text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        inside.dispose()
        login = sa.engine.make_url(url).set(username=name, password=None)
        yield login.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {name}"))
        admin.dispose()


@pytest.mark.postgres
def test_a_user_who_cannot_create_tables_is_told_the_grant(role_without_create: str) -> None:
    store = Store(role_without_create)
    user = sa.engine.make_url(role_without_create).username
    with pytest.raises(ConfigError, match="cannot create tables in schema public") as info:
        store.create_all()
    assert f"GRANT CREATE ON SCHEMA public TO {user};" in str(info.value)
    store.dispose()
