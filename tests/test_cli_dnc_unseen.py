"""`authors do-not-contact` for someone not seen yet (they asked by email or on the phone):
their handle is listed, and their first complaint gets no private draft."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.models import Author, Mention
from mentiondesk.tables import AUDIT, AUTHOR, DRAFT, MENTION
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions

UNSEEN = "not seen yet; listed: no private message will be drafted when they post"


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora hello", author="b")])
    path = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(path, "run", "--once")[0] == 0
    return path


def _post(tmp_path: Path, *posts: Mention) -> None:
    """The replay reads on from its cursor: the first line stays, the new ones follow."""
    write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora hello", author="b"), *posts])


def _by(n: int, handle: str, platform: str = "x") -> Mention:
    post = mention(n, COMPLAINT, platform=platform, author=f"id{n}")
    return replace(post, author=Author(id=f"id{n}", handle=handle, name="Nia Obi"))


def test_a_handle_listed_unseen_gets_no_dm_when_they_first_complain(
    config: Path, tmp_path: Path, db_url: str
) -> None:
    code, output = run_cli(config, "authors", "do-not-contact", "x", "@NoBody_Yet")
    assert code == 0 and UNSEEN in output
    _post(tmp_path, _by(2, "nobody_yet"), _by(3, "somebody_else"))  # X ignores case
    assert run_cli(config, "run", "--once")[0] == 0
    drafts = (
        sa.select(AUTHOR.c.handle, DRAFT.c.kind)
        .join_from(DRAFT, MENTION, DRAFT.c.mention_id == MENTION.c.id)
        .join(AUTHOR, MENTION.c.author_id == AUTHOR.c.id)
    )
    assert ("somebody_else", "private") in table_rows(db_url, drafts)
    assert ("nobody_yet", "private") not in table_rows(db_url, drafts)
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url, listed) == [("nobody_yet",)]
    trail = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail)
    assert ("cli:root", "do-not-contact", "x: a handle not seen yet") in table_rows(db_url, trail)
    assert not [d for *_, d in table_rows(db_url, trail) if "nobody" in (d or "").lower()]


def test_hacker_news_handles_are_matched_exactly(config: Path, tmp_path: Path, db_url: str) -> None:
    assert run_cli(config, "authors", "do-not-contact", "hackernews", "Kdrum")[0] == 0
    _post(tmp_path, _by(2, "kdrum", platform="hackernews"))
    assert run_cli(config, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.handle == "kdrum")
    assert table_rows(db_url, listed) == [(False,)]


def test_undo_and_mistakes(config: Path, tmp_path: Path, db_url: str) -> None:
    assert run_cli(config, "authors", "do-not-contact", "x", "nobody_at_all")[0] == 0
    assert run_cli(config, "authors", "do-not-contact", "x", "Nobody_At_All", "--undo")[0] == 0
    _post(tmp_path, _by(2, "nobody_at_all"))
    assert run_cli(config, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url, listed) == []  # taken off before they posted
    code, output = run_cli(config, "authors", "do-not-contact", "x", "never_listed", "--undo")
    assert code == 1 and "no author 'never_listed' on x" in output
    code, output = run_cli(config, "authors", "do-not-contact", "twiter", "someone")
    assert code == 1 and "no platform 'twiter'; use one of: bluesky, " in output


def test_an_unknown_platform_is_named_on_an_empty_store(tmp_path: Path, db_url: str) -> None:
    """Not "the store has no authors yet": the platform is what is wrong, whatever is stored."""
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    code, output = run_cli(config, "authors", "do-not-contact", "twitter", "@h")
    assert (code, "no platform 'twitter'; did you mean 'x'?" in output) == (1, True), output


def test_a_mastodon_handle_with_its_server_matches_the_listening_instances_own_form(
    config: Path, tmp_path: Path, db_url: str
) -> None:
    """An instance names its own accounts without the server: "ana", not "ana@our.server"."""
    assert run_cli(config, "authors", "do-not-contact", "mastodon", "@ana@our.server")[0] == 0
    _post(tmp_path, _by(2, "ana", platform="mastodon"))
    assert run_cli(config, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    assert table_rows(db_url, listed) == [("ana",)]
    code, _ = run_cli(config, "authors", "do-not-contact", "mastodon", "bo@x.social", "--undo")
    assert code == 1  # never listed: said so, as for any other handle


TRAIL = sa.select(AUDIT.c.id, AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail)


@pytest.mark.parametrize("again", [["h_b"], ["--id", "b"]])
def test_listing_someone_listed_already_says_so_and_audits_nothing(
    config: Path, db_url: str, again: list[str]
) -> None:
    first = run_cli(config, "authors", "do-not-contact", "x", "h_b")
    assert first == (0, "h_b on x is on the do-not-contact list.\n")
    before = table_rows(db_url, TRAIL)
    said = "h_b on x was already on the do-not-contact list; nothing changed.\n"
    assert run_cli(config, "authors", "do-not-contact", "x", *again) == (0, said)
    assert table_rows(db_url, TRAIL) == before


def test_listing_an_unseen_handle_twice_says_it_was_listed_already(
    config: Path, db_url: str
) -> None:
    assert UNSEEN in run_cli(config, "authors", "do-not-contact", "x", "nobody_yet")[1]
    before = table_rows(db_url, TRAIL)
    code, output = run_cli(config, "authors", "do-not-contact", "x", "@Nobody_Yet")
    assert (code, UNSEEN in output) == (0, False)
    assert "not seen yet; already listed for when they post; nothing changed" in output
    assert table_rows(db_url, TRAIL) == before
