"""`authors export` and `authors forget` find a Mastodon author however the person writes
their handle: the listener stores an account of the instance a source reads from without
its server ("bea", not "bea@social.example"), as `authors do-not-contact` already knows. A
"no author found" there would be passed on as "we hold no data about you"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.tables import AUTHOR, FORGOTTEN, MENTION
from tests.helpers import run_cli, table_rows, write_mentions
from tests.mastodon_helpers import ana_and_bea, by, db_url, listening_config


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return listening_config(tmp_path, monkeypatch)


@pytest.mark.parametrize("handle", ["@bea@social.example", "BEA@Social.Example"])
def test_export_finds_the_listening_instances_own_account(config: Path, handle: str) -> None:
    code, output = run_cli(config, "authors", "export", "mastodon", handle, "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert [a["handle"] for a in data["authors"]] == ["Bea"]
    assert [m["external_id"] for m in data["mentions"]] == ["m2"]


def test_forget_finds_the_listening_instances_own_account(config: Path) -> None:
    code, output = run_cli(config, "authors", "forget", "mastodon", "@bea@social.example", "--yes")
    assert code == 0, output
    assert "Erased: 1 mention" in output
    assert table_rows(db_url(config), sa.select(AUTHOR.c.handle)) == [("Ana@instance.social",)]
    assert table_rows(db_url(config), sa.select(MENTION.c.external_id)) == [("m1",)]


def test_another_servers_namesake_is_not_the_local_author(config: Path) -> None:
    code, output = run_cli(config, "authors", "forget", "mastodon", "bea@elsewhere.social", "--yes")
    assert code == 1 and "no author found" in output
    assert len(table_rows(db_url(config), sa.select(AUTHOR.c.id))) == 2


def test_forget_drops_every_form_of_a_handle_listed_before_it_was_seen(
    config: Path, tmp_path: Path
) -> None:
    """Listed as "cy@social.example" before Cy ever posted: kept as two fingerprints, that
    form and "cy" (the listening instance names its own accounts so). Erased by account id,
    both go (a handle's fingerprint is a trace easy to guess); their account's stays."""
    assert run_cli(config, "authors", "do-not-contact", "mastodon", "cy@social.example")[0] == 0
    assert len(table_rows(db_url(config), sa.select(FORGOTTEN.c.digest))) == 2
    write_mentions(tmp_path / "m.jsonl", [*ana_and_bea(), by(3, "Cy")])
    # Social.Example is never polled: only the samples are read (an unreached source fails --once).
    assert run_cli(config, "run", "--once", "--sources", "samples")[0] == 0
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url(config), listed) == [("Cy",)]
    code, output = run_cli(config, "authors", "forget", "mastodon", "--id", "103", "--yes")
    assert code == 0, output
    assert "They stay on the do-not-contact list" in output
    assert len(table_rows(db_url(config), sa.select(FORGOTTEN.c.digest))) == 1
