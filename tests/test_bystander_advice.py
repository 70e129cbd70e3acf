"""A bystander's advice in another customer's thread ("@ana try clearing the cache, worked
for me") names that customer's problem in negative words: the classifier reads it as a
complaint, but the bystander has no problem of their own. No case, no apology; the reading is
stored as read, marked as advice (bystanders.py, thread_advice.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.corrected_drafts import correct_reading
from mentiondesk.models import Label, Mention
from mentiondesk.playbook_build import build_playbook
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, MENTION, READING
from tests.desk.seed import add
from tests.helpers import COMPLAINT, config_for, mention, table_rows
from tests.test_pipeline import run_once as _run

# Angry words about the thread's problem, then advice: read as a complaint.
ADVICE = "@h_a1 their app is awful and support is terrible. Try clearing the cache, worked for me"
SAME_HERE = "@h_a1 their app is awful and support is terrible, mine is broken too"


def _reply(n: int, text: str, author: str, parent: str = "m1") -> Mention:
    return replace(mention(n, text, author=author), thread_id=parent, parent_id=parent)


def _thread(*replies: Mention) -> list[Mention]:
    return [replace(mention(1, COMPLAINT), thread_id="m1"), *replies]


def _cases(db_url: str) -> list[tuple[object, ...]]:
    query = sa.select(MENTION.c.external_id).join(CASE, CASE.c.mention_id == MENTION.c.id)
    return table_rows(db_url, query.order_by(CASE.c.id))


def _drafted(db_url: str) -> list[tuple[object, ...]]:
    query = sa.select(MENTION.c.external_id, DRAFT.c.kind, DRAFT.c.status)
    return table_rows(db_url, query.join(MENTION, MENTION.c.id == DRAFT.c.mention_id))


def _readings(db_url: str) -> list[tuple[object, ...]]:
    query = sa.select(MENTION.c.external_id, READING.c.label, READING.c.advice)
    query = query.join(MENTION, MENTION.c.id == READING.c.mention_id)
    return table_rows(db_url, query.order_by(MENTION.c.id))


async def test_advice_in_another_customer_s_thread_gets_no_case_nor_apology(
    tmp_path: Path, db_url: str
) -> None:
    await _run(tmp_path, db_url, _thread(_reply(2, ADVICE, "b")))
    assert _cases(db_url) == [("m1",)]  # the thread owner's case only
    assert _drafted(db_url) == [("m1", "private", "pending")]
    # Read as the classifier read it, and marked as advice.
    assert _readings(db_url) == [("m1", "negative", False), ("m2", "negative", True)]


async def test_a_bystander_s_own_complaint_still_gets_a_case(tmp_path: Path, db_url: str) -> None:
    await _run(tmp_path, db_url, _thread(_reply(2, SAME_HERE, "b")))
    assert _cases(db_url) == [("m1",), ("m2",)]
    assert ("m2", "negative", False) in _readings(db_url)


async def test_advice_in_the_author_s_own_thread_or_an_unknown_one_is_read_as_ever(
    tmp_path: Path, db_url: str
) -> None:
    # The owner answering in their own thread; a reply to a post we never stored.
    own, unknown = _reply(2, ADVICE, "a1"), _reply(3, ADVICE, "c", parent="elsewhere")
    await _run(tmp_path, db_url, _thread(own, unknown))
    assert _cases(db_url) == [("m1",), ("m3",)]  # m2 joins its author's case
    assert [r[2] for r in _readings(db_url)] == [False, False, False]


async def test_a_correction_keeps_the_advice_out_of_the_apologies(
    tmp_path: Path, db_url: str
) -> None:
    mentions = _thread(_reply(2, ADVICE, "b"))
    await _run(tmp_path, db_url, mentions)
    ((advice,),) = table_rows(db_url, sa.select(MENTION.c.id).where(MENTION.c.external_id == "m2"))
    store = Store(db_url)
    try:
        playbook = build_playbook(config_for(tmp_path, db_url, mentions))
        # Praise first (a thank-you drafted), then a complaint again: still advice.
        correct_reading(store, playbook, advice, Label.POSITIVE, by="ana")
        correct_reading(store, playbook, advice, Label.NEGATIVE, by="ana")
    finally:
        store.engine.dispose()
    assert _cases(db_url) == [("m1",)]
    assert ("m2", "private", "pending") not in _drafted(db_url)


def test_a_store_from_before_advice_gets_the_column_its_readings_none(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    add(store, "My parcel is lost")
    with store.engine.begin() as conn:  # the database as the version before reading.advice
        conn.execute(sa.text('ALTER TABLE "reading" DROP COLUMN advice'))
    store.create_all()
    store.dispose()
    assert table_rows(db_url, sa.select(READING.c.advice)) == [(False,)]


async def test_a_complaint_edited_into_advice_is_read_again_as_advice(
    tmp_path: Path, db_url: str
) -> None:
    # Bob complains in Ana's thread, then edits his post into advice for her.
    complaint = _reply(2, SAME_HERE, "b")
    await _run(tmp_path, db_url, _thread(complaint))
    assert ("m2", "private", "pending") in _drafted(db_url)
    edit = replace(complaint, text=ADVICE, edit_id="e2")
    await _run(tmp_path, db_url, [*_thread(complaint), edit])
    assert ("m2", "negative", True) in _readings(db_url)
    assert ("m2", "private", "pending") not in _drafted(db_url)  # the apology withdrawn
