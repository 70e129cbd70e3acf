"""`authors forget` and chat digests: an author renamed since their alerts were collected
(a later post brought a new handle) is still erased from the digests' items and from the
lines of a digest already queued, found by their posts rather than their handle now. On
both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.digest import flush_due
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DIGEST_ITEM, OUTBOX
from tests.helpers import run_cli
from tests.test_retention_digest import _connect, _rows, desk

__all__ = ["desk"]  # the fixture: the retention's desk, Ana's complaints in a digest


def _rename_ana(db_url: str) -> None:
    with _connect(db_url) as conn:  # as store._upsert_authors does on her next post
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.handle == "h_a1").values(handle="ana_new"))


def _forget_ana(desk: Path) -> str:
    code, output = run_cli(desk, "authors", "forget", "x", "ana_new", "--yes")
    assert code == 0, output
    return " ".join(output.split())


@pytest.mark.parametrize("older", [False, True], ids=["naming-posts", "collected-before"])
def test_forget_erases_the_digest_items_of_a_renamed_author(
    desk: Path, db_url: str, older: bool
) -> None:
    if older:  # as a version before the columns collected them: backfilled first
        with _connect(db_url) as conn:
            conn.execute(sa.update(DIGEST_ITEM).values(platform=None, external_id=None))
    _rename_ana(db_url)
    assert "2 digest alerts" in _forget_ana(desk)
    assert _rows(db_url, sa.select(DIGEST_ITEM.c.id)) == []
    store = Store(db_url)  # so the next digest quotes nothing of hers
    try:
        route = load_config(desk).settings.routing.alert_routes[0]
        assert flush_due(store, route, now=datetime.now(UTC) + timedelta(hours=2)) == 0
    finally:
        store.dispose()


def test_forget_blanks_a_renamed_authors_lines_in_a_queued_digest(desk: Path, db_url: str) -> None:
    lines = ["complaints: 2 mentions", "• @h_a1 (x, en): my parcel is lost", "• @h_b (x, en): ok"]
    key = "digest:complaints:9:console"
    row = {"key": key, "kind": "alert", "target": "console", "status": "pending"}
    with _connect(db_url) as conn:  # another's post heads it: the digest stays, less her line
        payload = json.dumps({"key": key, "text": "\n".join(lines)})
        conn.execute(sa.insert(OUTBOX).values({**row, "payload": payload}))
    _rename_ana(db_url)
    _forget_ana(desk)
    (payload,) = _rows(db_url, sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == key))[0]
    assert json.loads(payload)["text"].split("\n") == [lines[0], "• (erased on request)", lines[2]]
