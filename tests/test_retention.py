"""`[store] retain_days` and `store purge`: personal data of finished work erased after N days,
the figures kept, on both backends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from mentiondesk import cli_common, retention
from mentiondesk.config import load_config
from mentiondesk.figures import load_period
from mentiondesk.models import Mention
from mentiondesk.period import Period
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    DIGEST_ITEM,
    DRAFT,
    MENTION,
    NOTE,
    OUTBOX,
    READING,
    SURVEY,
)
from tests.helpers import COMPLAINT, PRAISE, mention, run_cli, write_config, write_mentions


def post(n: int, text: str, **author: str) -> Mention:
    """tests.helpers' mention, posted an hour ago: a post older than retain_days is not read."""
    return replace(mention(n, text, **author), created_at=datetime.now(UTC) - timedelta(hours=1))


LATER = "@lumora still waiting for my refund, awful"
ANA = (COMPLAINT, LATER, "h_a1", "Ana Souza", "Hi Ana", "example.test/1", "m1", "m3")
POSTS = [post(1, COMPLAINT), post(2, PRAISE, author="b", name="Bia Lima"), post(3, LATER)]
AGE = timedelta(days=100)  # how far back the tests move everything: past a 30-day retention


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's complaint opens MD-000001 (her second post follows it up, private draft 3, a
    note on it); Bia's praise gets public draft 2, pending; retain_days = 30."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nretain_days = 30\n"))
    assert run_cli(config, "run", "--once")[0] == 0
    with _connect(db_url) as conn:
        note = {"mention_id": 1, "case_id": 1, "author": "ana", "text": "Ana Souza"}
        conn.execute(sa.insert(NOTE).values(note))
    return config


@contextmanager
def _connect(db_url: str) -> Iterator[Connection]:
    """A transaction on an engine of its own, disposed after."""
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            yield conn
    finally:
        store.dispose()


def _rows(db_url: str, query: sa.Select[Any]) -> list[Any]:
    with _connect(db_url) as conn:
        return list(conn.execute(query).all())


