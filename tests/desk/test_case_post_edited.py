"""The case page of a mention whose author edited the post after the desk read it: the latest
text, escaped, and the apology the edit made unfit withdrawn, saying why (edited_reread)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.case_history import stored_mention
from mentiondesk.edited_reread import reread
from mentiondesk.ingested import Ingested
from mentiondesk.models import Label, Reading
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DRAFT, MENTION
from tests.desk.conftest import Desk
from tests.desk.seed import add
from tests.desk.test_casework_relabel import APOLOGY, _thanks

Login = Callable[[str], Awaitable[Desk]]
EDITED = "Sorted now, <b>love</b> the lamp @lumora"


async def test_the_case_page_shows_the_edit_and_the_draft_it_withdrew(
    as_role: Login, store: Store, tmp_path: Path
) -> None:
    mention_id, case, _ = add(store, "My lamp broke @lumora", draft=APOLOGY)
    with store.engine.connect() as conn:
        first, _ = stored_mention(conn, mention_id)
    edit = replace(first, text=EDITED, edit_id="e2", url="https://x.com/ana/status/e2")
    assert store.ingest("x", [edit], None) == Ingested(edited=1)  # not a second mention
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    praise = Reading(label=Label.POSITIVE, score=0.9, lang="en")
    reread(store, _thanks(tmp_path), pending, praise)
    with store.engine.connect() as conn:
        texts = conn.execute(sa.select(MENTION.c.text, MENTION.c.first_text)).all()
        drafts = conn.execute(sa.select(DRAFT.c.kind, DRAFT.c.status).order_by(DRAFT.c.id)).all()
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert [tuple(t) for t in texts] == [(EDITED, "My lamp broke @lumora")]
    assert [tuple(d) for d in drafts] == [("private", "withdrawn"), ("public", "pending")]
    assert "Sorted now, &lt;b&gt;love&lt;/b&gt; the lamp" in page
    assert "<b>love</b>" not in page
    withdrawn = "Withdrawn: the author edited the post, and this draft was written for what"
    assert withdrawn in page
    assert "The author edited the post: read again as praise (was complaint)" in page


def test_an_edit_that_asks_us_to_stop_lists_the_author(store: Store, tmp_path: Path) -> None:
    mention_id, _, _ = add(store, "My lamp broke @lumora", draft=APOLOGY)
    with store.engine.connect() as conn:
        first, _ = stored_mention(conn, mention_id)
    edit = replace(first, text="My lamp broke @lumora, stop messaging me", edit_id="e2")
    store.ingest("x", [edit], None)
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    stop = Reading(label=Label.NEGATIVE, score=0.9, lang="en", topics=("opt_out",))
    reread(store, _thanks(tmp_path), pending, stop)
    with store.engine.connect() as conn:
        listed = conn.scalar(sa.select(AUTHOR.c.do_not_contact))
        drafts = conn.execute(sa.select(DRAFT.c.kind, DRAFT.c.status)).all()
    assert listed is True
    assert [tuple(d) for d in drafts] == [("private", "withdrawn")]


FIRST = "My lamp <script>alert(1)</script> broke @lumora"
SHOW = {
    "en": "Edited — show the first version",
    "pt-BR": "Editada — mostrar a primeira versão",
    "pt-PT": "Editada — mostrar a primeira versão",
}


async def test_the_case_page_folds_the_first_version_of_an_edited_post_until_blanked(
    as_role: Login, store: Store
) -> None:
    mention_id, case, _ = add(store, FIRST)
    with store.engine.connect() as conn:
        first, _ = stored_mention(conn, mention_id)
    store.ingest("x", [replace(first, text=EDITED, edit_id="e2")], None)
    desk = await as_role("agent")
    for lang, show in SHOW.items():
        page = await (
            await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
        ).text()
        folded = (
            f'<details class="first-version"><summary>{show}</summary><p class="text full" '
            'dir="auto" lang="en">My lamp &lt;script&gt;alert(1)&lt;/script&gt; broke @lumora</p>'
            "</details>"  # in its reading's language, as the post above it
        )
        assert folded in page, lang
        assert "<script>alert(1)" not in page
    for blanked in (None, "", "  "):  # blanked by the retention: nothing left to show
        with store.engine.begin() as conn:
            blank = sa.update(MENTION).values(first_text=blanked)
            conn.execute(blank.where(MENTION.c.id == mention_id))
        page = await (await desk.client.get(f"/cases/{case}")).text()
        assert "first-version" not in page and SHOW["en"] not in page
