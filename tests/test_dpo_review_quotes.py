"""A Bluesky quote post's text ends with the quoted post's address, which holds the quoted
author's DID: once they are forgotten, others' posts quoting theirs (the rows and the copies
in alerts) keep no address of their posts, whether the quoted post was stored or not, and a
quote of their erased post read later is stored without it. Quotes of others stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.digest import flush_due
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    bluesky_post,
    mastodon_post,
    read_as_root,
    run_cli,
    stored_texts,
    write_mentions,
)
from tests.test_retention import _connect, _holding
from tests.test_retention_digest import ROUTES

SARA, EVA = "did:plc:sara7", "did:plc:eva2"


def _quoting(did: str, rkey: str) -> str:
    return f"↪️ https://bsky.app/profile/{did}/post/{rkey}"


# Sara praises the brand (p1, stored); Bia complains quoting it and another post of Sara's
# that never named the brand (p9, not stored); Dia complains quoting Eva's post.
POSTS = [
    bluesky_post(SARA, "p1", PRAISE),
    bluesky_post(
        "did:plc:bia", "b1", f"{COMPLAINT}\n\n{_quoting(SARA, 'p1')}\n{_quoting(SARA, 'p9')}"
    ),
    bluesky_post("did:plc:dia", "d1", f"{COMPLAINT}\n\n{_quoting(EVA, 'e1')}"),
]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    return read_as_root(tmp_path, db_url, monkeypatch, POSTS)


def test_forget_leaves_no_address_of_their_posts_in_others_quotes(desk: Path, db_url: str) -> None:
    assert "outbox.payload" in _holding(db_url, SARA)  # the alert's copy of Bia's post
    code, output = run_cli(desk, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")
    assert code == 0, output
    assert _holding(db_url, SARA) == []
    texts = stored_texts(db_url)
    assert texts["b1"] == f"{COMPLAINT}\n\n{UNQUOTED}\n{UNQUOTED}"
    assert texts["d1"] == POSTS[2].text  # Eva was not forgotten
    assert "1 alert about others' posts delivered to console" in output


def test_a_quote_of_their_erased_post_read_later_comes_without_it(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "forget", "bluesky", "sara7.bsky.social", "--yes")[0] == 0
    later = bluesky_post("did:plc:carl", "c1", f"@lumora same, awful\n\n{_quoting(SARA, 'p1')}")
    write_mentions(tmp_path / "m.jsonl", [*POSTS, later])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert stored_texts(db_url)["c1"] == f"@lumora same, awful\n\n{UNQUOTED}"
    assert _holding(db_url, SARA) == []


def test_forget_takes_their_address_out_of_a_digest_sent(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bia's complaint went out in a digest, its line quoting the start of her post."""
    config = read_as_root(tmp_path, db_url, monkeypatch, POSTS, extra=ROUTES)
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


def test_forget_rewrites_mastodon_quotes_of_their_posts(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bia quotes a status of Sara's (not stored: it never named the brand), by its address
    with her handle; Dia quotes Sarah's, another account."""
    bia = f"{COMPLAINT}\n\n↪️ https://Social.example/@Sara/222"
    dia = f"{COMPLAINT}\n\n↪️ https://social.example/@sarah/5"
    posts = [
        mastodon_post("sara@social.example", 1, PRAISE),
        mastodon_post("bia@other.example", 2, bia),
        mastodon_post("dia@other.example", 3, dia),
    ]
    config = read_as_root(tmp_path, db_url, monkeypatch, posts)
    code, output = run_cli(config, "authors", "forget", "mastodon", "sara@social.example", "--yes")
    assert code == 0, output
    assert _holding(db_url, "@Sara/") == []
    texts = stored_texts(db_url)
    assert texts["2"] == f"{COMPLAINT}\n\n{UNQUOTED}" and texts["3"] == dia
