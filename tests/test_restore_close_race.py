"""Restoring a draft and closing its case at once: the restore locks the open case, so the
Close waits for it and then withdraws the restored draft; never a pending draft on a closed
case (PostgreSQL: SQLite's single writer serialises the two anyway)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT
from tests.desk.seed import add


@pytest.mark.postgres
def test_a_close_during_a_restore_withdraws_the_restored_draft(
    pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mention, case, draft = add(pg_store, "Parcel lost", draft_kind="public")
    assert case and draft
    with pg_store.engine.begin() as conn:
        conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.id == draft)
            .values(status="withdrawn", decided_by=f"praise {mention}")
        )
    real = queue.lock_open
    closer = threading.Thread(target=queue.close_case, args=(pg_store, case), kwargs={"by": "bo"})

    def close_meanwhile(*args: Any, **kw: Any) -> None:
        real(*args, **kw)
        closer.start()  # another agent's Close, between the restore's lock and its write
        closer.join(timeout=1.0)  # it waits for the case the restore holds (or commits)

    monkeypatch.setattr(queue, "lock_open", close_meanwhile)
    queue.restore_draft(pg_store, draft, by="ana")
    closer.join(timeout=10)
    with pg_store.engine.connect() as conn:
        status = conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case))
        drafted = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft))
    assert (status, drafted) == ("closed", "withdrawn")


@pytest.mark.postgres
def test_restoring_a_draft_of_a_closed_case_says_it_is_closed(pg_store: Store) -> None:
    mention, case, draft = add(pg_store, "Parcel lost", draft_kind="public")
    assert case and draft
    queue.close_case(pg_store, case, by="bo", status="resolved")
    with pg_store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).values(decided_by=f"praise {mention}"))
    with pytest.raises(queue.CaseEnded, match="already resolved"):
        queue.restore_draft(pg_store, draft, by="ana")
