"""The "hold" line the outbox's claim writes for a follow-up whose case never had a ticket at
its desk keeps its ids as data (outbox_ticket_wait.NoTicket), as every other wait and hold
line does: before, its detail was case_tickets.no_ticket's English reason, read back by
matching those words (outbox_old_holds), so rewording the reason would have broken the pt
pages' line. Lines an older release wrote in English still read. On PostgreSQL, with the
outbox's own claim and the case page's reading of the trail."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mentiondesk.audit_trail import OUTBOX_WORKER, AuditEntry
from mentiondesk.case_tickets import no_ticket
from mentiondesk.outbox_old_holds import read_no_ticket
from mentiondesk.outbox_ticket_wait import NoTicket
from mentiondesk.store import Store
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.responders._data import seed
from tests.test_outbox_claim_hold_audit import claim_due, holds, queue_follow_up, row, trail


def entry(detail: str, case_id: int = 12) -> AuditEntry:
    return AuditEntry(1, datetime.now(UTC), OUTBOX_WORKER, "hold", None, case_id, None, detail)


@pytest.mark.postgres
def test_the_claims_hold_line_keeps_its_ids_as_data(pg_store: Store) -> None:
    case = seed(pg_store, alert_to="console")  # never escalated to "zd"
    comment = queue_follow_up(pg_store, case.case_id)
    assert comment not in claim_due(pg_store)
    status, why = row(pg_store, comment)
    assert status == "held" and why.startswith("no ticket for this follow-up"), why  # the row's
    (actor, case_id, draft, detail) = holds(pg_store)[-1]
    assert (actor, case_id, draft) == (OUTBOX_WORKER, case.case_id, None)
    # Before: the row's English reason, "no ticket for this follow-up of MD-… at zd: …".
    assert json.loads(detail) == {"follow_up": comment, "target": "zd", "ticket": None}
    retry = f"`mentiondesk outbox retry {comment}`"
    assert trail(pg_store, case.case_id, ENGLISH)[-1] == (
        f"The outbox held the author's new message for the help desk (zd; outbox action "
        f"{comment}): the case has no ticket there to add it to. To send it, escalate "
        f"{case.number} to zd, then {retry}; or drop it with `mentiondesk outbox drop {comment}`"
    )
    pt = trail(pg_store, case.case_id, EUROPEAN_PORTUGUESE)[-1]
    assert pt.startswith("A fila de envio reteve a nova mensagem da pessoa para o apoio"), pt
    assert f"execute {retry}" in pt and "no ticket" not in pt, pt
    br = trail(pg_store, case.case_id, PORTUGUESE)[-1]
    assert "chamado" in br and f"rode {retry}" in br, br


def test_the_data_and_the_old_words_read_alike() -> None:
    data = entry(NoTicket(7, "zd", None).detail())
    old = entry(no_ticket(12, "zd", 7, None))  # how the claim wrote it before
    assert read_no_ticket(data.detail) == read_no_ticket(old.detail) == NoTicket(7, "zd", None)
    for loc in (ENGLISH, PORTUGUESE, EUROPEAN_PORTUGUESE):
        assert audit_line(loc, data) == audit_line(loc, old)


@pytest.mark.parametrize(
    "detail",
    [
        '{"follow_up": 7, "target": "zd"}',  # a person's --reason that looks like data
        '{"follow_up": 7, "target": "zd", "ticket": "five"}',
        '{"follow_up": 7, "target": "zd", "ticket": null, "note": "x"}',
        "{legal asked us to wait",
    ],
)
def test_any_other_detail_reads_as_written(detail: str) -> None:
    assert read_no_ticket(detail) is None
    line = audit_line(ENGLISH, entry(detail))
    assert line.endswith(detail), line
