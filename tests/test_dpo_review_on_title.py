"""A story's title is its author's words: once they are forgotten, the comments others made
on it (their rows, the copies in alerts and replies waiting) no longer say what they are on,
and a comment read later on that story is stored without it. Another story's title stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.models import Mention
from mentiondesk.tables import MENTION
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions
from tests.test_retention import _holding, _rows

TITLE = "Ask HN: is Lumora down for anyone else? Sara's lamp shop"
OTHER = "Show HN: a lamp I built"
LATER = "@lumora same here, my order vanished and support is awful"


def _hn(n: int, text: str, author: str, **kw: Any) -> Mention:
    """A Hacker News item posted an hour ago (older ones are not read)."""
    post = mention(n, text, platform="hackernews", author=author, name=author.title())
    post = replace(post, external_id=str(n), created_at=datetime.now(UTC) - timedelta(hours=1))
    return replace(post, **kw)


# Sara's story (100) names the brand; Bia complains in a comment on it (MD-000001, an alert
# with a copy of the comment); Dia comments on another story, not Sara's.
STORY = _hn(100, TITLE, "sara", thread_id="100")
POSTS = [
    STORY,
    _hn(101, COMPLAINT, "bia", thread_id="100", parent_id="100", on_title=TITLE),
    _hn(201, COMPLAINT, "dia", thread_id="200", parent_id="200", on_title=OTHER),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    config = write_config(
        tmp_path, db_url=db_url, samples=write_mentions(tmp_path / "m.jsonl", POSTS)
    )
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def _titles(db_url: str) -> dict[str, str | None]:
    return dict(_rows(db_url, sa.select(MENTION.c.external_id, MENTION.c.on_title)))


def test_forget_blanks_their_title_on_others_comments(desk: Path, db_url: str) -> None:
    assert "outbox.payload" in _holding(db_url, TITLE)  # the alert's copy of Bia's comment
    code, output = run_cli(desk, "authors", "forget", "hackernews", "h_sara", "--yes")
    assert code == 0, output
    assert _holding(db_url, TITLE) == []
    assert _titles(db_url) == {"101": None, "201": OTHER}
    # The alert sent about Bia's comment showed the title: that copy is the operator's to delete.
    assert "1 alert about others' posts delivered to console, showing the title" in output


def test_a_comment_read_later_on_their_story_comes_without_it(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "forget", "hackernews", "h_sara", "--yes")[0] == 0
    later = _hn(102, LATER, "carl", thread_id="100", parent_id="101", on_title=TITLE)
    write_mentions(tmp_path / "m.jsonl", [*POSTS, later])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert _titles(db_url)["102"] is None
    assert _holding(db_url, TITLE) == []
