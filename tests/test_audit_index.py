"""The Slack settle pass reads the audit trail's assignments and restores since its mark every
30 seconds: an index on (action, at) keeps that a lookup on a years-long trail, made at
start-up for a database an older version created."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.store import Store


def test_the_audit_trail_is_indexed_by_action_and_time_after_an_upgrade(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    with store.engine.begin() as conn:  # as an older version made the table
        conn.execute(sa.text("DROP INDEX ix_audit_action_at"))
    store.create_all()
    indexes = {i["name"]: i["column_names"] for i in sa.inspect(store.engine).get_indexes("audit")}
    store.dispose()
    assert indexes.get("ix_audit_action_at") == ["action", "at"]
