"""A PostgreSQL URL with a query option libpq does not know ("?ssl=true", as Node and JDBC
write it, or "?sslmod=require"): one line naming store.url, the option and libpq's spelling,
from check-config and `run` alike; never the password, never a traceback.

libpq refuses the option while parsing the URL, before it connects: no server is needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli, write_config, write_mentions

SECRET = "s3cretpw"


def _config(tmp_path: Path, query: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    url = f"postgresql://desk:{SECRET}@127.0.0.1:1/mentiondesk?{query}"
    return write_config(tmp_path, db_url=url, samples=samples, extra="\n[desk]\nenabled = false\n")


@pytest.mark.parametrize("command", [["check-config"], ["run", "--once"]])
@pytest.mark.parametrize(
    ("query", "option", "fix"),
    [
        ("ssl=true", "ssl", "write sslmode=require instead, as libpq spells it"),
        ("sslmod=require", "sslmod", "write sslmode instead, as libpq spells it"),
        ("frobnicate=1", "frobnicate", "the query takes libpq's options, e.g. ?sslmode=require"),
        (f"password={SECRET}&ssl=true", "ssl", "write sslmode=require instead"),
    ],
)
def test_an_unknown_url_option_is_one_line_naming_key_option_and_fix(
    tmp_path: Path, command: list[str], query: str, option: str, fix: str
) -> None:
    code, output = run_cli(_config(tmp_path, query), *command)
    assert code == 2, output
    assert f"store.url: {option!r} in postgresql+psycopg://desk:***@127.0.0.1:1/" in output
    assert f"is not a PostgreSQL connection option; {fix}" in output
    assert SECRET not in output and "Traceback" not in output and "ProgrammingError" not in output
