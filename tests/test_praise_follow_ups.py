"""Praise from an author whose complaint is still open joins the case; the stale apology waits
no more."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.cases import withdrawn_for_complaint, withdrawn_for_praise
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, DRAFT, FOLLOW_UP
from tests.helpers import COMPLAINT, PRAISE, mention, resolve_every_case, table_rows
from tests.test_follow_ups import _run

THANKS = "@lumora it arrived today, thank you so much, wonderful!"
AUTO_THANKS = """
[[rules]]
name = "complaint"
when = { label = ["negative"] }
actions = [{ type = "open_case" }, { type = "draft_private", template = "complaint_dm" }]

[[rules]]
name = "auto-thanks"
when = { label = ["positive"], question = false }
actions = [{ type = "draft_public", template = "thank_you", auto = true }]
"""


async def test_praise_joins_the_open_case_and_withdraws_the_pending_apology(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, THANKS)])
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.case_id, FOLLOW_UP.c.mention_id)) == [(1, 2)]
    drafts = sa.select(DRAFT.c.id, DRAFT.c.mention_id, DRAFT.c.case_id, DRAFT.c.kind)
    rows = table_rows(db_url, drafts.add_columns(DRAFT.c.status, DRAFT.c.decided_by))
    (apology, thanks) = rows
    assert apology[1:5] == (1, 1, "private", "withdrawn")
    assert withdrawn_for_praise(apology[5]) == 2  # the desk names the praise that withdrew it
    assert thanks[1:5] == (2, 1, "public", "pending")  # answered in the case, by a person
    # A person decides whether it is solved: the case stays open.
    assert table_rows(db_url, sa.select(CASE.c.id, CASE.c.status)) == [(1, "open")]


async def test_praise_without_an_open_case_is_handled_on_its_own(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, [mention(1, COMPLAINT)])
    resolve_every_case(db_url)
    await _run(
        tmp_path,
        db_url,
        [mention(1, COMPLAINT), mention(2, THANKS), mention(3, PRAISE, author="b")],
    )
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.id)) == []
    assert table_rows(db_url, sa.select(CASE.c.mention_id)) == [(1,)]  # praise opens no case
    thanks = sa.select(DRAFT.c.mention_id, DRAFT.c.case_id).where(DRAFT.c.kind == "public")
    assert table_rows(db_url, thanks) == [(2, None), (3, None)]


async def test_an_automatic_thank_you_waits_for_a_person_while_the_case_is_open(
    tmp_path: Path, db_url: str
) -> None:
    (tmp_path / "auto.toml").write_text(AUTO_THANKS)
    extra = '\n[playbooks]\npaths = ["auto.toml"]\n'
    first = [mention(1, COMPLAINT), mention(3, PRAISE, author="b")]
    await _run(tmp_path, db_url, first, extra=extra)
    chat = await _run(tmp_path, db_url, [*first, mention(2, THANKS)], extra=extra)
    assert not [a for a in chat.delivered if a.kind == "post"]  # nothing posted by itself
    thanks = sa.select(DRAFT.c.mention_id, DRAFT.c.status).where(DRAFT.c.kind == "public")
    # Author b (stored second) has no case: their thank-you went out automatically.
    assert table_rows(db_url, thanks) == [(2, "approved"), (3, "pending")]
    assert len(table_rows(db_url, sa.select(DELIVERY.c.id).where(DELIVERY.c.kind == "post"))) == 1


async def test_approving_the_withdrawn_apology_says_why_it_is_not_sent(
    tmp_path: Path, db_url: str
) -> None:
    # From Slack or the CLI too, where the desk's note about the praise is not shown.
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, THANKS)])
    store = Store(db_url)
    try:
        with pytest.raises(queue.StaleAction, match="the author has since posted praise"):
            queue.approve_draft(store, 1, by="ana", post_route={"default": "console"})
    finally:
        store.engine.dispose()


AGAIN = "@lumora and now the lamp is broken too. Terrible, awful service, I am angry"


async def test_a_complaint_withdraws_the_pending_thank_you_for_earlier_praise(
    tmp_path: Path, db_url: str
) -> None:
    # The mirror of the praise: one click must not thank someone for a complaint.
    first = [mention(1, COMPLAINT), mention(2, THANKS)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(3, AGAIN)])
    drafts = sa.select(DRAFT.c.mention_id, DRAFT.c.kind, DRAFT.c.status, DRAFT.c.decided_by)
    rows = table_rows(db_url, drafts.order_by(DRAFT.c.id))
    assert [r[:3] for r in rows] == [
        (1, "private", "withdrawn"),  # the praise withdrew the first apology
        (2, "public", "withdrawn"),  # the thank-you, which the complaint withdrew
        (3, "private", "pending"),  # the complaint's own reply waits
    ]
    assert withdrawn_for_complaint(rows[1][3]) == 3 and withdrawn_for_praise(rows[1][3]) is None
    store = Store(db_url)
    try:
        with pytest.raises(queue.StaleAction, match="the author has since complained"):
            queue.approve_draft(store, 2, by="ana", post_route={"default": "console"})
        queue.restore_draft(
            store, 2, by="ana"
        )  # the complaint was about something else: it waits again
    finally:
        store.engine.dispose()
    assert table_rows(db_url, sa.select(DRAFT.c.status).where(DRAFT.c.id == 2)) == [("pending",)]


async def test_praise_then_a_complaint_in_one_pass_leaves_no_thank_you_waiting(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    await _run(tmp_path, db_url, [*first, mention(2, THANKS), mention(3, AGAIN)])
    drafts = sa.select(DRAFT.c.mention_id, DRAFT.c.status, DRAFT.c.decided_by)
    rows = table_rows(db_url, drafts.where(DRAFT.c.kind == "public"))
    assert [(m, s, withdrawn_for_complaint(by)) for m, s, by in rows] == [(2, "withdrawn", 3)]
