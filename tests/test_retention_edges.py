"""The retention's edges: an alert still waiting, a post ingested while it runs, the posts'
platform ids in outbox keys, and old posts read again."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import retention
from mentiondesk.queue import close_case
from mentiondesk.retention_rows import purged
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CURSOR,
    DRAFT,
    FOLLOW_UP,
    KEPT_TEXT,
    MENTION,
    OUTBOX,
)
from mentiondesk.web.kept_texts import keep
from mentiondesk.web.refusal import Refusal
from mentiondesk.web.sessions import load_session, open_session
from mentiondesk.web.users import Role, add_user, authenticate
from tests import test_retention as base
from tests.desk.seed import add
from tests.helpers import run_cli, write_mentions

desk = base.desk  # the fixture: Ana's case MD-000001, Bia's praise with draft 2 pending
_age, _connect, _holding, _rows = base._age, base._connect, base._holding, base._rows


def test_an_alert_not_yet_delivered_keeps_a_post_that_opened_no_case(
    desk: Path, db_url: str
) -> None:
    # Bia's praise (mention 2) opened no case and its draft is dealt with, but an alert about
    # it is held (its channel is gone): her post and her author row wait for it.
    alert = {"kind": "alert", "target": "slack", "payload": "{}", "status": "held"}
    with _connect(db_url) as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == 2).values(status="rejected"))
        conn.execute(sa.insert(OUTBOX).values(key="alert:slack:x:m2:praise", **alert))
        # A post whose id only LIKE's wildcards would match is no reason to keep it.
        conn.execute(sa.insert(OUTBOX).values(key="alert:slack:x:m_:praise", **alert))
    _age(db_url)
    output = " ".join(run_cli(desk, "store", "purge")[1].split())
    assert "Kept for now: 1 post with an alert not yet delivered" in output
    assert _rows(db_url, sa.select(MENTION.c.external_id).where(MENTION.c.id == 2)) == [("m2",)]
    assert _holding(db_url, "Bia Lima") == ["author.name"]
    assert _holding(db_url, base.PRAISE) != []
    with _connect(db_url) as conn:  # delivered at last
        conn.execute(sa.update(OUTBOX).values(status="done"))
    output = " ".join(run_cli(desk, "store", "purge")[1].split())
    assert "1 mention" in output and "Kept for now" not in output
    assert _holding(db_url, "Bia Lima") == _holding(db_url, base.PRAISE) == []
    assert _rows(db_url, sa.select(AUTHOR.c.handle).where(AUTHOR.c.id == 2)) == [("",)]
    keys = _rows(db_url, sa.select(OUTBOX.c.key).where(OUTBOX.c.target == "slack"))
    assert sorted(k for (k,) in keys) == [
        "alert:slack:x:m_:praise",
        "alert:slack:x:purged:2:praise",
    ]


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_post_stored_while_the_purge_runs_keeps_its_author(desk: Path, db_url: str) -> None:
    """Ana's case is purged while her new post is being stored: the ingest holds her author
    row (upserted) until it commits; the purge waits for it, then must see her new post."""
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    store = Store(db_url)
    done: list[retention.Purge | BaseException] = []

    def purge() -> None:
        try:
            done.append(retention.purge(store, 30, by="t"))
        except BaseException as exc:  # the assertion below reports it
            done.append(exc)

    purging = threading.Thread(target=purge, daemon=True)
    try:
        with store.engine.connect() as ingest:
            storing = ingest.begin()
            store._insert_mentions(ingest, "replay", [base.post(9, "@lumora hello again")])
            purging.start()
            _wait_for_a_lock(store)
            storing.commit()
        purging.join(timeout=120)  # a guard against a hang, not a measure
    finally:
        store.dispose()
    assert not purging.is_alive() and isinstance(done[0], retention.Purge), done
    assert done[0].mentions == 2 and done[0].authors == 0
    fresh = sa.select(AUTHOR.c.handle).join(MENTION, MENTION.c.author_id == AUTHOR.c.id)
    assert _rows(db_url, fresh.where(MENTION.c.external_id == "m9")) == [("h_a1",)]


def _wait_for_a_lock(store: Store) -> None:
    """Until another session of this database waits for a row lock (the purge, for Ana's)."""
    waiting = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    for _ in range(2_400):  # a guard against a hang: two minutes
        with store.engine.connect() as conn:
            if conn.scalar(waiting):
                return
        time.sleep(0.05)
    raise AssertionError("the purge never waited for the author row")


def test_a_post_older_than_retain_days_is_not_read(desk: Path, db_url: str, tmp_path: Path) -> None:
    """Ana's case purged, her posts are read again (a replay, a listener's backfill): their
    platform ids were blanked, so only their age tells them apart from new posts."""
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert "1 case, 2 mentions" in " ".join(run_cli(desk, "store", "purge")[1].split())
    old = datetime.now(UTC) - base.AGE
    again = [replace(m, created_at=old) for m in base.POSTS]
    write_mentions(tmp_path / "m.jsonl", [*again, base.post(4, "@lumora hello again")])
    with _connect(db_url) as conn:  # the source reads its file from the start again
        conn.execute(sa.delete(CURSOR))
    log = logging.getLogger("mentiondesk.pipeline")
    lines: list[str] = []
    heard = _Heard(lines)
    log.addHandler(heard)  # on the logger itself: the CLI sets the root's handlers
    level = log.level
    log.setLevel(logging.INFO)
    try:
        assert run_cli(desk, "run", "--once")[0] == 0
    finally:
        log.removeHandler(heard)
        log.setLevel(level)
    stored = _rows(db_url, sa.select(MENTION.c.external_id).order_by(MENTION.c.id))
    assert [e for (e,) in stored] == ["purged:1", "m2", "purged:3", "m4"]
    assert _holding(db_url, base.COMPLAINT) == []
    assert [line for line in lines if "older than" in line] == [
        "source samples: 3 mention(s) older than retain_days (30 days) skipped"
    ]


class _Heard(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_finished_case_is_erased_beside_another_cases_waiting_follow_up(db_url: str) -> None:
    # Ana's open case has a follow-up whose draft waits for a person; Bia's case is closed with
    # nothing of it waiting. Ana's follow-up must keep Ana's case only, not every case.
    store = Store(db_url)
    store.create_all()
    try:
        add(store, "late again", handle="ana", ago=timedelta(days=100))
        add(store, "still nothing??", handle="ana", ago=timedelta(days=100))
        _, bia, _ = add(store, "broken lamp", handle="bia", draft=None, ago=timedelta(days=100))
        assert bia is not None
        close_case(store, bia, by="manager")
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).values(closed_at=datetime.now(UTC) - timedelta(days=60)))
        assert _rows(db_url, sa.select(FOLLOW_UP.c.case_id)) != []  # Ana's draft is on it
        assert retention.purge(store, 30, by="test").cases == 1
        blanked = sa.select(CASE.c.id).join(MENTION, MENTION.c.id == CASE.c.mention_id)
        assert _rows(db_url, blanked.where(purged(MENTION.c.external_id))) == [(bia,)]
    finally:
        store.dispose()


