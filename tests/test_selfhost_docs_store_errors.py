"""A sysadmin installing on a fresh PostgreSQL server, following docs/operations.md, runs
`mentiondesk check-config` before making the database or its user. It said only "check that
the database is running and the URL is right", though the server had answered: the database
(or the user) is not there yet. It now names the command that makes it, against a real
server: a database owned by the user the URL connects as, or that user."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.db_templates import PG_ADMIN_URL
from tests.helpers import run_cli, write_config, write_mentions


def _check(tmp_path: Path, url: str) -> tuple[int, str]:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return run_cli(write_config(tmp_path, db_url=url, samples=samples), "check-config")


def _server() -> str:
    """The test server's address, without user or database: postgresql+psycopg://HOST:PORT."""
    scheme, rest = PG_ADMIN_URL.split("://", 1)
    return f"{scheme}://{rest.split('@', 1)[-1].rsplit('/', 1)[0]}"


def test_a_database_not_created_yet_is_named_with_the_createdb_that_makes_it(
    tmp_path: Path,
) -> None:
    name = f"mentiondesk_test_absent_{uuid.uuid4().hex[:8]}"  # never created: nothing to drop
    user = PG_ADMIN_URL.split("://", 1)[1].split("@", 1)[0].split(":", 1)[0]
    code, output = _check(tmp_path, f"{_server().replace('://', f'://{user}@')}/{name}")
    assert code == 2, output
    flat = " ".join(output.split())
    assert f'database "{name}" does not exist' in flat, output
    assert f"runuser -u postgres -- createdb -O {user} {name}" in flat, output
    assert "Installing on a server" in flat, output


def test_a_user_not_created_yet_is_named_with_the_createuser_that_makes_it(
    tmp_path: Path,
) -> None:
    user = f"md_absent_{uuid.uuid4().hex[:8]}"
    code, output = _check(tmp_path, f"{_server().replace('://', f'://{user}@')}/postgres")
    assert code == 2, output
    flat = " ".join(output.split())
    assert f"runuser -u postgres -- createuser --pwprompt {user}" in flat, output


def test_a_server_not_answering_keeps_the_general_advice(tmp_path: Path) -> None:
    code, output = _check(tmp_path, "postgresql+psycopg://md@127.0.0.1:9/md")
    assert code == 2, output
    flat = " ".join(output.split())
    assert "check that the database is running and the URL is right" in flat, output
    assert "createdb" not in flat, output
