"""`authors do-not-contact mastodon HANDLE` finds the author the Mastodon listener stored: an
account's `acct`, "user@server" for another server's account and "user" for one of the
instance a source reads from, however the handle is written (@, letter case)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.models import Author
from mentiondesk.tables import AUTHOR
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions

TOOTS = """
[[sources]]
kind = "mastodon"
name = "toots"
base_url = "https://Social.Example"
access_token_env = "MD_TEST_MASTODON_TOKEN"
"""
LISTED = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two authors as the listener stores them (one remote, one of social.example), then a
    config whose Mastodon source reads from social.example (never polled here)."""
    monkeypatch.setenv("MD_TEST_MASTODON_TOKEN", "t")
    posts = [_by(1, "Ana@instance.social"), _by(2, "Bea")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    path = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    assert run_cli(path, "run", "--once")[0] == 0
    return write_config(
        tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples, extra=TOOTS
    )


def _by(n: int, handle: str) -> object:
    post = mention(n, COMPLAINT, platform="mastodon", author=f"10{n}")
    return replace(post, author=Author(id=f"10{n}", handle=handle, name="Ana"))


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
    assert table_rows(f"sqlite:///{config.parent}/desk.db", LISTED) == [(stored,)]


def test_another_servers_namesake_is_not_the_local_author(config: Path) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "mastodon", "bea@elsewhere.social")
    assert code == 0 and "not seen yet" in output, output
    assert table_rows(f"sqlite:///{config.parent}/desk.db", LISTED) == []