def test_a_refused_reply_kept_for_a_session_goes_with_the_post(desk: Path, db_url: str) -> None:
    # An agent's Reply now to Ana, refused and kept for their tab, names her: the post is
    # blanked, not deleted, so no cascade takes it; the purge must.
    store = Store(db_url)
    try:
        add_user(store, "rita", role=Role.AGENT, password="a long enough pass", by="test")
        user = authenticate(store, "rita", "a long enough pass")
        assert user is not None
        now = datetime.now(UTC)
        token = open_session(store, user, now=now, ttl=timedelta(days=365))
        session = load_session(store, token, now=now)
        assert session is not None
        typed = Refusal(why="too-long", here="/cases/1", reply=("public", "Hi Ana Souza"))
        keep(store, session.id, 1, typed)
    finally:
        store.dispose()
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    assert run_cli(desk, "store", "purge")[0] == 0
    assert _rows(db_url, sa.select(KEPT_TEXT.c.id)) == []
    assert _holding(db_url, "Ana Souza") == []


def test_a_listing_under_an_old_handle_goes_with_a_renamed_author(desk: Path, db_url: str) -> None:
    # Ana was listed as h_a1 (the CLI files it under her case), then taken off and on the list
    # from her follow-up's page (under that post alone); she renamed her account since.
    assert run_cli(desk, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    with _connect(db_url) as conn:
        line = {"actor": "rita", "action": "allow-contact", "mention_id": 3, "detail": "x h_a1"}
        conn.execute(sa.insert(AUDIT).values(line))
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id == 1).values(handle="ana_new"))
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(desk, "store", "purge")
    assert code == 0 and "2 audit lines, 1 author" in " ".join(output.split()), output
    listings = sa.select(AUDIT.c.action, AUDIT.c.detail).where(AUDIT.c.action.like("%contact"))
    assert _rows(db_url, listings.order_by(AUDIT.c.id)) == [
        ("do-not-contact", "x"),  # on her case's trail still, naming nobody
        ("allow-contact", "x"),
    ]
    assert _holding(db_url, "h_a1") == [] and _holding(db_url, "ana_new") == []


def test_a_post_read_late_takes_its_delivered_alerts_with_it(desk: Path, db_url: str) -> None:
    # Bia's praise (no case, its draft dealt with) was posted long ago but read, and alerted
    # about, only now (a backfill): the post is old enough, its alerts are not.
    with _connect(db_url) as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == 2).values(status="rejected"))
    _age(db_url)
    post = {"platform": "x", "external_id": "m2", "text": base.PRAISE, "url": "https://t.test/2"}
    post["author"] = {"id": "b", "handle": "h_b", "name": "Bia Lima", "followers": 10}
    context = {"mention": post, "rule": "praise"}
    alerts = [  # by the post's columns; by the key only (a payload naming no post)
        ("alert:slack:x:m2:praise", {"context": context}, "done"),
        ("alert:chat:x:m2:praise", {"text": f"Bia Lima: {base.PRAISE}"}, "dropped"),
        ("alert:slack:x:m1:complaint", {"text": "Ana Souza"}, "done"),  # her case is open
    ]
    with _connect(db_url) as conn:
        for key, payload, status in alerts:
            data = json.dumps({"key": key, "kind": "alert", "target": "slack", **payload})
            row = {"key": key, "kind": "alert", "target": "slack", "payload": data}
            conn.execute(sa.insert(OUTBOX).values(status=status, **row))
    for args in (("--dry-run",), ()):  # counted once in a dry run too
        code, output = run_cli(desk, "store", "purge", *args)
        assert code == 0 and "1 mention, 1 draft, 2 delivered actions" in " ".join(output.split())
    assert _holding(db_url, base.PRAISE) == [] and _holding(db_url, "Bia Lima") == []
    kept = sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == "alert:slack:x:m1:complaint")
    assert "Ana Souza" in _rows(db_url, kept)[0][0]  # her case is open: its alert is kept
