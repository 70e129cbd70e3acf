"""`authors forget`: an author's data erased on request (LGPD, GDPR), on both backends."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import typer
from sqlmodel import SQLModel

from mentiondesk import cli_common, erasure_payloads
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DRAFT,
    MENTION,
    NOTE,
    OUTBOX,
)
from tests.helpers import COMPLAINT, PRAISE, mention, run_cli, write_config, write_mentions

LATER = "@lumora still waiting for my refund, awful"
# Everything that names author a1 (Ana): their posts, handle, name, drafts written to her.
THEIRS = (COMPLAINT, LATER, "h_a1", "Ana Souza", "Hi Ana")
POSTS = [mention(1, COMPLAINT), mention(2, PRAISE, author="b", name="Bia Lima"), mention(3, LATER)]


@pytest.fixture
def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One run: Ana's complaint opens MD-000001, her second post follows it up (private
    draft 3), Bia's praise gets public draft 2; a note and a correction on Ana's case."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    samples = write_mentions(tmp_path / "m.jsonl", POSTS)
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            note = {"mention_id": 1, "case_id": 1, "author": "ana", "text": "Ana Souza"}
            conn.execute(sa.insert(NOTE).values(note))
            fix = {"mention_id": 3, "label": "negative", "corrected_by": "x"}
            conn.execute(sa.insert(CORRECTION).values(fix))
    finally:
        store.dispose()
    return config


def select_rows(db_url: str, query: sa.Select[Any]) -> list[Any]:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(query).all())
    finally:
        store.dispose()


# Hex digests (and the key behind them) hold any short string by chance: "a1" in an HMAC.
_FINGERPRINTS = {"forgotten", "erased_post", "fingerprint_key"}


def holding(db_url: str, text: str) -> list[str]:
    """Every table.column of the store whose text holds `text`: short ones too (SQLModel's
    AutoString is a TypeDecorator over String, not a String: its `impl` says so)."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in _FINGERPRINTS:
            continue
        for column in table.columns:
            text_column = isinstance(getattr(column.type, "impl", column.type), sa.String)
            if text_column and select_rows(db_url, sa.select(column).where(column.contains(text))):
                found.append(f"{table.name}.{column.name}")
    return found


def test_forget_erases_the_author_everywhere_and_only_them(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "drafts", "approve", "3", "--no-send")[0] == 0  # a DM waiting to go
    assert holding(db_url, "Hi Ana") == ["draft.text", "outbox.payload"]
    code, output = run_cli(desk, "authors", "forget", "x", "@H_A1", "--yes")
    assert code == 0, output
    assert "2 mentions, 1 case, 2 drafts, 1 outbox action, 1 note" in output
    # Delivered actions and audit lines keep their rows: not said to be deleted.
    said = " ".join(output.split())
    assert "deletes: 2 mentions" in said and "delivered action" not in said.split(";")[0]
    assert "blanks, keeping the rows: 2 delivered actions, 1 audit line." in said
    assert "deleted; 2 delivered actions, 1 audit line blanked (rows kept)." in said
    for text in THEIRS:
        assert holding(db_url, text) == [], text
    for table in (CASE, DRAFT, NOTE, CORRECTION):
        mention_ids = {r[0] for r in select_rows(db_url, sa.select(table.c.mention_id))}
        assert mention_ids <= {2}, table.name
    assert select_rows(db_url, sa.select(OUTBOX.c.key).where(OUTBOX.c.status != "done")) == []
    # Bia's praise, author row and draft are untouched.
    assert select_rows(db_url, sa.select(MENTION.c.text)) == [(PRAISE,)]
    assert select_rows(db_url, sa.select(AUTHOR.c.handle)) == [("h_b",)]
    assert select_rows(db_url, sa.select(DRAFT.c.id, DRAFT.c.status)) == [(2, "pending")]


def test_forget_asks_first_and_erases_nothing_when_refused(desk: Path, db_url: str) -> None:
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", stdin="n\n")
    assert code == 1 and "Erasing h_a1 on x deletes: 2 mentions, 1 case" in output
    assert "Nothing erased" in output
    assert len(select_rows(db_url, sa.select(MENTION.c.id))) == 3
    assert run_cli(desk, "authors", "forget", "x", "nobody", "--yes")[0] == 1


