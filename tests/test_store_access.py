"""The database user's rights, checked before anything runs: tables made by another role
(mentiondesk run once as the database's owner, a dump restored as postgres) stop start-up
with the GRANT to run, and check-config says what a start would do or what would stop it."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from tests.conftest import PG_ADMIN_URL
from tests.helpers import run_cli, write_config, write_mentions

pytestmark = pytest.mark.postgres


@dataclass(frozen=True)
class Database:
    """A database made by postgres and a login role that does not own it."""

    owner_url: str  # as postgres, who made the database (and the tables, where made)
    app_url: str  # as the role mentiondesk runs as
    role: str

    def execute(self, *statements: str) -> None:
        engine = sa.create_engine(self.owner_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
        engine.dispose()

    def make_tables(self) -> None:
        store = Store(self.owner_url)
        store.create_all()
        store.dispose()

    def columns(self, table: str) -> set[str]:
        """The table's columns; none where it is not there."""
        engine = sa.create_engine(self.owner_url)
        inspector = sa.inspect(engine)
        there = inspector.has_table(table)
        names = {column["name"] for column in inspector.get_columns(table)} if there else set()
        engine.dispose()
        return names


@pytest.fixture
def database() -> Iterator[Database]:
    """A fresh database and role, both dropped after; the role may connect but not create
    in schema public (the default on PostgreSQL 15+, made explicit for older servers)."""
    name = f"md_access_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    owner_url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    app = sa.engine.make_url(owner_url).set(username=name, password=None)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE ROLE {name} LOGIN"))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        db = Database(owner_url, app.render_as_string(hide_password=False), name)
        db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        yield db
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {name}"))
        admin.dispose()


def _config(tmp_path: Path, url: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=url, samples=samples)


def _grants(output: str) -> list[str]:
    """The GRANT statements a message tells the operator to run."""
    return re.findall(r"GRANT [^;]+;", " ".join(output.split()))


def test_tables_of_another_role_stop_commands_with_the_grant(
    tmp_path: Path, database: Database
) -> None:
    database.make_tables()
    config = _config(tmp_path, database.app_url)
    for command in (["users", "list"], ["run", "--once"], ["check-config"]):
        code, output = run_cli(config, *command)
        flat = " ".join(output.split())
        assert code == 2, (command, output)
        assert f"database user {database.role} may not read and write tables" in flat
        assert f"ON ALL TABLES IN SCHEMA public TO {database.role};" in flat
        assert "they belong to postgres" in flat and "Traceback" not in output


def test_the_grant_named_lets_the_role_work(tmp_path: Path, database: Database) -> None:
    database.make_tables()
    config = _config(tmp_path, database.app_url)
    database.execute(*_grants(run_cli(config, "check-config")[1]))
    assert run_cli(config, "run", "--once")[0] == 0  # inserts: the sequences too
    code, output = run_cli(config, "check-config")
    assert code == 0 and "(reachable, ready)" in output, output


def test_check_config_says_a_role_without_create_cannot_make_the_tables(
    tmp_path: Path, database: Database
) -> None:
    code, output = run_cli(_config(tmp_path, database.app_url), "check-config")
    flat = " ".join(output.split())
    assert code == 2 and f"GRANT CREATE ON SCHEMA public TO {database.role};" in flat
    assert database.columns("case") == set()  # nothing made


def test_check_config_says_the_first_start_makes_the_tables(
    tmp_path: Path, database: Database
) -> None:
    database.execute(f"GRANT CREATE ON SCHEMA public TO {database.role}")
    code, output = run_cli(_config(tmp_path, database.app_url), "check-config")
    assert code == 0 and "note: its tables will be created at the next start" in output
    assert database.columns("case") == set()


def _older(database: Database) -> None:
    """Tables from a version before case.ticket_url (nullable: a start adds it)."""
    database.make_tables()
    database.execute('ALTER TABLE "case" DROP COLUMN ticket_url')


def test_check_config_says_the_owner_adds_a_new_column_at_the_next_start(
    tmp_path: Path, database: Database
) -> None:
    _older(database)
    code, output = run_cli(_config(tmp_path, database.owner_url), "check-config")
    assert code == 0, output
    assert "note: columns case.ticket_url will be added at the next start" in output
    assert "ticket_url" not in database.columns("case")  # check-config changed nothing


def test_a_new_column_on_tables_of_another_role_names_the_owner_fix(
    tmp_path: Path, database: Database
) -> None:
    _older(database)
    config = _config(tmp_path, database.app_url)
    database.execute(*_grants(run_cli(config, "check-config")[1]))  # may read and write
    for command in (["check-config"], ["users", "list"]):
        code, output = run_cli(config, *command)
        flat = " ".join(output.split())
        assert code == 2 and "adds column case.ticket_url" in flat, output
        assert f'ALTER TABLE "case" OWNER TO {database.role};' in flat


def test_a_password_in_the_url_is_warned_of(tmp_path: Path, database: Database) -> None:
    with_password = sa.engine.make_url(database.owner_url).set(password="pw")
    config = _config(tmp_path, with_password.render_as_string(hide_password=False))
    code, output = run_cli(config, "check-config")  # trust: the password is not checked
    flat = " ".join(output.split())
    assert code == 0 and "warning: store.url holds the database password" in flat
    assert 'url_env = "MENTIONDESK_STORE_URL"' in flat and ":pw@" not in output


def test_tables_the_role_owns_are_ready_and_no_password_is_warned_of(
    tmp_path: Path, database: Database
) -> None:
    database.make_tables()
    code, output = run_cli(_config(tmp_path, database.owner_url), "check-config")
    assert code == 0 and "(reachable, ready)" in output and "warning" not in output
