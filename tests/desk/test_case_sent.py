"""A delivered reply reads "sent" on the case page, with when (in the desk's zone) and the
platform's link to it; one still in the outbox reads as on its way, one refused for now as
retrying, one held as not sent, one dropped as never sent. The deliveries cost the page one
query, however many."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_hold, queue
from mentiondesk.config import Config, load_config
from mentiondesk.outbox import OutboxWorker
from mentiondesk.plugins import build_responders
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from mentiondesk.web.data_case import load_detail
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
ROUTE = {"default": "console"}
SENT_AT = datetime(2026, 12, 3, 23, 40, tzinfo=UTC)  # 20:40 in São Paulo (UTC−3)
LINK = 'https://x.com/i/status/42?a=1&b="'  # escaped in the href


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"'))


async def _sent(store: Store, config: Config, draft: int, url: str | None) -> None:
    """Approve and deliver through the real worker, then give the delivery the time and the
    link a platform's responder records (the console responder records no link)."""
    key = queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    worker = OutboxWorker(store, build_responders(config), config.settings.outbox)
    await worker.drain(only_key=key)
    with store.engine.begin() as conn:
        outbox_id = conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.key == key))
        done = sa.update(DELIVERY).where(DELIVERY.c.outbox_id == outbox_id)
        assert conn.execute(done.values(url=url, delivered_at=SENT_AT)).rowcount == 1


def _outbox(store: Store, draft: int, **values: object) -> None:
    """What the worker writes after a platform refused the post (for now, or for good)."""
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == f"post:draft:{draft}").values(values))


async def _page(desk: Desk, case: int, lang: str = "en") -> str:
    headers = {"Accept-Language": lang}
    return await (await desk.client.get(f"/cases/{case}", headers=headers)).text()


async def test_a_delivered_reply_says_sent_when_and_where(
    as_role: Login, store: Store, config: Config
) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    await _sent(store, config, draft, LINK)
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert '<span class="status status-approved status-sent">sent</span>' in page
    assert f'id="draft-{draft}-sent">Sent 2026-12-03 20:40 UTC\u22123 · ' in page
    href = 'href="https://x.com/i/status/42?a=1&amp;b=&#34;"'
    assert f'<a {href} target="_blank" rel="noopener noreferrer">Open the reply on X</a>' in page
    assert "approved, sending…</span>" not in page
    pt = await _page(desk, case, "pt-BR")
    assert ">enviada</span>" in pt and "Enviada em 03/12/2026 20:40 UTC\u22123" in pt
    assert "Abrir a resposta no X</a>" in pt


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://x.com/i/status/42", None])
async def test_a_sent_reply_links_only_to_https(
    as_role: Login, store: Store, config: Config, url: str | None
) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    await _sent(store, config, draft, url)
    page = await _page(await as_role("agent"), case)
    assert f'id="draft-{draft}-sent">Sent 2026-12-03 20:40 UTC\u22123</p>' in page
    assert "Open the reply on" not in page and "alert(1)" not in page


async def test_a_reply_still_in_the_outbox_is_on_its_way(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    page = await _page(await as_role("agent"), case)
    assert "approved, sending…</span>" in page
    assert "status-sent" not in page and f"draft-{draft}-sent" not in page


async def test_a_reply_refused_for_now_is_retrying(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    _outbox(store, draft, attempts=2, last_error="x posting: 503 Service Unavailable")
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert "approved, sending failed — retrying</span>" in page
    assert "the outbox tries again by itself. (after 2 tries)" in page
    assert 'sending">approved, sending…</span>' not in page and "status-sent" not in page
    pt = await _page(desk, case, "pt-PT")
    assert "aprovada, falha no envio — a tentar de novo</span>" in pt


async def test_a_held_reply_is_not_sent(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    _outbox(store, draft, status="held", attempts=1, last_error="x posting: 403 too long")
    page = await _page(await as_role("agent"), case)
    assert '<span class="status status-held">approved, not sent</span>' in page
    assert "status-sent" not in page and "retrying" not in page


async def test_a_dropped_reply_says_it_was_never_sent(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my order?")
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    _outbox(store, draft, status="held", attempts=1, last_error="x posting: 403 suspended")
    with store.engine.connect() as conn:
        (held,) = conn.scalars(sa.select(OUTBOX.c.id)).all()
    assert outbox_hold.drop(store, [held], reason="account suspended", actor="cli:ana").changed
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert ">approved, dropped: never sent</span>" in page
    assert "dropped the reply, not to be sent: account suspended" in page
    assert "approved, not sent" not in page and "status-sent" not in page
    pt = await _page(desk, case, "pt-BR")
    assert ">aprovada, descartada: não enviada</span>" in pt
    assert "descartou a resposta, que não será enviada: account suspended" in pt


@contextmanager
def _counted(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    sa.event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", count)


async def test_the_deliveries_cost_one_query_however_many(store: Store, config: Config) -> None:
    mention, case, first = add(store, "Where is my order?", handle="lia", draft_kind="public")
    assert case and first
    await _sent(store, config, first, LINK)
    with _counted(store) as one:
        assert load_detail(store, mention) is not None
    _, _, second = add(store, "Still nothing?", handle="lia", draft_kind="public")
    assert second
    await _sent(store, config, second, None)
    with _counted(store) as two:
        detail = load_detail(store, mention)
    assert detail is not None and set(detail.sent) == {first, second}
    assert len(two) == len(one)
    assert sum("delivery" in q.lower() for q in two) == 1
