"""The desk with its database out of reach: a 503 page saying so, in the reader's language.

The store is a real engine pointed at a closed port (nothing listens on port 1), swapped in
after the person logged in: loading their session fails first, as any page's query would."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer

from mentiondesk.store import Store
from mentiondesk.web.common import DESK
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
CLOSED = "postgresql+psycopg://postgres:s3cret@127.0.0.1:1/mentiondesk"
SAID = "The desk can&#39;t reach its database right now; nothing you did was lost"
SAID_PT = "O atendimento não consegue acessar o banco de dados agora; nada do que você fez"


async def test_a_page_says_the_database_is_out_of_reach(
    as_role: Login, store: Store, server: TestServer, caplog: pytest.LogCaptureFixture
) -> None:
    _, case, draft = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    server.app[DESK].store, kept = Store(CLOSED), store
    try:
        page = await desk.client.get("/queue")
        text = await page.text()
        approve = await desk.post(f"/drafts/{draft}/approve", back=f"/cases/{case}")
        pt = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
        pt_text = await pt.text()
    finally:
        server.app[DESK].store.dispose()
        server.app[DESK].store = kept
    assert page.status == 503 and page.headers["Retry-After"] == "60"
    assert SAID in text and "try again in a minute" in text and "Traceback" not in text
    assert approve.status == 503 and SAID in await approve.text()
    assert pt.status == 503 and SAID_PT in pt_text and "Banco de dados inacessível" in pt_text
    lines = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("mentiondesk")
    ]
    assert lines == [
        "GET /queue: the store is unreachable (OperationalError)",
        f"POST /drafts/{draft}/approve: the store is unreachable (OperationalError)",
        f"GET /cases/{case}: the store is unreachable (OperationalError)",
    ]  # one line each, naming no host, password or statement
