"""A follow-up waiting for its case's ticket to be filed (the ticket's action failed: the help
desk is down, and both are retried) is on its case's audit trail: one line when the wait
begins, never one a retry (two workers, or one restarted, included), and one when the
follow-up goes once the ticket is filed. Before, the trail said nothing for the whole wait,
and a support lead could not tell why the author's new words reached the ticket an hour
late. The worker's log names ids, never the follow-up's words. On PostgreSQL, with the
outbox's own claim, reschedule and record, and the case page's reading of the trail."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.audit_trail import OUTBOX_WORKER
from mentiondesk.casework import escalate_case
from mentiondesk.config import OutboxSection
from mentiondesk.models import Receipt
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_record import Claimed, record
from mentiondesk.outbox_retry import retry_at
from mentiondesk.outbox_ticket_wait import Said
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, case_number
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.responders._data import seed
from tests.test_outbox_claim_hold_audit import queue_follow_up, trail

pytestmark = pytest.mark.postgres
LATER = datetime.now(UTC) + timedelta(days=1)  # past any backoff: due_by for a claim
DOWN = "ClientConnectorError: Cannot connect to host zd.example:443"


def claimed(store: Store) -> dict[str, Claimed]:
    """What one poll of the worker claims, by kind (every due row, however far its backoff)."""
    got = claim(store, OutboxSection(batch_size=10), datetime.now(UTC), None, LATER, None)
    return {c.action.kind: c for c in got}


def failed(store: Store, *rows: Claimed) -> None:
    """Each delivery failed for a moment (the help desk down): retried in five minutes."""
    for row in rows:
        assert retry_at(store, row, datetime.now(UTC) + timedelta(minutes=5), DOWN, False)


def lines(store: Store) -> list[tuple[str, str, str]]:
    """The trail's lines of the outbox worker: actor, action, detail."""
    query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id)
    with store.engine.connect() as conn:
        rows = conn.execute(query.where(AUDIT.c.actor == OUTBOX_WORKER)).all()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def escalated_while_down(store: Store) -> tuple[int, Claimed]:
    """A case escalated to "zd" while the help desk is down: its ticket's first try failed.
    (case id, the ticket's claim)."""
    case = seed(store, alert_to="console")
    escalate_case(store, case.case_id, by="cli:ops", target="zd")
    first = claimed(store)
    assert record(store, first["alert"], Receipt(ref="a1"), datetime.now(UTC))
    failed(store, first["ticket"])
    return case.case_id, first["ticket"]


def test_a_follow_up_waiting_for_its_ticket_says_so_once_and_once_sent(
    pg_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    case_id, ticket = escalated_while_down(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    with caplog.at_level(logging.INFO):
        for _ in range(3):  # three polls, the help desk down for each
            got = claimed(pg_store)
            assert got["comment"].id == comment
            failed(pg_store, got["ticket"], got["comment"])
    detail = Said(comment, ticket.id, "zd", "failing").detail()  # the ids, as data
    assert lines(pg_store) == [(OUTBOX_WORKER, "ticket-wait", detail)]  # before: none
    en = trail(pg_store, case_id, ENGLISH)[-1]
    assert en == (
        "The author's new message waits for the case's ticket to be filed at the help desk "
        f"(zd), and goes on it then (outbox action {comment}; the ticket's: {ticket.id})"
    )
    br = trail(pg_store, case_id, PORTUGUESE)[-1]
    assert br.startswith("A nova mensagem da pessoa aguarda a abertura do chamado do caso")
    pt = trail(pg_store, case_id, EUROPEAN_PORTUGUESE)[-1]
    assert "pedido de apoio" in pt and "chamado" not in pt, pt
    # One warning a wait, with ids: never the author's words (BODY-7Q).
    said = [r for r in caplog.records if r.name == "mentiondesk.outbox" and "waits" in r.msg]
    assert len(said) == 1 and said[0].levelno == logging.WARNING
    message = said[0].getMessage()
    assert f"outbox action {comment} " in message and case_number(case_id) in message
    assert "BODY-7Q" not in message and all("BODY-7Q" not in d for *_, d in lines(pg_store))

    # The help desk is back: the ticket is filed, then the follow-up goes on it.
    got = claimed(pg_store)
    now = datetime.now(UTC)
    assert record(pg_store, got["ticket"], Receipt(ref="901"), now)
    assert record(pg_store, got["comment"], Receipt(ref="901"), now)
    assert [action for _, action, _ in lines(pg_store)] == ["ticket-wait", "ticket-waited"]
    assert trail(pg_store, case_id, ENGLISH)[-1] == (
        "The author's new message was added to the case's ticket at the help desk (zd) once "
        f"the ticket was filed (outbox action {comment})"
    )
    assert trail(pg_store, case_id, PORTUGUESE)[-1].startswith(
        "A nova mensagem da pessoa foi acrescentada ao chamado do caso no help desk (zd)"
    )
    assert "pedido de apoio" in trail(pg_store, case_id, EUROPEAN_PORTUGUESE)[-1]


def test_a_restarted_worker_and_a_second_one_add_no_line(pg_stores: tuple[Store, Store]) -> None:
    """The marker is the trail itself, in the database: a worker started again (or another
    beside it) finds the wait said already."""
    first, second = pg_stores
    case_id, _ = escalated_while_down(first)
    comment = queue_follow_up(first, case_id)
    got = claimed(first)
    failed(first, got["ticket"], got["comment"])
    got = claimed(second)
    assert got["comment"].id == comment
    failed(second, got["ticket"], got["comment"])
    assert [action for _, action, _ in lines(first)] == ["ticket-wait"]


def test_no_line_when_the_ticket_is_filed_in_the_same_poll(pg_store: Store) -> None:
    """A follow-up claimed with a ticket not tried yet waits for nothing worth a line: both go
    in this poll, and the trail stays as it was."""
    case = seed(pg_store, alert_to="console")
    escalate_case(pg_store, case.case_id, by="cli:ops", target="zd")
    queue_follow_up(pg_store, case.case_id)
    got = claimed(pg_store)
    now = datetime.now(UTC)
    for kind in ("alert", "ticket", "comment"):
        assert record(pg_store, got[kind], Receipt(ref="901"), now)
    assert lines(pg_store) == []
