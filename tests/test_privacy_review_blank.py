"""A handle that is nothing once its "@" and spaces go (a script's empty variable:
`authors forget x "@$WHO"`) names nobody. The retention blanks an author's handle to "", so
an empty one used to find every author it had blanked: `forget` then deleted their cases
and readings, the figures the retention keeps on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.tables import AUTHOR, CASE, READING
from tests.helpers import run_cli, table_rows
from tests.test_retention import _age, desk  # noqa: F401  (the fixture)

BLANKED = sa.select(AUTHOR.c.id).where(AUTHOR.c.handle == "")


@pytest.fixture
def purged(desk: Path, db_url: str) -> Path:  # noqa: F811
    """Ana's resolved case, purged: her author row is kept blank, her case and readings
    counted by the figures."""
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "store", "purge")[0] == 0
    assert len(table_rows(db_url, BLANKED)) == 1
    return desk


@pytest.mark.parametrize("who", [["@"], [" "], ["--id", " "], ["--post", " "]])
@pytest.mark.parametrize("command", [["forget", "--yes"], ["export"], ["do-not-contact"]])
def test_an_empty_handle_or_id_finds_nobody(
    purged: Path, db_url: str, who: list[str], command: list[str]
) -> None:
    code, output = run_cli(purged, "authors", command[0], "x", *who, *command[1:])
    assert code == 2 and "Give one of HANDLE, --id ID or --post URL" in output, output
    assert "Ana" not in output and "MD-000001" not in output
    assert len(table_rows(db_url, BLANKED)) == 1
    assert len(table_rows(db_url, sa.select(CASE.c.id))) == 1
    assert len(table_rows(db_url, sa.select(READING.c.mention_id))) == 3
    listed = sa.select(AUTHOR.c.id).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url, listed) == []
