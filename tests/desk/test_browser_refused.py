"""A refused Approve in Chromium (Post/Redirect/Get): the browser lands on the case page, not
the form's address, so reloading it shows the refusal again and resends nothing; the typed
text stays in the draft's box, tied to the notice and focused."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, Request, expect

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.browser import login
from tests.desk.seed import add

EDITED = "manager edited this draft after you opened the page"


def _sent(store: Store, draft: int) -> tuple[str, int]:
    """The draft's status, and how many replies wait in or went through the outbox."""
    with store.engine.connect() as conn:
        status = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft))
        return str(status), int(conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) or 0)


def test_reloading_a_refusal_resends_nothing_and_keeps_the_text(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, draft = add(store, "Refused then reloaded", platform="x", draft_kind="public")
    assert case and draft
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    typed = "Sorry, Ana! Could you send us the order number?\nWe will sort it today."
    box = page.locator(f"#draft-{draft} textarea[name=text]")
    box.fill(typed)
    queue.edit_draft(store, draft, text="A colleague's reply.", by="manager")  # meanwhile
    before = _sent(store, draft)
    page.locator(f"#draft-{draft}").get_by_role("button", name="Approve and send").click()
    expect(page).to_have_url(re.compile(rf"{url}/cases/{case}\?kept=[\w-]+$"))
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.reload()
    assert posts == [] and _sent(store, draft) == before == ("pending", before[1])
    expect(page.locator(f"#draft-{draft}-refused")).to_contain_text(EDITED)
    expect(box).to_have_value(typed)
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-describedby", f"draft-{draft}-refused")
