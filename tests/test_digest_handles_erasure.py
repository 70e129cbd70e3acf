"""A digest names each author as their platform writes them ("• u/bob (reddit, en): …" on
Reddit, "• bob (hackernews, en): …" on Hacker News, "• @bob (x, en): …" on X), and
`authors forget` still finds their lines in digests stored before, which wrote "@bob" for all."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.erasure_payloads import Whose, line_starts, their_line
from mentiondesk.models import Author, CaseContext, Label, Mention, Reading
from mentiondesk.tables import MENTION, OUTBOX
from tests.helpers import COMPLAINT, mention, run_cli, table_rows
from tests.test_forget_digest_lines import digest_desk
from tests.test_retention_digest import _connect

ROUTE = AlertRoute(name="complaints", to=["console"], digest_minutes=60)
NOTHING = sa.select(MENTION.c.id).where(sa.false())  # no ids: Whose by handle alone
BIA = "my order never came, awful service, I am angry at you"


def _alert(platform: str, handle: str, text: str = "it broke") -> CaseContext:
    post = Mention(platform, "1", Author(id="u1", handle=handle), text, datetime.now(UTC))
    return CaseContext(mention=post, reading=Reading(label=Label.NEGATIVE, score=0.9, lang="en"))


def _whose(platform: str, handle: str) -> Whose:
    accounts = frozenset({(platform, "u1")})
    return Whose(accounts, frozenset({handle}), mentions=NOTHING, cases=NOTHING, drafts=NOTHING)


@pytest.mark.parametrize(
    ("platform", "language", "line"),
    [
        ("reddit", "en", "• u/bob (reddit, en): it broke"),
        ("reddit", "pt-BR", "• u/bob (Reddit, inglês): it broke"),
        ("hackernews", "en", "• bob (hackernews, en): it broke"),
        ("hackernews", "pt-PT", "• bob (Hacker News, inglês): it broke"),
        ("x", "en", "• @bob (x, en): it broke"),
        ("bluesky", "en", "• @bob (bluesky, en): it broke"),
    ],
)
def test_a_digest_writes_the_handle_as_its_platform_does(
    platform: str, language: str, line: str
) -> None:
    wording = wording_for(language, "UTC")
    text = summary(ROUTE, [_alert(platform, "bob")], timedelta(hours=1), wording)
    assert text.split("\n")[1] == line


def test_a_possible_impostor_on_reddit_is_written_u_slash_too() -> None:
    fake = replace(_alert("reddit", "1umora"), impostor_of="u/lumora")
    text = summary(ROUTE, [fake], timedelta(hours=1))
    assert text.split("\n")[1].startswith("• ⚠ u/1umora (reddit, en), possible fake support")


@pytest.mark.parametrize(
    ("platform", "theirs", "not_theirs"),
    [
        (
            "reddit",
            [
                "• @bob (reddit, en): stored before",  # the old form, kept in the store
                "• u/bob (reddit, en): written now",
                "• U/Bob (Reddit, en): Reddit's handles' case does not matter",
                "• ⚠ @bob (Reddit, en), possible fake support account, it resembles u/lumora",
                "• ⚠ u/bob (Reddit, en), possible fake support account, it resembles u/lumora",
            ],
            ["• u/bobby (reddit, en): hi", "• @bob (x, en): hi", "• bob (hackernews, en): hi"],
        ),
        (
            "hackernews",
            [
                "• @bob (hackernews, en): stored before",
                "• bob (hackernews, en): written now",
                "• bob (Hacker News, inglês): written in Portuguese",
                "• ⚠ bob (hackernews, en), possible fake support account, it resembles lumora",
                "• ⚠ @bob (hackernews, en), possible fake support account, it resembles lumora",
            ],
            ["• Bob (hackernews, en): hi", "• @bob (x, en): hi", "• u/bob (reddit, en): hi"],
        ),
    ],
)
def test_their_lines_are_found_written_old_and_new(
    platform: str, theirs: list[str], not_theirs: list[str]
) -> None:
    starts = line_starts(_whose(platform, "bob"))
    assert [their_line(line, starts) for line in theirs] == [True] * len(theirs)
    assert [their_line(line, starts) for line in not_theirs] == [False] * len(not_theirs)


@pytest.fixture
def reddit_desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's complaint on Reddit, then Bia's, in one digest queued (written the new way)."""
    monkeypatch.setattr("mentiondesk.cli_common.getpass.getuser", lambda: "root")
    posts = [
        mention(1, COMPLAINT, platform="reddit"),
        mention(2, BIA, platform="reddit", author="b", name="Bia Lima"),
    ]
    return digest_desk(tmp_path, db_url, posts)


def _digests(db_url: str) -> dict[str, list[str]]:
    query = sa.select(OUTBOX.c.key, OUTBOX.c.payload).where(OUTBOX.c.key.startswith("digest:"))
    return {k: json.loads(p)["text"].split("\n") for k, p in table_rows(db_url, query)}


def test_forget_blanks_their_lines_written_old_and_new(reddit_desk: Path, db_url: str) -> None:
    (new,) = _digests(db_url).values()
    assert new[1:] == [f"• u/h_a1 (reddit, en): {COMPLAINT}", f"• u/h_b (reddit, en): {BIA}"]
    old = ["complaints: 2 mentions", "• @h_a1 (reddit, en): my parcel", "• @h_b (reddit, en): ok"]
    key = "digest:complaints:9:console"  # queued by a release that wrote "@" for everyone
    row = {"key": key, "kind": "alert", "target": "console", "status": "pending"}
    payload = json.dumps({"key": key, "text": "\n".join(old)})
    with _connect(db_url) as conn:
        conn.execute(sa.insert(OUTBOX).values({**row, "payload": payload}))
    code, out = run_cli(reddit_desk, "authors", "forget", "reddit", "u/h_a1", "--yes")
    assert code == 0, out
    digests = _digests(db_url)
    assert digests.pop(key) == [old[0], "• (erased on request)", old[2]]
    ((_, lines),) = digests.items()
    assert lines == [new[0], "• (erased on request)", new[2]]
