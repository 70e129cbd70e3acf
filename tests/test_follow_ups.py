"""A complaint by an author whose case is still open joins that case instead of opening one."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue_views
from mentiondesk.cases import assign_cases
from mentiondesk.decisions import Decision
from mentiondesk.models import Label, Mention, Reading
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION
from tests.desk.seed import add
from tests.helpers import config_for, mention, resolve_every_case, table_rows
from tests.test_pipeline import COMPLAINT, PRAISE, Recorder

ANGRY = (
    "@lumora THIRD time asking, still no refund. Awful, terrible service. Going to the regulator!!"
)


async def _run(tmp_path: Path, db_url: str, mentions: list[Mention], **kw: Any) -> Recorder:
    """One pass of the pipeline over `mentions` (the store keeps what earlier passes did);
    KW: write_config's (test_praise_follow_ups: its rules)."""
    chat = Recorder("console")
    app = App(
        config_for(tmp_path, db_url, mentions, **kw),
        responders={"console": chat, "cases": Recorder("cases")},
    )
    async with app:
        await app.run_once()
    return chat


async def test_a_follow_up_in_the_same_batch_is_drafted_knowing_the_case(
    tmp_path: Path, db_url: str
) -> None:
    # A catch-up (or the first run) reads both complaints in one batch: the second's reply
    # must say what it would say had they come a minute apart, in two batches.
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, ANGRY)])
    drafts = table_rows(db_url, sa.select(DRAFT.c.mention_id, DRAFT.c.case_id, DRAFT.c.text))
    follow_up = next(text for m, case, text in drafts if m == 2 and case == 1)
    assert "Your case (MD-000001) is already with our team" in follow_up


async def test_a_second_complaint_joins_the_open_case(tmp_path: Path, db_url: str) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)
    chat = await _run(
        tmp_path, db_url, [*first, mention(2, ANGRY), mention(3, COMPLAINT, author="b")]
    )

    cases = table_rows(db_url, sa.select(CASE.c.id, CASE.c.mention_id, CASE.c.priority))
    assert [c[:2] for c in cases] == [(1, 1), (2, 3)]  # Ana's second complaint opened nothing
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.case_id, FOLLOW_UP.c.mention_id)) == [(1, 2)]
    drafts = table_rows(db_url, sa.select(DRAFT.c.mention_id, DRAFT.c.case_id))
    assert (2, 1) in drafts  # the follow-up's reply is drafted inside Ana's case
    # The angrier follow-up lifts the case: its priority is the follow-up's, above the first's.
    assert cases[0][2] > cases[1][2]
    alerted = {a.context.mention.external_id: a.context.case_number for a in chat.delivered}
    assert alerted["m2"] == "MD-000001" and alerted["m3"] == "MD-000002"


async def test_complaints_in_one_batch_make_one_case(tmp_path: Path, db_url: str) -> None:
    batch = [mention(1, COMPLAINT), mention(2, COMPLAINT), mention(3, PRAISE)]
    await _run(tmp_path, db_url, batch)
    assert table_rows(db_url, sa.select(CASE.c.mention_id)) == [(1,)]
    # The praise opens no case of its own either: it joins Ana's, as news about it.
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.mention_id)) == [(2,), (3,)]
    store = Store(db_url)
    (case,) = queue_views.list_cases(store)  # what `mentiondesk cases list` shows
    assert (case.number, case.follow_ups) == ("MD-000001", 2)
    store.engine.dispose()


async def test_a_resolved_case_is_not_reopened(tmp_path: Path, db_url: str) -> None:
    await _run(tmp_path, db_url, [mention(1, COMPLAINT)])
    resolve_every_case(db_url)
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), mention(2, COMPLAINT)])
    assert table_rows(db_url, sa.select(CASE.c.mention_id, CASE.c.status)) == [
        (1, "resolved"),
        (2, "open"),
    ]
    assert table_rows(db_url, sa.select(FOLLOW_UP.c.id)) == []
    # Every mention was read and decided once, follow-up or not.
    processed = sa.select(sa.func.count()).where(MENTION.c.processed)
    assert table_rows(db_url, processed) == [(2,)]


# SQLite lets one writer in at a time: the race exists on PostgreSQL only.
@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_two_workers_deciding_one_author_at_once_open_one_case(db_url: str) -> None:
    """The second worker waits for the first one's transaction, then joins its case."""
    store = Store(db_url)
    store.create_all()
    mention_id, _, _ = add(store, "first", handle="rui", case=False, draft=None)
    with store.engine.begin() as conn:
        first = _decision(store, mention_id)
        (opened,) = assign_cases(conn, [first], datetime.now(UTC)).case_of.values()
        with ThreadPoolExecutor(1) as pool:
            # The other worker records a complaint by the same author while this one is open.
            second = pool.submit(add, store, "second", handle="rui")
            time.sleep(0.3)
            assert not second.done()  # waiting for the first worker's lock on the author
            conn.commit()
            _, joined, _ = second.result(timeout=30)
    assert joined == opened
    store.engine.dispose()


def _decision(store: Store, mention_id: int) -> Decision:
    with store.engine.connect() as conn:
        author_id = conn.scalar(sa.select(MENTION.c.author_id).where(MENTION.c.id == mention_id))
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="en")
    return Decision(
        mention_id=mention_id,
        author_id=int(author_id or 0),
        mention=mention(1),
        reading=reading,
        case_rule="complaint",
    )
