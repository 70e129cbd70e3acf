"""`authors forget` finds an author by account id or by one of their posts' links, not only
by the handle of their last post: someone renamed since is otherwise "not found"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, MENTION
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

POSTS = {  # platform: (the post's id as stored, its link as stored, a link someone sends)
    "x": ("1790", "https://x.com/h_a1/status/1790", "https://twitter.com/other/status/1790?s=2"),
    "bluesky": (
        "at://did:plc:ana/app.bsky.feed.post/3kabc",
        "https://bsky.app/profile/h_a1/post/3kabc",
        "https://bsky.app/profile/ana.new.handle/post/3kabc",
    ),
    "reddit": ("t1_k2xyz", "", "https://old.reddit.com/r/lumora/comments/1abcd/title/k2xyz/"),
    "hackernews": ("4242", "", "https://news.ycombinator.com/item?id=4242"),
    "mastodon": ("99", "https://social.example/@ana/1122", "https://social.example/@ana/1122"),
}


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=db_url, samples=samples)


def _store(db_url: str, platform: str) -> None:
    """Ana's post (her handle since renamed: stored as h_a1) and Bia's, on `platform`."""
    post_id, url, _ = POSTS[platform]
    ana = replace(mention(1, platform=platform), external_id=post_id, url=url)
    store = Store(db_url)
    store.create_all()
    try:
        store.ingest("s", [ana, mention(2, platform=platform, author="b")], "c")
    finally:
        store.dispose()


@pytest.mark.parametrize("platform", list(POSTS))
def test_forget_finds_them_by_a_post_link(config: Path, db_url: str, platform: str) -> None:
    _store(db_url, platform)
    code, output = run_cli(config, "authors", "forget", platform, "--post", POSTS[platform][2])
    assert code == 1 and "deletes: 1 mention" in " ".join(output.split())  # asked, refused
    code, output = run_cli(
        config, "authors", "forget", platform, "--post", POSTS[platform][2], "--yes"
    )
    assert code == 0, output
    assert table_rows(db_url, sa.select(AUTHOR.c.handle)) == [("h_b",)]


def test_forget_by_account_id_and_a_not_found_that_says_how_to_look(
    config: Path, db_url: str
) -> None:
    _store(db_url, "x")
    code, output = run_cli(config, "authors", "forget", "x", "ana_renamed", "--yes")
    said = " ".join(output.split())
    assert code == 1 and "by handle 'ana_renamed'" in said
    assert "not proof that no data" in said and "--id" in said and "--post URL" in said
    code, output = run_cli(config, "authors", "forget", "x", "--id", "a1", "--yes")
    assert code == 0, output
    assert table_rows(db_url, sa.select(MENTION.c.external_id)) == [("m2",)]


def test_do_not_contact_finds_them_by_account_id_or_post(config: Path, db_url: str) -> None:
    _store(db_url, "x")
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    code, output = run_cli(config, "authors", "do-not-contact", "x", "--id", "a1")
    assert code == 0 and "h_a1 on x is on the do-not-contact list" in output
    assert table_rows(db_url, listed) == [("h_a1",)]
    code, output = run_cli(config, "authors", "do-not-contact", "x", "--id", "zz")
    assert code == 1 and "by account id 'zz'" in " ".join(output.split())
    post = "https://x.com/anyone/status/1790"
    assert run_cli(config, "authors", "do-not-contact", "x", "--post", post, "--undo")[0] == 0
    assert table_rows(db_url, listed) == []


@pytest.mark.parametrize("command", ["forget", "export", "do-not-contact"])
@pytest.mark.parametrize(
    ("given", "other"),
    [(["--id", "zz"], "--post URL"), (["--post", "https://x.com/a/status/77"], "--id")],
)
def test_a_not_found_suggests_the_ways_not_tried(
    config: Path, db_url: str, command: str, given: list[str], other: str
) -> None:
    """Not the option just used: the handle, or the other of --id and --post."""
    _store(db_url, "x")
    code, output = run_cli(config, "authors", command, "x", *given)
    tried = " ".join(output.split()).split(" Try ")[-1]
    assert code == 1 and tried.startswith("their handle or ") and other in tried, output
    assert given[0] not in tried


def test_do_not_contact_by_id_or_post_lists_that_account_not_its_handles(
    config: Path, db_url: str
) -> None:
    """Ana renamed and her old handle was taken by Bia, who posted: both are stored under it.
    `--id`/`--post` names one person; listing (or unlisting) by the handle did both, taking
    off the list someone who had asked on their own."""
    ana = replace(mention(1), external_id="1790")
    bia = mention(2, author="b")
    bia = replace(bia, author=replace(bia.author, handle=ana.author.handle))
    store = Store(db_url)
    store.create_all()
    try:
        store.ingest("s", [ana, bia], "c")
    finally:
        store.dispose()
    listed = sa.select(AUTHOR.c.external_id).where(AUTHOR.c.do_not_contact.is_(True))
    assert run_cli(config, "authors", "do-not-contact", "x", "--id", "b")[0] == 0
    assert table_rows(db_url, listed) == [("b",)]
    assert run_cli(config, "authors", "do-not-contact", "x", "--id", "a1")[0] == 0
    assert run_cli(config, "authors", "do-not-contact", "x", "--id", "a1", "--undo")[0] == 0
    assert table_rows(db_url, listed) == [("b",)]  # Bia, who asked, stays listed
    post = "https://x.com/anyone/status/1790"  # Ana's
    assert run_cli(config, "authors", "do-not-contact", "x", "--post", post)[0] == 0
    assert sorted(table_rows(db_url, listed)) == [("a1",), ("b",)]
