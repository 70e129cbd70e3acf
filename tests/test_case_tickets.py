"""A case's ticket at each help desk is the one its latest delivery there went on: the outbox
hands a follow-up that desk's ticket (not another desk's, nor the closed one a follow-up
ticket replaced), and the help-desk sync asks each desk about that one. On both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.case_tickets import current_tickets
from mentiondesk.config import OutboxSection
from mentiondesk.helpdesk_sync import open_tickets
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, OUTBOX
from tests.responders._data import follow_up, seed


def _delivered(store: Store, case_id: int, kind: str, target: str, ref: str) -> None:
    """A ticket or a follow-up's comment, delivered: outbox row done, delivery recorded."""
    key = f"{kind}:{target}:{ref}"
    row = {"key": key, "kind": kind, "target": target, "case_id": case_id}
    with store.engine.begin() as conn:
        outbox_id = conn.execute(
            sa.insert(OUTBOX).values(row | {"status": "done", "payload": "{}"})
        ).inserted_primary_key[0]
        sent = {"key": key, "outbox_id": outbox_id, "kind": kind, "target": target, "ref": ref}
        conn.execute(sa.insert(DELIVERY).values(sent))


def test_each_desk_gets_its_own_and_latest_ticket(store: Store) -> None:
    case_id = seed(store).case_id
    _delivered(store, case_id, "ticket", "rt", "17")
    _delivered(store, case_id, "ticket", "fd", "1")
    _delivered(store, case_id, "comment", "fd", "1")  # a note on it
    _delivered(store, case_id, "comment", "fd", "2")  # filed anew after 1 was archived
    _delivered(store, case_id, "comment", "rt", "17")
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(ticket_ref="17"))  # the last desk to file one
        assert current_tickets(conn, OUTBOX.c.case_id == case_id) == {
            (case_id, "rt"): "17",
            (case_id, "fd"): "2",
        }
        now = datetime.now(UTC)
        for target in ("fd", "rt"):
            comment = follow_up(target, external_id=f"m-{target}")
            conn.execute(sa.insert(OUTBOX).values(outbox_row(comment, case_id, now)))
    claimed = claim(store, OutboxSection(), datetime.now(UTC), None, None, None)
    handed = {c.action.target: c.action.context.ticket_ref for c in claimed}
    assert handed == {"fd": "2", "rt": "17", "slack": None}  # the alert: no desk of its own
    assert open_tickets(store) == {"rt": {"17": [case_id]}, "fd": {"2": [case_id]}}
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(status="resolved"))
    assert open_tickets(store) == {}
