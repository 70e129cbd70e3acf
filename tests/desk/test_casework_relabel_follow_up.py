"""On a case with follow-ups, a reading is corrected on the post a person means: each post in
"In this case" has its own correction, the sidebar's names its post, and the notice says what
happened to the drafts. Assign says whom the case went to."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CORRECTION, DRAFT, READING
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}


def _labels(store: Store, *mentions: int) -> list[str]:
    with store.engine.connect() as conn:
        rows = dict(conn.execute(sa.select(READING.c.mention_id, READING.c.label)).all())
    return [rows[m] for m in mentions]


def _post_form(page: str, mention: int) -> tuple[str, dict[str, str], list[str]]:
    """The correction form inside the "In this case" entry of `mention`: what it says, its
    hidden fields, and its buttons' labels."""
    entry = page.split(f'id="case-mention-{mention}"', 1)[1].split("</li>", 1)[0]
    form = entry.split("<form", 1)[1].split("</form>", 1)[0]
    assert f'action="/mentions/{mention}/correct"' in form
    said = re.search(r'<span class="muted" id="correct-\d+-as">([^<]*)</span>', form)
    assert said is not None
    fields = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))
    values = re.findall(r'name="label" value="(\w+)"', form)
    return html.unescape(said.group(1)), {k: html.unescape(v) for k, v in fields.items()}, values


async def test_relabelling_a_follow_up_from_the_case_page_changes_that_post_only(
    as_role: Login, store: Store
) -> None:
    opener, case, draft = add(
        store, "the 2FA code never arrives", handle="priya", ago=timedelta(days=2)
    )
    follow, _, _ = add(
        store, "codes arrive now <b>but</b> solved", handle="priya", draft=None,
        ago=timedelta(hours=1),
    )  # fmt: skip
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "codes arrive now &lt;b&gt;but&lt;/b&gt; solved" in page  # hostile text escaped
    said, fields, values = _post_form(page, follow)
    assert said.startswith("Wrong? Mark the mention of ") and values == ["neutral", "positive"]
    # The sidebar reads the opening post, and now says so.
    assert "<h2>Reading of the mention of " in page and "Wrong? Mark it as" not in page
    done = await desk.post(f"/mentions/{follow}/correct", label="positive", back=fields["back"])
    assert done.headers["Location"] == f"/cases/{case}#case-mention-{follow}"
    landed = await desk.landed(done)
    assert _labels(store, opener, follow) == ["negative", "positive"]
    with store.engine.connect() as conn:
        corrected = conn.execute(sa.select(CORRECTION.c.mention_id, CORRECTION.c.label)).all()
        opener_draft = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft))
    assert [tuple(row) for row in corrected] == [(follow, "positive")]
    assert opener_draft == "pending"  # the case's draft answers the opening post: kept
    # The follow-up's own correction now offers the other two; the opener's is as it was.
    assert _post_form(landed, follow)[2] == ["negative", "neutral"]
    assert _post_form(landed, opener)[2] == ["neutral", "positive"]
    assert "Label corrected, thank you" in landed


async def test_the_notice_says_no_draft_was_withdrawn_when_none_was(
    as_role: Login, store: Store
) -> None:
    """Neutral read as a complaint: the complaint's draft is written, nothing withdrawn."""
    mention, _, _ = add(store, "The lamp is a lamp", label="neutral", case=False, draft=None)
    desk = await as_role("agent")
    done = await desk.post(f"/mentions/{mention}/correct", label="negative")
    page = await desk.landed(done)
    assert "No draft was withdrawn; the new reading&#39;s drafts wait below" in page
    assert "Drafts written for the old reading are withdrawn" not in page
    again = await desk.post(f"/mentions/{mention}/correct", label="negative")
    assert await desk.said(again) == "corrected"  # the same label again: no draft changed


async def test_the_assign_notice_names_the_person(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost")
    manager, agent = await as_role("manager"), await as_role("agent")
    given = await manager.post(f"/cases/{case}/assign", assignee="agent")
    assert "Case assigned to agent." in await manager.landed(given)
    again = await manager.post(f"/cases/{case}/assign", assignee="manager")
    page = await manager.client.get(again.headers["Location"], headers=PT)
    assert "O caso agora é seu." in await page.text()
    taken = await agent.post(f"/cases/{case}/assign", assignee="agent")
    page = await agent.client.get(taken.headers["Location"], headers={"Accept-Language": "pt"})
    assert "O caso agora é seu." in await page.text()
    other = await manager.post(f"/cases/{case}/assign", assignee="agent")
    page = await manager.client.get(other.headers["Location"], headers=PT)
    assert "Caso atribuído a agent." in await page.text()
