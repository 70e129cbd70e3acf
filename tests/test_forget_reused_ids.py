"""After `authors forget`, the next customer's reply is sent: their draft and case may get the
erased ones' ids (SQLite reuses a deleted last row's id in tables made before NEVER_REUSED),
and the erased delivered rows' keys no longer name those ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from mentiondesk import cli_common
from mentiondesk.tables import DELIVERY, DRAFT, MENTION, OUTBOX
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions

BIA = mention(2, COMPLAINT.replace("parcel", "order"), author="b", name="Bia Lima")


def _approve_and_send(config: Path, db_url: str, post: str) -> int:
    """Approve the reply drafted to the post `post` (its platform id) and deliver it."""
    query = sa.select(DRAFT.c.id).join(MENTION).where(MENTION.c.external_id == post)
    ((draft,),) = table_rows(db_url, query.where(DRAFT.c.kind == "private"))
    assert run_cli(config, "drafts", "approve", str(draft))[0] == 0
    assert run_cli(config, "run", "--once")[0] == 0
    return int(draft)


def _forget_ana_then_serve_bia(tmp_path: Path, db_url: str) -> tuple[int, int]:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    ana = _approve_and_send(config, db_url, "m1")
    assert run_cli(config, "authors", "forget", "x", "h_a1", "--yes")[0] == 0
    write_mentions(samples, [mention(1, COMPLAINT), BIA])
    assert run_cli(config, "run", "--once")[0] == 0
    return ana, _approve_and_send(config, db_url, "m2")


def _sent(db_url: str, draft: int) -> list[tuple[object, ...]]:
    key = f"post:draft:{draft}"
    done = sa.select(OUTBOX.c.status, OUTBOX.c.last_error).where(OUTBOX.c.key == key)
    return table_rows(db_url, done)


@pytest.fixture(autouse=True)
def _root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")


def test_the_next_customers_reply_is_sent_after_an_erasure(tmp_path: Path, db_url: str) -> None:
    ana, bia = _forget_ana_then_serve_bia(tmp_path, db_url)
    assert bia != ana  # no id is given twice, SQLite included
    assert _sent(db_url, bia) == [("done", None)]
    # Ana's delivered reply stays (the figures count it), its key no longer naming her draft.
    renamed = OUTBOX.c.key.startswith("post:draft:erased:")
    assert len(table_rows(db_url, sa.select(OUTBOX.c.id).where(renamed))) == 1
    for table in (OUTBOX, DELIVERY):
        assert (
            table_rows(db_url, sa.select(table.c.id).where(table.c.key == f"post:draft:{ana}"))
            == []
        )


def test_a_store_made_before_ids_were_never_reused_still_sends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'old.db'}"
    for table in SQLModel.metadata.sorted_tables:  # as an earlier release created them
        monkeypatch.setitem(table.dialect_options["sqlite"], "autoincrement", False)
    engine = sa.create_engine(db_url)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    monkeypatch.undo()
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    ana, bia = _forget_ana_then_serve_bia(tmp_path, db_url)
    assert bia == ana  # SQLite gave Ana's erased draft id to Bia's draft
    assert _sent(db_url, bia) == [("done", None)]
