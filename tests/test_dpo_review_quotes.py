"""A Bluesky quote post's text ends with the quoted post's address, which holds the quoted
author's DID: once they are forgotten, others' posts quoting theirs (the rows and the copies
in alerts) keep no address of their posts, whether the quoted post was stored or not, and a
quote of their erased post read later is stored without it. Quotes of others stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.config import load_config
from mentiondesk.digest import flush_due
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.models import Author, Mention
from mentiondesk.store import Store
from mentiondesk.tables import MENTION, OUTBOX
from tests.helpers import COMPLAINT, PRAISE, run_cli, write_config, write_mentions
from tests.test_retention import _connect, _holding, _rows
from tests.test_retention_digest import ROUTES

SARA, EVA = "did:plc:sara7", "did:plc:eva2"


def _post(did: str, rkey: str, text: str) -> Mention:
    """A Bluesky post by `did`, an hour ago (older ones are not read)."""
    return Mention(
        platform="bluesky",
        external_id=f"at://{did}/app.bsky.feed.post/{rkey}",
        author=Author(id=did, handle=f"{did[8:]}.bsky.social", name=did[8:].title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://bsky.app/profile/{did}/post/{rkey}",
    )


def _quoting(did: str, rkey: str) -> str:
    return f"↪️ https://bsky.app/profile/{did}/post/{rkey}"


# Sara praises the brand (p1, stored); Bia complains quoting it and another post of Sara's
# that never named the brand (p9, not stored); Dia complains quoting Eva's post.
POSTS = [
    _post(SARA, "p1", PRAISE),
    _post("did:plc:bia", "b1", f"{COMPLAINT}\n\n{_quoting(SARA, 'p1')}\n{_quoting(SARA, 'p9')}"),
    _post("did:plc:dia", "d1", f"{COMPLAINT}\n\n{_quoting(EVA, 'e1')}"),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def _texts(db_url: str) -> dict[str, str]:
    rows = _rows(db_url, sa.select(MENTION.c.external_id, MENTION.c.text))
    return {e.rsplit("/", 1)[-1]: t for e, t in rows}


def test_forget_leaves_no_address_of_their_posts_in_others_quotes(desk: Path, db_url: str) -> None:
    assert "outbox.payload" in _holding(db_url, SARA)  # the alert's copy of Bia's post
    code, output = run_cli(desk, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")
    assert code == 0, output
    assert _holding(db_url, SARA) == []
    texts = _texts(db_url)
    assert texts["b1"] == f"{COMPLAINT}\n\n{UNQUOTED}\n{UNQUOTED}"
    assert texts["d1"] == POSTS[2].text  # Eva was not forgotten
    assert "1 alert about others' posts delivered to console" in output


def test_a_quote_of_their_erased_post_read_later_comes_without_it(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")[0] == 0
    later = _post("did:plc:carl", "c1", f"@lumora same, awful\n\n{_quoting(SARA, 'p1')}")
    write_mentions(tmp_path / "m.jsonl", [*POSTS, later])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert _texts(db_url)["c1"] == f"@lumora same, awful\n\n{UNQUOTED}"
    assert _holding(db_url, SARA) == []


def test_forget_takes_their_address_out_of_a_digest_sent(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bia's complaint went out in a digest, its line quoting the start of her post."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples, extra=ROUTES)
    assert run_cli(config, "run", "--once")[0] == 0
    store = Store(db_url)
    try:
        route = load_config(config).settings.routing.alert_routes[0]
        assert flush_due(store, route, now=datetime.now(UTC) + timedelta(hours=2)) > 0
    finally:
        store.dispose()
    with _connect(db_url) as conn:  # delivered: the chat showed it
        conn.execute(sa.update(OUTBOX).values(status="done"))
    assert "outbox.payload" in _holding(db_url, SARA)
    code, output = run_cli(config, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")
    assert code == 0, output
    assert _holding(db_url, SARA) == []
    assert "1 alert about others' posts delivered to console" in output


def _toot(acct: str, n: int, text: str) -> Mention:
    user, _, host = acct.partition("@")
    return Mention(
        platform="mastodon",
        external_id=str(n),
        author=Author(id=f"9{n}", handle=acct, name=user.title()),
        text=text,
        created_at=datetime.now(UTC) - timedelta(hours=1),
        url=f"https://{host}/@{user}/{n}",
    )


def test_forget_rewrites_mastodon_quotes_of_their_posts(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bia quotes a status of Sara's (not stored: it never named the brand), by its address
    with her handle; Dia quotes Sarah's, another account."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    bia = f"{COMPLAINT}\n\n↪️ https://Social.example/@Sara/222"
    dia = f"{COMPLAINT}\n\n↪️ https://social.example/@sarah/5"
    posts = [
        _toot("sara@social.example", 1, PRAISE),
        _toot("bia@other.example", 2, bia),
        _toot("dia@other.example", 3, dia),
    ]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "authors", "forget", "mastodon", "sara@social.example", "--yes")
    assert code == 0, output
    assert _holding(db_url, "@Sara/") == []
    texts = _texts(db_url)
    assert texts["2"] == f"{COMPLAINT}\n\n{UNQUOTED}" and texts["3"] == dia