def test_audit_keeps_the_erasure_without_naming_them(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    audit = select_rows(db_url, sa.select(AUDIT).order_by(AUDIT.c.id))
    assert [(a.actor, a.action, a.case_id, a.detail) for a in audit] == [
        ("cli:root", "do-not-contact", None, "(erased on request)"),
        ("cli:root", "erase", None, audit[-1].detail),
    ]
    assert audit[-1].detail.startswith("an author's data was erased on request: 2 mentions")
    assert "h_a1" not in audit[-1].detail


def test_an_erased_author_on_do_not_contact_stays_on_it(
    desk: Path, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(desk, "authors", "do-not-contact", "x", "h_a1")[0] == 0
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    assert holding(db_url, "h_a1") == []
    again = [mention(4, "@lumora hello again"), mention(5, "@lumora hi", author="c")]
    write_mentions(tmp_path / "m.jsonl", [*POSTS, *again])  # the replay reads on from line 4
    assert run_cli(desk, "run", "--once")[0] == 0
    listed = sa.select(AUTHOR.c.handle, AUTHOR.c.do_not_contact).order_by(AUTHOR.c.handle)
    assert select_rows(db_url, listed) == [("h_a1", True), ("h_b", False), ("h_c", False)]
    # Taken off the list by a person, they stay off when they post again.
    assert run_cli(desk, "authors", "do-not-contact", "x", "h_a1", "--undo")[0] == 0
    write_mentions(tmp_path / "m.jsonl", [*POSTS, *again, mention(6, "@lumora one more")])
    assert run_cli(desk, "run", "--once")[0] == 0
    assert select_rows(db_url, listed)[0] == ("h_a1", False)


def test_forget_waits_while_a_reply_to_them_is_being_sent(desk: Path, db_url: str) -> None:
    assert run_cli(desk, "drafts", "approve", "3", "--no-send")[0] == 0
    store = Store(db_url)
    try:  # a worker has claimed the reply and is sending it right now
        with store.engine.begin() as conn:
            leased = datetime.now(UTC) + timedelta(minutes=5)
            conn.execute(
                sa.update(OUTBOX).where(OUTBOX.c.status == "pending").values(lease_until=leased)
            )
    finally:
        store.dispose()
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")
    assert code == 1 and "being sent right now" in output
    assert len(select_rows(db_url, sa.select(MENTION.c.id))) == 3  # nothing erased


@pytest.mark.postgres
def test_forget_judges_a_live_lease_by_the_databases_clock(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A host whose clock runs ten minutes ahead took a worker's live lease (two minutes
    left by the database's clock) for a lapsed one, and erased the reply being sent."""
    config = write_config(
        tmp_path, db_url=pg_url, samples=write_mentions(tmp_path / "m.jsonl", POSTS)
    )
    assert run_cli(config, "run", "--once")[0] == 0
    assert run_cli(config, "drafts", "approve", "3", "--no-send")[0] == 0
    store = Store(pg_url)
    try:
        with store.engine.begin() as conn:
            leased = sa.func.clock_timestamp() + timedelta(minutes=2)
            conn.execute(
                sa.update(OUTBOX).where(OUTBOX.c.status == "pending").values(lease_until=leased)
            )
    finally:
        store.dispose()

    class Ahead(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Ahead:  # type: ignore[override]
            return super().now(tz) + timedelta(minutes=10)  # type: ignore[return-value]

    monkeypatch.setattr(erasure_payloads, "datetime", Ahead)
    code, output = run_cli(config, "authors", "forget", "x", "h_a1", "--yes")
    assert code == 1 and "being sent right now" in output


@pytest.fixture
def old_sqlite_limit() -> Iterator[None]:
    """Every SQLite connection binds at most 999 parameters, as older builds do."""

    def limit(dbapi_conn: Any, _record: Any) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)

    sa.event.listen(sa.engine.Engine, "connect", limit)
    yield
    sa.event.remove(sa.engine.Engine, "connect", limit)


@pytest.mark.usefixtures("old_sqlite_limit")
def test_forget_erases_a_prolific_author(desk: Path, db_url: str) -> None:
    many = 1_200
    store = Store(db_url)
    try:  # far more mentions than SQLite binds parameters
        with store.engine.begin() as conn:
            ana = conn.scalar(sa.select(AUTHOR.c.id).where(AUTHOR.c.handle == "h_a1"))
            start = datetime(2024, 1, 1, tzinfo=UTC)
            rows = [
                {"platform": "x", "external_id": f"bulk{n}", "source": "bulk", "author_id": ana}
                | {"text": f"post {n}", "created_at": start, "processed": True}
                for n in range(many)
            ]
            conn.execute(sa.insert(MENTION), rows)
    finally:
        store.dispose()
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")
    assert code == 0, output
    assert f"Erased: {many + 2:,} mentions, 1 case, 2 drafts" in output
    assert select_rows(db_url, sa.select(MENTION.c.text)) == [(PRAISE,)]


def test_forget_blanks_their_digest_lines_not_a_namesake_elsewhere(desk: Path, db_url: str) -> None:
    lines = ["praise: 2 mentions", "• @h_a1 (x, pt): oi", "• @h_a1 (mastodon, en): hi"]
    payload = {"key": "digest:praise:1:chat", "text": "\n".join(lines)}
    row = {"key": "digest:praise:1:chat", "kind": "alert", "target": "chat", "status": "done"}
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(OUTBOX).values({**row, "payload": json.dumps(payload)}))
    finally:
        store.dispose()
    assert run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    digest = sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == row["key"])
    text = json.loads(select_rows(db_url, digest)[0][0])["text"]
    assert text.split("\n") == [lines[0], "• (erased on request)", lines[2]]


def test_forget_says_when_what_it_erased_differs_from_the_plan(
    desk: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def confirm_as_a_post_arrives(*_args: Any, **_kwargs: Any) -> bool:
        store = Store(db_url)
        try:  # her new post is stored while the operator reads the counts
            with store.engine.begin() as conn:
                ana = conn.scalar(sa.select(AUTHOR.c.id).where(AUTHOR.c.handle == "h_a1"))
                post = {"platform": "x", "external_id": "late", "source": "s", "author_id": ana}
                at = datetime.now(UTC)
                conn.execute(sa.insert(MENTION).values({**post, "text": "hi", "created_at": at}))
        finally:
            store.dispose()
        return True

    monkeypatch.setattr(typer, "confirm", confirm_as_a_post_arrives)
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1")
    assert code == 0, output
    assert "deletes: 2 mentions" in output and "Erased: 3 mentions" in output
    assert "differs from the counts above" in output
    code, output = run_cli(desk, "authors", "forget", "x", "h_b", "--yes")
    assert code == 0 and "differs" not in output
