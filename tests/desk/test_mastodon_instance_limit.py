"""The desk of a brand whose Mastodon server allows 5000 characters a status (its poster's
`max_characters = 5000`): the case page's counter counts a reply to 5000, not 500, and a
reply held as too long is said against the same limit."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue, reply_limit_config
from mentiondesk.config import Config, load_config
from mentiondesk.reply_limits import use_server_limits
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
ROUTED = 'post = { default = "console", mastodon = "toot" }'
POSTER = """
[[responders]]
kind = "mastodon-post"
name = "toot"
base_url = "http://127.0.0.1:9"
max_characters = 5000
"""
HELD = (
    "mastodon refused the post (422 Unprocessable Content): the text is over the server's "
    "character limit; shorten it and approve it again"
)


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Config]:
    """The desk's test config with the Mastodon poster routed to, loaded as the desk loads
    it; Mastodon's default limit back after the test."""
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "tok")
    path = write_config(tmp_path, db_url)
    text = path.read_text().replace('post = { default = "console" }', ROUTED)
    path.write_text(text + POSTER)
    config = load_config(path)
    reply_limit_config.apply(config)
    yield config
    use_server_limits({})


def _limits(page: str) -> set[str]:
    """Every limit the page gives the live counter (its reply boxes and kind choices)."""
    return set(re.findall(r'data-(?:kind-)?limit="(\d+)"', page))


async def _page(desk: Desk, case: int, lang: str = "en") -> str:
    got = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
    assert got.status == 200
    return html.unescape(await got.text())


async def test_the_counter_counts_a_mastodon_reply_to_the_servers_limit(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "@lumora a encomenda não chegou", platform="mastodon")
    assert case
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert _limits(page) == {"5000"}
    assert "5,000 characters" in page  # beside the reply kinds, as the page writes numbers
    assert "5.000 caracteres" in await _page(desk, case, "pt-BR")
    # Another platform's case keeps its own.
    _, x_case, _ = add(store, "@lumora where is my parcel", platform="x", draft_kind="public")
    assert x_case and "5000" not in _limits(await _page(desk, x_case))


async def test_a_held_reply_is_said_against_the_servers_limit(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "@lumora perdi a mala", platform="mastodon", draft_kind="public")
    assert case and draft
    approved = "Lamentamos! " + "a" * 1000  # over 500, well within 5000: approved
    key = queue.approve_draft(
        store, draft, by="agent", post_route={"default": "console"}, text=approved
    )
    with store.engine.begin() as conn:  # a text edited past the server's limit since
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(text="b" * 5100))
        held = {"status": "held", "last_error": HELD, "attempts": 1}
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == key).values(**held))
    page = await _page(await as_role("agent"), case)
    assert "Not sent: too long for the platform." in page
    assert "Mastodon allows 5,000." in page
