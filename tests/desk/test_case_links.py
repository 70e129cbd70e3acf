"""A stored URL becomes a link on the case page only when it is https (safe_url; a ticket's
may be plain http): a post's URL comes from the platform, some from servers anyone runs, and
`javascript:` in an href runs in the desk's origin when clicked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, MENTION, OUTBOX
from mentiondesk.web.template_globals import safe_url
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _stored(store: Store, mention: int, case: int, url: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(url=url))
        values = {"ticket_ref": "RT-7", "ticket_url": url}
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "JaVaScRiPt:x", "data:text/html,x"],
)
async def test_a_url_that_is_not_https_is_no_link(as_role: Login, store: Store, url: str) -> None:
    # Hacker News: the draft's "Open the post on Hacker News" link is offered too.
    mention, case, _ = add(store, "Refund?", platform="hackernews", draft_kind="public")
    assert case is not None
    _stored(store, mention, case, url)
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert url.split(":")[0] + ":" not in page.replace("https:", "")
    assert "view on Hacker News" not in page and "Open the post on" not in page
    # named, not linked
    assert '<dd class="ticket" id="case-ticket">help desk ticket RT-7</dd>' in page


async def test_an_https_url_is_each_link(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Refund?", platform="hackernews", draft_kind="public")
    assert case is not None
    _stored(store, mention, case, "https://news.ycombinator.com/item?id=1")
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert page.count('href="https://news.ycombinator.com/item?id=1"') == 3


async def test_plain_http_links_a_ticket_but_not_a_post(as_role: Login, store: Store) -> None:
    # A help desk on an intranet (Request Tracker at http://rt.internal) is the admin's own
    # config; a post's plain-http URL comes from a stranger's server.
    mention, case, _ = add(store, "Refund?", platform="hackernews", draft_kind="public")
    assert case is not None
    _stored(store, mention, case, "http://rt.internal/Ticket/Display.html?id=7")
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    assert page.count('href="http://rt.internal/Ticket/Display.html?id=7"') == 1
    assert "view on Hacker News" not in page and "Open the post on" not in page


def test_safe_url_refuses_what_is_not_plain_https() -> None:
    assert safe_url("HTTPS://a.test/x") == "HTTPS://a.test/x"
    assert [safe_url(u) for u in (None, 7, "https://a.test/ x", "https://a.test/\x00")] == [""] * 4
    assert (safe_url("http://a.test/1"), safe_url("http://a.test/1", http=True)) == (
        "",
        "http://a.test/1",
    )
    assert safe_url("javascript:x", http=True) == ""


async def test_the_ticket_a_follow_up_ticket_replaced_is_linked_too(
    as_role: Login, store: Store
) -> None:
    """A follow-up filed anew after its ticket closed (or was archived or deleted) is the
    case's ticket now; the one before holds the start of the story, so it is linked beside."""
    _, case, _ = add(store, "Refund?")
    assert case is not None
    zendesk = "https://acme.zendesk.com/agent/tickets/"
    with store.engine.begin() as conn:
        for n, (kind, ref) in enumerate([("ticket", "4710"), ("comment", "4711")]):
            row = {"key": f"{kind}:zd:{n}", "kind": kind, "target": "zd", "case_id": case}
            done = conn.execute(sa.insert(OUTBOX).values(row | {"status": "done", "payload": "{}"}))
            sent = {"key": row["key"], "kind": kind, "target": "zd", "ref": ref}
            sent |= {"outbox_id": done.inserted_primary_key[0], "url": zendesk + ref}
            conn.execute(sa.insert(DELIVERY).values(sent))
        values = {"ticket_ref": "4711", "ticket_url": zendesk + "4711"}
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))
    page = await (await (await as_role("agent")).client.get(f"/cases/{case}")).text()
    also = page.split('class="muted other-tickets"', 1)[1].split("</small>", 1)[0]
    assert f'· also: <a href="{zendesk}4710" rel="noopener noreferrer">4710</a>' in also
    assert "4711" not in also and f'href="{zendesk}4711"' in page
