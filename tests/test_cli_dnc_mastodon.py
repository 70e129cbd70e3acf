"""`authors do-not-contact mastodon HANDLE` finds the author the Mastodon listener stored: an
account's `acct`, "user@server" for another server's account and "user" for one of the
instance a source reads from, however the handle is written (@, letter case)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.tables import AUTHOR
from tests.helpers import run_cli, table_rows
from tests.mastodon_helpers import db_url, listening_config

LISTED = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return listening_config(tmp_path, monkeypatch)


@pytest.mark.parametrize(
    ("handle", "stored"),
    [
        ("@ana@instance.social", "Ana@instance.social"),
        ("ANA@Instance.Social", "Ana@instance.social"),
        ("@bea@social.example", "Bea"),  # the listening instance's own account
        ("BEA@SOCIAL.EXAMPLE", "Bea"),
        ("@bea", "Bea"),
    ],
)
def test_a_mastodon_handle_matches_its_stored_author(
    config: Path, handle: str, stored: str
) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "mastodon", handle)
    assert code == 0 and "is on the do-not-contact list" in output, output
    assert table_rows(db_url(config), LISTED) == [(stored,)]


def test_another_servers_namesake_is_not_the_local_author(config: Path) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "mastodon", "bea@elsewhere.social")
    assert code == 0 and "not seen yet" in output, output
    assert table_rows(db_url(config), LISTED) == []
