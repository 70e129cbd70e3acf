"""Do-not-contact from the desk finds every form the Mastodon listener stores an author in: an
account of the instance a source reads from is stored as "bea" by one path and may be stored
as "bea@social.example" by another; a click on either lists both, as the CLI does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config
from tests.mastodon_helpers import add_toots, toots_token

Login = Callable[[str], Awaitable[Desk]]


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Config:
    toots_token(monkeypatch)
    return load_config(add_toots(write_config(tmp_path, db_url)))


async def test_listing_a_local_account_from_the_desk_lists_both_its_forms(
    as_role: Login, store: Store
) -> None:
    full, _, _ = add(store, "Where is my lamp?", platform="mastodon", handle="bea@social.example")
    add(store, "Still nothing", platform="mastodon", handle="bea")
    add(store, "Mine came", platform="mastodon", handle="bea@elsewhere.social")  # a namesake
    desk = await as_role("agent")
    response = await desk.post(f"/mentions/{full}/do-not-contact", back=f"/mentions/{full}")
    assert response.status == 303
    listed = sa.select(AUTHOR.c.handle).where(AUTHOR.c.do_not_contact.is_(True))
    with store.engine.connect() as conn:
        assert sorted(conn.scalars(listed)) == ["bea", "bea@social.example"]
