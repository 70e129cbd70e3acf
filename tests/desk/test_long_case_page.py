"""A Black Friday case: one furious customer posting all day (400 follow-ups), 60 drafts
decided on, 80 notes and 90 audit entries. The case page lists the first and newest mentions
and the newest of the rest, and says the real totals; every pending draft stays on it, however
old; a small case reads as before (nothing about rows left out)."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT, FOLLOW_UP, MENTION, NOTE, READING
from mentiondesk.web.data_case_long import AUDIT_LIMIT, DRAFT_LIMIT, NOTE_LIMIT
from mentiondesk.web.data_case_thread import THREAD_LIMIT
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9"}
START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # Black Friday morning
FOLLOW_UPS, DECIDED, NOTES, ENTRIES = 400, 60, 80, 90


def _rows(store: Store, opener: int, case: int) -> int:
    """The follow-ups, decided drafts, notes and audit entries; return the old pending
    draft's id (written before all the decided ones: the oldest of the case's drafts)."""
    with store.engine.begin() as conn:
        author = conn.scalar(sa.select(MENTION.c.author_id).where(MENTION.c.id == opener))
        ids = range(100_000, 100_000 + FOLLOW_UPS)
        at = [START + timedelta(minutes=i - 100_000) for i in ids]
        conn.execute(sa.insert(MENTION), [
            {"id": i, "platform": "x", "external_id": f"f{i}", "source": "t", "author_id": author,
             "text": f"still waiting <b>{i}</b>", "url": "", "lang": "en", "processed": True,
             "created_at": t, "ingested_at": t}
            for i, t in zip(ids, at, strict=True)
        ])  # fmt: skip
        conn.execute(sa.insert(READING), [
            {"mention_id": i, "classifier": "t", "label": "negative", "score": 0.9,
             "lang": "en", "topics": "", "frustration": 2, "reason": None,
             "is_question": False, "created_at": START}
            for i in ids
        ])  # fmt: skip
        conn.execute(
            sa.insert(FOLLOW_UP),
            [{"case_id": case, "mention_id": i, "created_at": START} for i in ids],
        )
        draft = {"mention_id": opener, "case_id": case, "kind": "public", "lang": "en",
                 "rule": "complaint", "created_at": START}  # fmt: skip
        pending = conn.execute(
            sa.insert(DRAFT).returning(DRAFT.c.id),
            {**draft, "text": "the old pending one", "status": "pending"},
        ).scalar_one()
        conn.execute(sa.insert(DRAFT), [
            {**draft, "text": f"decided {n}", "status": ("approved", "rejected")[n % 2],
             "decided_by": "ann", "decided_at": START}
            for n in range(DECIDED)
        ])  # fmt: skip
        conn.execute(sa.insert(NOTE), [
            {"mention_id": opener, "case_id": case, "author": "ann", "text": f"note {n}",
             "created_at": START}
            for n in range(NOTES)
        ])  # fmt: skip
        conn.execute(sa.insert(AUDIT), [
            {"at": START, "actor": "ann", "action": "note", "mention_id": opener, "case_id": case}
            for _ in range(ENTRIES)
        ])  # fmt: skip
    return int(pending)


async def _page(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200
    return html.unescape(await response.text())


def _drafts(page: str) -> int:
    return len(re.findall(r'<section class="panel draft-panel" id="draft-\d+">', page))


def _notes(page: str) -> int:
    return page.count('<div class="note">')


def _entries(page: str) -> int:
    found = re.search(r'<ol class="audit">(.*?)</ol>', page, re.S)
    return found.group(1).count("<li>") if found else 0


@pytest.fixture
def long_case(store: Store) -> tuple[int, int]:
    """(case id, the old pending draft's id)."""
    opener, case, _ = add(store, "my order never came", handle="fury", draft=None)
    assert case is not None
    return case, _rows(store, opener, case)


async def test_the_heading_says_the_case_s_real_number_of_mentions(
    as_role: Login, long_case: tuple[int, int]
) -> None:
    """It said "50 mentions by the author" of a case of 401: the rows it listed."""
    case, _ = long_case
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    listed = page.count('<li id="case-mention-')
    assert listed == THREAD_LIMIT
    total = f"{FOLLOW_UPS + 1:,}"
    shown = THREAD_LIMIT - 1
    assert f"{total} mentions by the author — the first and the {shown} newest shown" in page
    assert f"{THREAD_LIMIT} mentions by the author" not in page
    assert 'href="?all=1#case-mentions"' in page and "show them all" in page
    every = await _page(desk, f"/cases/{case}?all=1")
    assert every.count('<li id="case-mention-') == FOLLOW_UPS + 1
    assert f"{total} mentions by the author, oldest first" in every
    assert "?all=1" not in every
    br = await _page(desk, f"/cases/{case}", PT_BR)
    assert f"401 menções da pessoa — exibidas a primeira e as {shown} mais recentes" in br
    assert "mostrar todas" in br
    pt = await _page(desk, f"/cases/{case}", PT_PT)
    assert f"401 menções da pessoa — mostradas a primeira e as {shown} mais recentes" in pt


async def test_drafts_notes_and_audit_keep_their_newest_and_every_pending_draft(
    as_role: Login, long_case: tuple[int, int]
) -> None:
    """Every draft, note and audit entry of the case was on the page (hundreds of KB)."""
    case, pending = long_case
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert _drafts(page) == DRAFT_LIMIT + 1
    assert f'id="draft-{pending}"' in page  # the oldest draft, but one to act on
    assert "the old pending one" in page and f"decided {DECIDED - 1}" in page
    assert "decided 0<" not in page and "decided 0\n" not in page
    assert f"{DECIDED - DRAFT_LIMIT} older drafts, already sent, rejected or withdrawn" in page
    assert _notes(page) == NOTE_LIMIT
    assert f"note {NOTES - 1}<" in page and "note 0<" not in page
    assert f"{NOTES - NOTE_LIMIT} older notes not shown" in page
    assert _entries(page) == AUDIT_LIMIT
    assert f"{ENTRIES - AUDIT_LIMIT} older entries not shown" in page
    # Reply now's `seen` counts every approved reply, not only those shown: else the reply
    # would be refused as if a colleague had answered meanwhile.
    assert 'name="seen" value="30"' in page
    br = await _page(desk, f"/cases/{case}", PT_BR)
    assert "40 respostas mais antigas, já enviadas, rejeitadas ou retiradas, não exibidas" in br
    assert "30 notas mais antigas não exibidas" in br
    assert "40 registros mais antigos não exibidos" in br
    pt = await _page(desk, f"/cases/{case}", PT_PT)
    assert (
        "40 registos mais antigos não mostrados" in pt
        and "30 notas mais antigas não mostradas" in pt
    )
    assert "registro" not in pt


async def test_a_small_case_reads_as_before(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "where is my parcel", handle="calm")
    add(store, "any news?", handle="calm", draft=None)
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert "2 mentions by the author, oldest first" in page
    for cut in ("older-cut", "not shown", "?all=1", "the first and the"):
        assert cut not in page, cut
    assert _drafts(page) == 1
