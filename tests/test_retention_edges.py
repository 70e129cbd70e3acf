"""The retention's edges: an alert still waiting, a post ingested while it runs, the posts'
platform ids in outbox keys, and old posts read again."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUTHOR, DRAFT, MENTION, OUTBOX
from tests import test_retention as base
from tests.helpers import run_cli

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
    assert "Kept for now: 1 post with an alert about it not yet delivered" in output
    assert _rows(db_url, sa.select(MENTION.c.external_id).where(MENTION.c.id == 2)) == [("m2",)]
    assert _holding(db_url, "Bia Lima") == ["author.name"]
    assert _holding(db_url, base.PRAISE) != []
    with _connect(db_url) as conn:  # delivered at last
        conn.execute(sa.update(OUTBOX).values(status="done"))
    output = " ".join(run_cli(desk, "store", "purge")[1].split())
    assert "1 mention" in output and "Kept for now" not in output
    assert _holding(db_url, "Bia Lima") == _holding(db_url, base.PRAISE) == []
    assert _rows(db_url, sa.select(AUTHOR.c.handle).where(AUTHOR.c.id == 2)) == [("",)]
