"""A follow-up whose case's ticket is HELD (a person held the ticket's delivery with `outbox
hold`, say during a help-desk outage) waits for nothing that will happen by itself: before,
its case's trail said it "waits for the case's ticket to be filed", as for a ticket the help
desk refused a moment and that is retried, and a support lead waited for a filing nobody
would do. Now the line says the ticket is held and what releases it (`outbox retry`), in
English, pt-BR and pt-PT. The line's detail is the wait's ids as data, not words: the trail
is read back from it (the wait's marker, the line after the send), whatever its wording.
On PostgreSQL, with the outbox's own claim, hold, retry and record."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_admin, outbox_hold
from mentiondesk.audit_trail import OUTBOX_WORKER, write
from mentiondesk.models import Receipt
from mentiondesk.outbox_record import record
from mentiondesk.outbox_ticket_wait import WAIT, WAITED, read
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.test_outbox_claim_hold_audit import queue_follow_up, trail
from tests.test_outbox_ticket_wait_audit import claimed, escalated_while_down, failed, lines

pytestmark = pytest.mark.postgres


def held_by_ops(store: Store, ticket: int) -> None:
    done = outbox_hold.hold(store, [ticket], reason="help desk down", actor="cli:ops")
    assert done.changed == [ticket]


def test_a_follow_up_on_a_held_ticket_says_what_releases_it(
    pg_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    case_id, ticket = escalated_while_down(pg_store)
    held_by_ops(pg_store, ticket.id)
    comment = queue_follow_up(pg_store, case_id)
    with caplog.at_level(logging.INFO):
        for _ in range(3):  # the worker's polls: the ticket is held, so never claimed
            got = claimed(pg_store)
            assert "ticket" not in got and got["comment"].id == comment
            failed(pg_store, got["comment"])
    assert [action for _, action, _ in lines(pg_store)] == [WAIT]  # one line, not one a poll
    en = trail(pg_store, case_id, ENGLISH)[-1]
    assert "to be filed" not in en, en  # before: "waits … to be filed", which nothing did
    assert en == (
        "The author's new message waits on the case's ticket for the help desk (zd), which "
        f"is held (outbox action {ticket.id}): nothing files it until someone releases it "
        f"with `mentiondesk outbox retry {ticket.id}`; the message goes on it then (outbox "
        f"action {comment})"
    )
    br = trail(pg_store, case_id, PORTUGUESE)[-1]
    assert "que está retido" in br and f"`mentiondesk outbox retry {ticket.id}`" in br, br
    assert "aguarda a abertura" not in br, br
    pt = trail(pg_store, case_id, EUROPEAN_PORTUGUESE)[-1]
    assert "pedido de apoio" in pt and "chamado" not in pt and "libertar" in pt, pt
    said = [r.getMessage() for r in caplog.records if r.name == "mentiondesk.outbox"]
    waits = [m for m in said if f"outbox action {comment} " in m]
    assert len(waits) == 1 and f"`outbox retry {ticket.id}`" in waits[0], said
    assert "to be filed" not in waits[0] and "BODY-7Q" not in waits[0], said

    # Released by a person, the ticket is filed and the follow-up goes on it.
    assert outbox_admin.retry(pg_store, ticket.id)
    got = claimed(pg_store)
    now = datetime.now(UTC)
    assert record(pg_store, got["ticket"], Receipt(ref="901"), now)
    assert record(pg_store, got["comment"], Receipt(ref="901"), now)
    assert [action for _, action, _ in lines(pg_store)] == [WAIT, WAITED]
    assert trail(pg_store, case_id, ENGLISH)[-1] == (
        "The author's new message was added to the case's ticket at the help desk (zd) once "
        f"the ticket was filed (outbox action {comment})"
    )


def test_a_wait_that_turns_into_a_hold_gets_its_own_line(pg_store: Store) -> None:
    """The help desk refused the ticket a while (a wait to be filed: the worker retries it),
    then a person held it: the wait is another now, and the trail says so, once."""
    case_id, ticket = escalated_while_down(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    got = claimed(pg_store)
    failed(pg_store, got["ticket"], got["comment"])
    held_by_ops(pg_store, ticket.id)
    for _ in range(2):
        failed(pg_store, claimed(pg_store)["comment"])
    states = [read(detail) for _, _, detail in lines(pg_store)]
    assert [s.state if s else None for s in states] == ["failing", "held"]
    waited, hold, held = trail(pg_store, case_id, ENGLISH)[-3:]
    assert "to be filed" in waited and hold.endswith("back from sending: help desk down")
    assert f"which is held (outbox action {ticket.id})" in held, held
    assert all(s is not None and s.follow_up == comment for s in states)


def test_the_line_keeps_the_wait_as_data_not_words(pg_store: Store) -> None:
    """Its detail is the ids as JSON: the marker of the wait and the line after the send are
    found from it, so rewording the trail's sentences can never lose them."""
    case_id, ticket = escalated_while_down(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    got = claimed(pg_store)
    failed(pg_store, got["ticket"], got["comment"])
    ((_, _, detail),) = lines(pg_store)
    assert json.loads(detail) == {
        "follow_up": comment,
        "ticket": ticket.id,
        "target": "zd",
        "state": "failing",
    }
    got = claimed(pg_store)
    now = datetime.now(UTC)
    assert record(pg_store, got["ticket"], Receipt(ref="901"), now)
    assert record(pg_store, got["comment"], Receipt(ref="901"), now)
    waited = json.loads(lines(pg_store)[-1][2])
    assert waited == {"follow_up": comment, "ticket": ticket.id, "target": "zd", "state": "filed"}


def test_a_line_an_older_release_wrote_still_reads_and_marks_its_wait(pg_store: Store) -> None:
    """A wait noted before the upgrade (its detail in words) is the same wait after it: no
    second line, and the send after it still says the follow-up went."""
    case_id, ticket = escalated_while_down(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    old = (
        f"follow-up (action {comment}) waits for the case's ticket (action {ticket.id}) at zd "
        "to be filed"
    )
    with pg_store.engine.begin() as conn:
        write(conn, OUTBOX_WORKER, WAIT, case_id=case_id, detail=old)
    got = claimed(pg_store)
    failed(pg_store, got["ticket"], got["comment"])
    assert lines(pg_store) == [(OUTBOX_WORKER, WAIT, old)]
    assert "to be filed at the help desk (zd)" in trail(pg_store, case_id, ENGLISH)[-1]
    got = claimed(pg_store)
    now = datetime.now(UTC)
    assert record(pg_store, got["ticket"], Receipt(ref="901"), now)
    assert record(pg_store, got["comment"], Receipt(ref="901"), now)
    with pg_store.engine.connect() as conn:
        query = sa.select(AUDIT.c.action).where(AUDIT.c.actor == OUTBOX_WORKER)
        assert list(conn.scalars(query.order_by(AUDIT.c.id))) == [WAIT, WAITED]


@pytest.mark.parametrize(
    "detail",
    ["", "{", '{"follow_up": 1}', '["x"]', '{"follow_up":1,"ticket":2,"target":"zd","state":"x"}'],
)
def test_a_detail_that_is_no_wait_reads_as_none(detail: str) -> None:
    """The case page words such a line as any other, never failing on it."""
    assert read(detail) is None
