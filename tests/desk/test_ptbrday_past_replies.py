"""The case page's "Other replies" says how each went: a private message sent on an earlier
case reads as one, not as a public reply anyone could have seen."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
DM = "Oi, Vitor! Pode mandar o e-mail da conta por aqui?"
PUBLIC = "Valeu, Vitor! Ficamos felizes."


def _approved(store: Store, draft: int | None, text: str) -> None:
    assert draft is not None
    stamp = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.id == draft)
            .values(status="approved", text=text, decided_at=stamp, decided_by="carla")
        )


def _other_replies(page: str) -> list[str]:
    """Each of "Other replies"' items, its markup's tags dropped."""
    section = page.split("<h3>Outras respostas</h3>", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


async def test_other_replies_say_private_or_public(as_role: Login, store: Store) -> None:
    _, old_case, dm = add(store, "cobrado 2x", handle="vitinho", draft_kind="private")
    _approved(store, dm, DM)
    _, _, thanks = add(
        store, "valeu", handle="vitinho", label="positive", case=False, draft_kind="public"
    )
    _approved(store, thanks, PUBLIC)
    with store.engine.begin() as conn:  # solved: the next complaint opens a case of its own
        conn.execute(sa.update(CASE).where(CASE.c.id == old_case).values(status="resolved"))
    _, case, _ = add(store, "de novo cobrado 2x", handle="vitinho")
    assert case != old_case
    desk = await as_role("agent")
    page = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    replies = _other_replies(await page.text())
    assert any(DM in r and "resposta privada" in r for r in replies), replies
    assert any(PUBLIC in r and "resposta pública" in r for r in replies), replies


async def test_a_reply_whose_post_was_dropped_is_not_among_other_replies(
    as_role: Login, store: Store
) -> None:
    _, old_case, dm = add(store, "cobrado 2x", handle="vitinho", draft_kind="private")
    _approved(store, dm, DM)
    with store.engine.begin() as conn:  # a person dropped its post: it never went
        conn.execute(
            sa.insert(OUTBOX).values(
                key=f"post:draft:{dm}",
                kind="post",
                target="console",
                payload="{}",
                status="dropped",
                case_id=old_case,
            )
        )
        conn.execute(sa.update(CASE).where(CASE.c.id == old_case).values(status="resolved"))
    _, case, _ = add(store, "de novo cobrado 2x", handle="vitinho")
    desk = await as_role("agent")
    page = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    text = await page.text()
    assert not any(DM in r for r in _other_replies(text))
    assert DM not in text
