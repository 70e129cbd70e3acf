"""`authors forget` while the pipeline writes about the author's posts (PostgreSQL).

The erasure deletes what hangs off their posts (readings, drafts, cases) before the posts
themselves. A worker recording its decision on one of those posts in between committed a
reading the erasure had not seen, and deleting the post then failed on the foreign key: the
person asked to be forgotten got an error. Now the erasure takes their posts' rows first, so
the worker's decision waits for it, and then finds the post gone and writes nothing.

Each test pauses a transaction by its SQL text (tests.sql_pause): every wait is bounded, so a
changed statement fails the test in seconds, naming it, instead of hanging it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from mentiondesk import erasure
from mentiondesk.decisions import Decision, record
from mentiondesk.models import Label, Reading
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION, READING, SURVEY
from tests.sql_pause import Pauses, in_thread, joined, wait_for, waiting_on_a_lock, waits
from tests.test_dnc_turns import ROUTE, decided

ERASURE, WORKER = "the erasure", "the worker"


def _neutral(store: Store, handle: str, external_id: str) -> Decision:
    """A post read as neutral, to be recorded: a reading only (no case, no draft)."""
    d = decided(store, handle, external_id)
    reading = Reading(label=Label.NEUTRAL, score=0.5, lang="en")
    return Decision(d.mention_id, d.author_id, d.mention, reading)


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


@pytest.mark.postgres
def test_a_decision_recorded_while_forget_runs_does_not_fail_it(
    pg_stores: tuple[Store, Store],
) -> None:
    pipeline, desk = pg_stores
    decision = _neutral(pipeline, "lia", "m1")
    with Pauses() as pauses:
        # Paused once the erasure has deleted their readings, before it deletes their posts.
        readings_gone = pauses.after(desk.engine, "DELETE FROM reading", ERASURE)
        eraser, erased = in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        readings_gone.seen(eraser, erased)
        writer, wrote = in_thread(lambda: record(pipeline, [decision], post_route=ROUTE))
        waits(pipeline, writer, wrote, WORKER)  # it waits for the erasure
    joined(eraser, ERASURE)
    joined(writer, WORKER)
    (done,) = erased
    assert isinstance(done, erasure.Erasure) and done.mentions == 1, done
    assert wrote == [0]  # the post was gone: nothing recorded
    assert _count(desk, MENTION) == _count(desk, READING) == _count(desk, AUTHOR) == 0


def _patient(engine: Engine) -> None:
    """This engine's sessions look for a deadlock only after a minute: the other side of
    one, checking after PostgreSQL's default second, is the one given up."""

    def setup(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute("SET deadlock_timeout = '60s'")
        dbapi_conn.commit()

    sa.event.listen(engine, "connect", setup)
    engine.dispose()


@pytest.mark.postgres
def test_forget_tries_again_when_a_post_stored_as_it_began_deadlocks_it(
    pg_stores: tuple[Store, Store],
) -> None:
    """Lia's second post is stored after the erasure took her first one and before it took
    her row; a worker then records a complaint on it (the post, then her row for the case)
    while the erasure, holding her row, wants that post: PostgreSQL gives the erasure up.
    It starts again, waits for the worker, and erases the case the worker wrote too."""
    pipeline, desk = pg_stores
    _patient(pipeline.engine)
    _neutral(pipeline, "lia", "m1")
    with Pauses() as pauses:
        posts_taken = pauses.after(desk.engine, "SELECT mention.id", ERASURE)
        row_taken = pauses.after(desk.engine, "SELECT author.id, author.external_id", ERASURE)
        eraser, erased = in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        posts_taken.seen(eraser, erased)
        complaint = decided(pipeline, "lia", "m2")  # stored now: not among the posts taken
        read = pauses.after(pipeline.engine, "INSERT INTO reading", WORKER)
        writer, wrote = in_thread(lambda: record(pipeline, [complaint], post_route=ROUTE))
        read.seen(writer, wrote)
        posts_taken.go()
        row_taken.seen(eraser, erased)  # her row taken
        read.go()  # the worker opens a case: it waits for her row
        wait_for(
            lambda: waiting_on_a_lock(desk) > 0 or not writer.is_alive(),
            "the worker neither waited for her row nor ended",
        )
        row_taken.go()  # the erasure wants the worker's post: a deadlock
    joined(eraser, ERASURE)
    joined(writer, WORKER)
    (done,) = erased
    assert isinstance(done, erasure.Erasure), done
    assert (done.mentions, done.cases) == (2, 1)
    assert wrote == [1]
    assert _count(desk, MENTION) == _count(desk, CASE) == _count(desk, AUTHOR) == 0


@pytest.mark.postgres
def test_a_survey_answer_recorded_while_forget_runs_does_not_fail_it(
    pg_stores: tuple[Store, Store],
) -> None:
    """A survey answer names the case alone: it waits for the erasure too (and then finds
    the case gone), instead of being committed after the erasure deleted the case's."""
    pipeline, desk = pg_stores
    complaint = decided(pipeline, "lia", "m1")
    assert record(pipeline, [complaint], post_route=ROUTE) == 1
    with desk.engine.connect() as conn:
        case_id = conn.scalar(sa.select(CASE.c.id))
    answer = {"case_id": case_id, "kind": "csat", "score": 5, "answered_at": datetime.now(UTC)}

    def answered() -> None:
        with pipeline.engine.begin() as conn:
            conn.execute(sa.insert(SURVEY).values(answer))

    with Pauses() as pauses:
        surveys_gone = pauses.after(desk.engine, "DELETE FROM survey", ERASURE)
        eraser, erased = in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        surveys_gone.seen(eraser, erased)
        surveyed, outcome = in_thread(answered)
        waits(pipeline, surveyed, outcome, "the survey answer")
    joined(eraser, ERASURE)
    joined(surveyed, "the survey answer")
    (done,) = erased
    assert isinstance(done, erasure.Erasure) and (done.mentions, done.cases) == (1, 1), done
    assert _count(desk, SURVEY) == _count(desk, CASE) == 0