def _holding(db_url: str, text: str) -> list[str]:
    """Every table.column of the store whose text holds `text` (SQLModel's short text columns
    are AutoString, a TypeDecorator over String: its `impl` says so)."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            text_column = isinstance(getattr(column.type, "impl", column.type), sa.String)
            if text_column and _rows(db_url, sa.select(column).where(column.contains(text))):
                found.append(f"{table.name}.{column.name}")
    return found


def _age(db_url: str) -> None:
    """Move every stored time back by AGE, as if it all happened 100 days ago."""
    with _connect(db_url) as conn:
        for table, columns in (
            (MENTION, ("created_at", "ingested_at")),
            (CASE, ("opened_at", "first_response_at", "closed_at")),
            (OUTBOX, ("created_at",)),
            (SURVEY, ("answered_at",)),
            (DIGEST_ITEM, ("created_at", "flushed_at")),
        ):
            values = {c: table.c[c] - sa.literal_column("interval '100 days'") for c in columns}
            if conn.dialect.name == "sqlite":  # no interval arithmetic on SQLite's text
                values = {c: sa.func.datetime(table.c[c], "-100 days") for c in columns}
            conn.execute(sa.update(table).values(values))


def _figures(db_url: str) -> tuple[Any, ...]:
    store = Store(db_url)
    try:
        now = datetime.now(UTC)
        since = (now - AGE - timedelta(days=60)).replace(hour=0, minute=0, second=0)
        f = load_period(store, Period(since=since, days=90), now=now)
    finally:
        store.dispose()
    return (f.by_day, f.cases_opened, f.cases_resolved, f.first_response, f.csat, f.reasons)


def test_purge_blanks_a_resolved_case_and_keeps_the_figures(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "survey", "record", "MD-000001", "--kind", "csat", "--score", "5")[0] == 0
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    before = _figures(db_url)
    code, output = run_cli(desk, "store", "purge")
    assert code == 0, output
    assert "erased: 1 case, 2 mentions, 2 drafts" in " ".join(output.split())
    for text in ANA:
        assert _holding(db_url, text) == [], text
    assert _figures(db_url) == before and before[2] == 1  # resolved, CSAT, charts, reasons
    assert _rows(db_url, sa.select(CASE.c.status, SURVEY.c.score).join(SURVEY)) == [("resolved", 5)]
    assert len(_rows(db_url, sa.select(READING.c.label))) == 3
    # Bia's praise waits for a person (draft 2, pending): hers stays, whatever its age.
    assert _rows(db_url, sa.select(MENTION.c.text).where(MENTION.c.text != "")) == [(PRAISE,)]
    assert _rows(db_url, sa.select(AUTHOR.c.handle).where(AUTHOR.c.handle != "")) == [("h_b",)]
    audit = _rows(db_url, sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail))[-1]
    assert audit[:2] == ("cli:root", "purge") and "1 case, 2 mentions" in audit[2]
    # Again: nothing more to erase, no second audit line.
    code, output = run_cli(desk, "store", "purge")
    assert "erased: 0 cases, 0 mentions" in " ".join(output.split())
    assert len(_rows(db_url, sa.select(AUDIT.c.id).where(AUDIT.c.action == "purge"))) == 1


def test_purge_never_touches_an_open_case_or_what_waits(desk: Path, db_url: str) -> None:
    _age(db_url)  # 100 days old, but the case is open and drafts 2 and 3 pending
    code, output = run_cli(desk, "store", "purge")
    assert code == 0 and "erased: 0 cases, 0 mentions" in " ".join(output.split())
    assert {"mention.text", "outbox.payload"} <= set(_holding(db_url, COMPLAINT))
    assert {"author.name", "note.text"} <= set(_holding(db_url, "Ana Souza"))
    assert _holding(db_url, PRAISE) != []


def test_a_reply_not_yet_delivered_keeps_its_case(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "drafts", "approve", "3", "--no-send")[0] == 0
    assert run_cli(desk, "cases", "close", "MD-000001")[0] == 0
    _age(db_url)
    output = " ".join(run_cli(desk, "store", "purge")[1].split())
    assert "erased: 0 cases" in output
    assert "Kept for now: 1 finished case with a draft, reply or alert waiting" in output
    assert _holding(db_url, "Hi Ana") == ["draft.text", "outbox.payload"]
    with _connect(db_url) as conn:  # delivered at last
        conn.execute(sa.update(OUTBOX).values(status="done"))
    output = " ".join(run_cli(desk, "store", "purge")[1].split())
    assert "erased: 1 case" in output and "Kept for now" not in output
    for text in ANA:
        assert _holding(db_url, text) == [], text


def test_dry_run_counts_what_a_purge_erases_and_erases_nothing(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    assert run_cli(desk, "drafts", "reject", "2")[0] == 0
    _age(db_url)
    code, output = run_cli(desk, "store", "purge", "--dry-run")
    assert code == 0, output
    plan = " ".join(output.split()).split("would erase: ")[1]
    assert "1 case, 3 mentions" in plan and "2 authors" in plan
    assert "mention.text" in _holding(db_url, COMPLAINT)
    assert _rows(db_url, sa.select(AUDIT.c.id).where(AUDIT.c.action == "purge")) == []
    done = " ".join(run_cli(desk, "store", "purge")[1].split()).split("erased: ")[1]
    assert done == plan
    assert _holding(db_url, PRAISE) == _holding(db_url, "h_b") == []


def test_a_backlog_goes_in_batches(desk: Path, db_url: str) -> None:
    """More loose posts than a batch, and than SQLite binds parameters."""
    with _connect(db_url) as conn:
        bia = conn.scalar(sa.select(AUTHOR.c.id).where(AUTHOR.c.handle == "h_b"))
        old = datetime.now(UTC) - AGE
        rows = [
            {"platform": "x", "external_id": f"bulk{n}", "source": "bulk", "author_id": bia}
            | {"text": f"post {n}", "created_at": old, "processed": True}
            for n in range(1_100)
        ]
        conn.execute(sa.insert(MENTION), rows)
    store = Store(db_url)
    try:
        plan = retention.purge(store, 30, by="t", dry_run=True, batch=150)
        done = retention.purge(store, 30, by="t", batch=150)
    finally:
        store.dispose()
    assert plan == done and done.mentions == 1_100 and done.authors == 0  # Bia's praise waits
    assert _holding(db_url, "post ") == []


async def test_the_service_purges_once_a_day_and_logs_counts_only(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    store, stop = Store(db_url), asyncio.Event()
    logging.getLogger("mentiondesk.retention").setLevel(logging.INFO)
    lines: list[str] = []

    class Done(logging.Handler):  # the run's log line stops the loop
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())
            stop.set()

    done = Done()
    logging.getLogger("mentiondesk.retention").addHandler(done)
    try:  # the first run starts at once
        await retention.retention_loop(store, 30, stop)
    finally:
        logging.getLogger("mentiondesk.retention").removeHandler(done)
        store.dispose()
    assert len(lines) == 1 and lines[0].startswith("retention (30 days) erased: 1 case, 2 mentions")
    assert not any(text in lines[0] for text in ANA)
    audit = _rows(db_url, sa.select(AUDIT.c.actor, AUDIT.c.action))[-1]
    assert tuple(audit) == ("retention", "purge")
    assert load_config(desk).settings.store.retain_days == 30
    assert _rows(db_url, sa.select(DRAFT.c.text).where(DRAFT.c.id == 3)) == [("",)]


def test_won_back_keeps_its_count_without_the_handle(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    """Ana complained (MD-000001, resolved), then praised us: won back, before and after."""
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    write_mentions(tmp_path / "m.jsonl", [*POSTS, post(4, PRAISE)])
    assert run_cli(desk, "run", "--once")[0] == 0
    with _connect(db_url) as conn:  # a person dealt with every draft
        conn.execute(sa.update(DRAFT).where(DRAFT.c.status == "pending").values(status="rejected"))
    _age(db_url)
    store = Store(db_url)
    try:
        now = datetime.now(UTC)
        period = Period(since=now - AGE - timedelta(days=30), days=60)
        before = load_period(store, period, now=now)
        assert retention.purge(store, 30, by="t").authors == 2
        after = load_period(store, period, now=now)
    finally:
        store.dispose()
    assert [w[:2] for w in before.won_back] == [("x", "h_a1")] and after.won_back == []
    assert after.won_back_count == before.won_back_count == 1
    assert after.by_day == before.by_day and after.reasons == before.reasons


def test_a_listed_author_stays_listed_without_their_handle(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    assert run_cli(desk, "cases", "resolve", "MD-000001")[0] == 0
    _age(db_url)
    code, output = run_cli(desk, "store", "purge")
    assert code == 0 and "1 audit line, 1 author" in " ".join(output.split())
    listing = sa.select(AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.detail)
    assert _rows(db_url, listing.where(AUDIT.c.action == "do-not-contact")) == [
        ("do-not-contact", 1, "x")  # still on her case's trail, naming nobody
    ]
    assert _holding(db_url, "h_a1") == []
    write_mentions(tmp_path / "m.jsonl", [*POSTS, post(4, "@lumora hello again")])
    assert run_cli(desk, "run", "--once")[0] == 0
    back = sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.handle == "h_a1")
    assert _rows(db_url, back) == [(True,)]  # her fingerprint put her back on the list


async def test_the_running_service_starts_the_retention(desk: Path) -> None:
    async with App(load_config(desk)) as app:
        await app.run_once()
        await app.start()
        assert "retention" in [t.get_name() for t in app._side_tasks]
        await app.stop()
