"""Reject in bulk in the desk (pages_bulk): a preview changes nothing; the confirm rejects
exactly the drafts previewed, by the manager's name, skipping and counting one edited or
decided since; managers only; CSRF; hostile text escaped. Over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
_DRAFT_FIELD = re.compile(r'name="draft" value="(\d+):([0-9a-f]+)"')
_NOTICE = re.compile(r'<div class="notice notice-\w+" role="status" id="notice">(.*?)</div>', re.S)


def _seed(store: Store) -> dict[str, list[int]]:
    """Four auto replies (public, on X, one on Bluesky, one only 5 minutes old) and two
    complaint drafts: the ids of each rule's drafts."""
    made: dict[str, list[int]] = {"auto": [], "complaint": []}
    ages = [timedelta(hours=5), timedelta(hours=4), timedelta(hours=3), timedelta(minutes=5)]
    platforms = ["x", "x", "bluesky", "x"]
    for n, (platform, ago) in enumerate(zip(platforms, ages, strict=True)):
        _, _, draft = add(
            store,
            "Is the recall true?",
            platform=platform,
            draft=f"We are sorry {n} " + HOSTILE,
            draft_kind="public",
            rule="auto",
            ago=ago,
        )
        assert draft
        made["auto"].append(draft)
        with store.engine.begin() as conn:  # drafted as the mention came, not as seeded
            stamp = datetime.now(UTC) - ago
            conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(created_at=stamp))
    for _ in range(2):
        _, _, draft = add(store, "My lamp is broken", rule="complaint")
        assert draft
        made["complaint"].append(draft)
    return made


def _status(store: Store) -> dict[int, tuple[str, str | None]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(DRAFT.c.id, DRAFT.c.status, DRAFT.c.decided_by)).all()
    return {r[0]: (r[1], r[2]) for r in rows}


async def _preview(desk: Desk, query: str) -> tuple[str, list[str]]:
    page = await (await desk.client.get(f"/drafts/bulk-reject?{query}")).text()
    return page, [f"{i}:{seen}" for i, seen in _DRAFT_FIELD.findall(page)]


async def test_preview_changes_nothing_and_confirm_rejects_it(as_role: Login, store: Store) -> None:
    made = _seed(store)
    desk = await as_role("manager")
    queue_page = await (await desk.client.get("/queue")).text()
    assert 'href="/drafts/bulk-reject"' in queue_page  # the way there, for managers
    form = await (await desk.client.get("/drafts/bulk-reject")).text()
    assert "auto (4 pending drafts)" in form and "complaint (2 pending drafts)" in form
    page, listed = await _preview(desk, "rule=auto&platform=x&older=1h")
    assert "2 pending drafts match" in page
    assert [int(v.split(":")[0]) for v in listed] == made["auto"][:2]  # oldest first
    assert HOSTILE not in page and "&lt;script&gt;" in page  # a draft's words, escaped
    assert all(status == "pending" for status, _ in _status(store).values())
    response = await desk.post("/drafts/bulk-reject", draft=listed[0])
    assert response.status == 303
    # aiohttp's form takes one value per name: send both as a list
    response = await desk.client.post(
        "/drafts/bulk-reject",
        data=[("csrf", desk.csrf), *(("draft", v) for v in listed)],
        allow_redirects=False,
    )
    assert response.status == 303 and response.headers["Location"] == "/drafts/bulk-reject"
    landed = await (await desk.client.get("/drafts/bulk-reject")).text()
    found = _NOTICE.search(landed)
    # the first was rejected by the first post: the second post skips it, decided meanwhile
    assert found and found.group(1) == (
        "1 draft rejected; 1 draft skipped (changed by someone since the preview)."
    )
    again = await (await desk.client.get("/drafts/bulk-reject")).text()
    assert not _NOTICE.search(again)  # said once: a reload sends and says nothing
    status = _status(store)
    assert [status[i] for i in made["auto"][:2]] == [("rejected", "manager")] * 2
    assert {status[i][0] for i in made["auto"][2:] + made["complaint"]} == {"pending"}
    with store.engine.connect() as conn:
        lines = conn.execute(
            sa.select(AUDIT.c.actor, AUDIT.c.draft_id).where(AUDIT.c.action == "reject")
        ).all()
    assert sorted(lines) == sorted(("manager", i) for i in made["auto"][:2])  # as the CLI's


async def test_a_draft_edited_since_the_preview_is_skipped(as_role: Login, store: Store) -> None:
    made = _seed(store)
    desk = await as_role("admin")
    _, listed = await _preview(desk, "rule=complaint")
    assert len(listed) == 2
    queue.edit_draft(store, made["complaint"][0], text="A better apology", by="agent")
    response = await desk.client.post(
        "/drafts/bulk-reject",
        data=[("csrf", desk.csrf), *(("draft", v) for v in listed)],
        allow_redirects=False,
    )
    landed = await (await desk.client.get(response.headers["Location"])).text()
    found = _NOTICE.search(landed)
    assert found and found.group(1).startswith("1 draft rejected; 1 draft skipped")
    status = _status(store)
    assert status[made["complaint"][0]] == ("pending", None)  # the colleague's edit kept
    assert status[made["complaint"][1]] == ("rejected", "admin")


async def test_pt_br_words_and_a_bad_age(as_role: Login, store: Store) -> None:
    _seed(store)
    desk = await as_role("manager")
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/drafts/bulk-reject?rule=auto", headers=pt)).text()
    assert "4 rascunhos pendentes correspondem" in page and "Rejeitar 4 rascunhos" in page
    bad = await (await desk.client.get("/drafts/bulk-reject?rule=auto&older=2", headers=pt)).text()
    assert 'aria-invalid="true"' in bad and "Tempo inválido" in bad
    assert not _DRAFT_FIELD.search(bad)  # nothing to confirm from an invalid filter


async def test_agents_can_neither_see_nor_post_it(as_role: Login, store: Store) -> None:
    made = _seed(store)
    agent = await as_role("agent")
    assert 'href="/drafts/bulk-reject"' not in await (await agent.client.get("/queue")).text()
    assert (await agent.client.get("/drafts/bulk-reject?rule=auto")).status == 403
    manager = await as_role("manager")
    _, listed = await _preview(manager, "rule=auto")
    assert (await agent.post("/drafts/bulk-reject", draft=listed[0])).status == 403
    assert _status(store)[made["auto"][0]] == ("pending", None)


async def test_a_post_without_the_csrf_token_rejects_nothing(as_role: Login, store: Store) -> None:
    made = _seed(store)
    desk = await as_role("manager")
    _, listed = await _preview(desk, "rule=auto")
    response = await desk.client.post(
        "/drafts/bulk-reject", data={"draft": listed[0]}, allow_redirects=False
    )
    assert response.status == 403
    assert _status(store)[made["auto"][0]] == ("pending", None)
