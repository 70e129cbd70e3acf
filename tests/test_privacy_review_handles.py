"""A handle that names two accounts: someone renamed since their last post is stored under
their old handle, which another person may have taken and posted from. An access request
by that handle must not hand one person the other's posts, nor an erasure take both."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.models import Author
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, MENTION
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

ANA_OLD = "ana's post from before she renamed"
CARLA = "carla's post under the handle she took"


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    """Ana (account a1) posted as h_a1 and renamed since; Carla (account c9) took h_a1 (in
    another letter case) and posted from it."""
    store = Store(db_url)
    store.create_all()
    carla = Author(id="c9", handle="H_A1", name="Carla")
    try:
        store.ingest("s", [mention(1, ANA_OLD), replace(mention(2, CARLA), author=carla)], "c")
    finally:
        store.dispose()
    return write_config(tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m", []))


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["forget", "--yes"]])
def test_a_handle_of_two_accounts_asks_which_one(
    config: Path, db_url: str, command: list[str]
) -> None:
    code, output = run_cli(config, "authors", command[0], "x", "@h_a1", *command[1:])
    said = " ".join(output.split())
    assert code == 1, output
    assert ANA_OLD not in output and CARLA not in output
    assert "2 accounts" in said and "a1" in said and "c9" in said and "--id" in said
    assert len(table_rows(db_url, sa.select(MENTION.c.id))) == 2  # nothing erased


def test_each_account_is_found_by_its_id(config: Path, db_url: str) -> None:
    code, output = run_cli(config, "authors", "export", "x", "--id", "c9", "--format", "json")
    assert code == 0, output
    assert [m["text"] for m in json.loads(output)["mentions"]] == [CARLA]
    assert run_cli(config, "authors", "forget", "x", "--id", "c9", "--yes")[0] == 0
    assert table_rows(db_url, sa.select(MENTION.c.text)) == [(ANA_OLD,)]
    # The handle now names one account: found by it, as before.
    code, output = run_cli(config, "authors", "forget", "x", "h_a1", "--yes")
    assert code == 0, output
    assert table_rows(db_url, sa.select(AUTHOR.c.id)) == []
