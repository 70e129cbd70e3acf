"""Reply now's `seen` counts the replies the page shows, from the same read as its drafts: a
colleague's reply that lands while the page is put together is not shown, so it is not
counted as seen either, and the agent's reply is refused as one after theirs, never sent
as a second, unaware answer."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import hand_reply
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web import pages_case
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
ROUTE = {"default": "console"}
_SEEN = re.compile(r'/reply" class="draft-form">\s*<input[^\n]*name="seen" value="(\d+)"')


async def test_a_reply_landing_as_the_page_loads_is_not_seen(
    as_role: Login, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mention, case, _ = add(store, "My order never came", draft=None)
    real = pages_case.load_detail

    def colleague_answers_meanwhile(*args: Any, **kw: Any) -> Any:
        detail = real(*args, **kw)  # what the page shows: no reply yet
        monkeypatch.setattr(pages_case, "load_detail", real)  # once
        hand_reply.write_reply(
            store, mention, by="manager", kind="public", text="On it!", seen=0, post_route=ROUTE
        )
        return detail

    monkeypatch.setattr(pages_case, "load_detail", colleague_answers_meanwhile)
    ana = await as_role("agent")
    page = await (await ana.client.get(f"/cases/{case}")).text()
    found = _SEEN.search(page)
    assert found and found.group(1) == "0" and "On it!" not in page
    mine = dict(kind="public", text="Sorry!", seen=found.group(1), back=f"/cases/{case}")
    refused = await ana.refused(f"/mentions/{mention}/reply", **mine)
    assert "manager sent a reply after you opened the page" in await refused.text()
    with store.engine.connect() as conn:  # theirs only
        assert conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) == 1
