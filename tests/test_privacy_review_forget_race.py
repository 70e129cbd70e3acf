"""`authors forget` while the pipeline writes about the author's posts (PostgreSQL).

The erasure deletes what hangs off their posts (readings, drafts, cases) before the posts
themselves. A worker recording its decision on one of those posts in between committed a
reading the erasure had not seen, and deleting the post then failed on the foreign key: the
person asked to be forgotten got an error. Now the erasure takes their posts' rows first, so
the worker's decision waits for it, and then finds the post gone and writes nothing.
"""

from __future__ import annotations

import threading
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
from tests.test_dnc_turns import (
    HANG,
    ROUTE,
    _in_thread,
    _paused_after,
    _second_waits,
    _wait_for,
    decided,
)


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
    # Paused once the erasure has deleted their readings, before it deletes their posts.
    with _paused_after(desk.engine, "DELETE FROM reading") as readings_gone:
        eraser, erased = _in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        _wait_for(lambda: readings_gone.is_set() or not eraser.is_alive(), "not erasing")
        assert readings_gone.is_set(), erased
        writer, wrote = _in_thread(lambda: record(pipeline, [decision], post_route=ROUTE))
        _second_waits(pipeline, writer, wrote)  # it waits for the erasure
    eraser.join(HANG)
    writer.join(HANG)
    (done,) = erased
    assert isinstance(done, erasure.Erasure) and done.mentions == 1, done
    assert wrote == [0]  # the post was gone: nothing recorded
    assert _count(desk, MENTION) == _count(desk, READING) == _count(desk, AUTHOR) == 0


def _pause(engine: Engine, statement: str) -> tuple[threading.Event, threading.Event]:
    """Hold the first transaction on `engine` running a statement starting with `statement`
    right after it, until `go` is set: (reached, go)."""
    reached, go = threading.Event(), threading.Event()

    def after(conn: object, cursor: object, text: str, *_: object) -> None:
        if text.lstrip().startswith(statement) and not reached.is_set():
            reached.set()
            go.wait(HANG)

    sa.event.listen(engine, "after_cursor_execute", after)
    return reached, go


def _patient(engine: Engine) -> None:
    """This engine's sessions look for a deadlock only after a minute: the other side of
    one, checking after PostgreSQL's default second, is the one given up."""

    def setup(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute("SET deadlock_timeout = '60s'")
        dbapi_conn.commit()

    sa.event.listen(engine, "connect", setup)
    engine.dispose()


def _waiting(store: Store) -> int:
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


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
    posts_taken, posts_go = _pause(desk.engine, "SELECT mention.id")
    row_taken, row_go = _pause(desk.engine, "SELECT author.id, author.external_id")
    try:
        eraser, erased = _in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        _wait_for(lambda: posts_taken.is_set() or not eraser.is_alive(), "not erasing")
        complaint = decided(pipeline, "lia", "m2")  # stored now: not among the posts taken
        read, read_go = _pause(pipeline.engine, "INSERT INTO reading")
        writer, wrote = _in_thread(lambda: record(pipeline, [complaint], post_route=ROUTE))
        _wait_for(lambda: read.is_set() or not writer.is_alive(), "not recording")
        posts_go.set()
        _wait_for(lambda: row_taken.is_set() or not eraser.is_alive(), "her row not taken")
        read_go.set()  # the worker opens a case: it waits for her row
        _wait_for(lambda: _waiting(desk) > 0 or not writer.is_alive(), "the worker did not wait")
        row_go.set()  # the erasure wants the worker's post: a deadlock
    finally:
        for go in (posts_go, row_go):
            go.set()
    eraser.join(HANG)
    writer.join(HANG)
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

    with _paused_after(desk.engine, "DELETE FROM survey") as surveys_gone:
        eraser, erased = _in_thread(lambda: erasure.erase(desk, "x", "lia", by="cli:dpo"))
        _wait_for(lambda: surveys_gone.is_set() or not eraser.is_alive(), "not erasing")
        assert surveys_gone.is_set(), erased
        surveyed, outcome = _in_thread(answered)
        _second_waits(pipeline, surveyed, outcome)
    eraser.join(HANG)
    surveyed.join(HANG)
    (done,) = erased
    assert isinstance(done, erasure.Erasure) and (done.mentions, done.cases) == (1, 1), done
    assert _count(desk, SURVEY) == _count(desk, CASE) == 0
