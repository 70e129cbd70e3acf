"""A brand on a Mastodon server that allows 5000 characters a status (or only 300) says so on
its `mastodon-post` responder (`max_characters`): approval, an `auto` reply's check, a held
reply's words and the playbook's template check count a reply to that, not Mastodon's
default 500. A bad value stops the config from loading, naming the key and the fix."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue, reply_limit_config
from mentiondesk.config import Config, load_config
from mentiondesk.held_replies import held_length
from mentiondesk.models import ConfigError
from mentiondesk.pipeline import App
from mentiondesk.reply_limits import reply_limit, too_long, use_server_limits
from mentiondesk.tables import DRAFT
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.test_pipeline import Recorder, recorders
from tests.test_reply_length import DRAFTS, POST, draft_of

# The brand's Mastodon poster, routed to; `{line}`: its max_characters line, or none.
MASTODON = """
[playbooks]
paths = ["rules.toml"]

[routing]
post = {{ default = "console", mastodon = "toot" }}

[[responders]]
kind = "mastodon-post"
name = "toot"
base_url = "http://127.0.0.1:9"
{line}
"""


@pytest.fixture(autouse=True)
def _defaults(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The token the responder's table names, and every test's limits back to the defaults
    after it (a process counts to the config it loaded last)."""
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "tok")
    yield
    use_server_limits({})


def _config(tmp_path: Path, db_url: str, line: str = "") -> Config:
    """The config with the Mastodon poster (its `line`), applied as the desk applies it."""
    (tmp_path / "rules.toml").write_text(DRAFTS)
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT, platform="mastodon")])
    extra = MASTODON.format(line=line)
    config = load_config(write_config(tmp_path, db_url=db_url, samples=samples, extra=extra))
    reply_limit_config.apply(config)
    return config


@asynccontextmanager
async def _desk(tmp_path: Path, db_url: str, line: str = "") -> AsyncIterator[App]:
    responders = {**recorders(), "toot": Recorder("toot")}
    async with App(_config(tmp_path, db_url, line), responders=responders) as app:  # type: ignore[arg-type]
        await app.run_once()
        yield app


def _status(app: App, draft: int) -> str:
    with app.store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)))


@pytest.mark.parametrize("kind", ["public", "private"])
async def test_a_900_character_reply_is_approved_on_a_5000_character_server(
    tmp_path: Path, db_url: str, kind: str
) -> None:
    text = "Lamentamos muito. " + "x" * 882  # 900 typed
    async with _desk(tmp_path, db_url, "max_characters = 5000") as app:
        draft = draft_of(app, kind)
        queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        assert _status(app, draft) == "approved"


async def test_the_same_reply_is_refused_where_the_config_says_no_limit(
    tmp_path: Path, db_url: str
) -> None:
    text = "Lamentamos muito. " + "x" * 882
    async with _desk(tmp_path, db_url) as app:
        draft = draft_of(app, "public")
        with pytest.raises(queue.ReplyTooLong) as refused:
            queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
        assert _status(app, draft) == "pending"
    assert str(refused.value).endswith("; mastodon allows 500")


async def test_a_350_character_server_refuses_what_500_would_take(
    tmp_path: Path, db_url: str
) -> None:
    text = "y" * 400  # 400 + "@h_a1 ": fits Mastodon's default, not this server
    async with _desk(tmp_path, db_url, "max_characters = 350") as app:
        draft = draft_of(app, "public")
        with pytest.raises(queue.ReplyTooLong) as refused:
            queue.approve_draft(app.store, draft, by="ana", post_route=POST, text=text)
    assert str(refused.value) == (
        "the reply is 406 characters as mastodon counts it (links count as 23 characters, and "
        "a reply starts with the author's @handle); mastodon allows 350"
    )


async def test_a_template_too_long_for_the_server_stops_start_up(
    tmp_path: Path, db_url: str
) -> None:
    # The shipped pt-PT DM runs to 306 for a short name: fine at 500, not at 300.
    with pytest.raises(ConfigError) as refused:
        async with _desk(tmp_path, db_url, "max_characters = 300"):
            pass
    assert "complaint_dm.j2 is too long for a private reply on mastodon" in str(refused.value)
    assert "mastodon allows 300; shorten it" in str(refused.value)


def test_a_held_reply_and_an_auto_reply_count_to_the_servers_limit(
    tmp_path: Path, db_url: str
) -> None:
    _config(tmp_path, db_url, "max_characters = 5000")
    text = "z" * 4990  # 4996 with "@rita ": fits 5000
    assert too_long("mastodon", text, private=False, handle="rita") is None
    held = held_length("mastodon", text + "z" * 10, private=False, handle="rita", answered="")
    assert (held.length, held.limit) == (5006, 5000)
    assert str(held).endswith("; mastodon allows 5000")
    # Other platforms keep theirs.
    assert (reply_limit("bluesky"), reply_limit("x", private=True)) == (300, 10_000)


def test_only_the_responder_that_posts_mastodon_replies_sets_the_limit(
    tmp_path: Path, db_url: str
) -> None:
    config = _config(tmp_path, db_url, "max_characters = 5000")
    assert reply_limit_config.server_limits(config) == {"mastodon": 5000}
    routing = config.settings.routing.model_copy(update={"post": {"default": "console"}})
    settings = config.settings.model_copy(update={"routing": routing})
    unrouted = Config(config.path, settings, config.sources, config.responders)
    assert reply_limit_config.server_limits(unrouted) == {}
    reply_limit_config.apply(unrouted)  # a config loaded after it: its limits, not the last
    assert reply_limit("mastodon") == 500


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("max_characters = 0", "0 is too low; write a whole number above 0"),
        ("max_characters = -5000", "-5000 is too low; write a whole number above 0"),
        ('max_characters = "5000"', "'5000' is text; write a whole number above 0"),
        ("max_characters = 5000.5", "5000.5 is a number; write a whole number above 0"),
    ],
)
def test_a_limit_that_is_no_positive_whole_number_stops_the_load(
    tmp_path: Path, line: str, said: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        _config(tmp_path, "sqlite:///x.db", line)
    assert f"responders[2].max_characters: {said}" in str(refused.value)


def test_loading_the_config_is_enough(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(DRAFTS)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = MASTODON.format(line="max_characters = 5000")
    load_config(write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra))
    assert reply_limit("mastodon") == 5000
