"""A follow-up held for want of its case's ticket, on a trail written by an older release:
its "hold" line's detail is the held row's English reason ("no ticket for this follow-up of
MD-000001 at zd: the case's ticket (action 5) was dropped by cli:ops; …"), as `outbox drop`
(under the one who dropped the ticket) and the outbox's claim wrote it before lines kept their
ids as data. A pt-PT desk read "A fila de envio reteve uma ação, sem enviar: no ticket for
this follow-up …", in English, for every hold made before the upgrade (and still for one whose
case never had a ticket at that desk). Now each is read back into its ids and worded as the
line a drop or a claim writes today, in the reader's language; any other detail (a person's
reason, one cut short) reads as written.

The old details are those releases' own f-strings (git history: 7b0824b's outbox_hold and
b19d9c5's case_tickets.no_ticket, which still writes them)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk.audit_trail import OUTBOX_WORKER, AuditEntry, write
from mentiondesk.case_tickets import no_ticket
from mentiondesk.outbox_old_holds import NoTicket, read_no_ticket
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX, case_number
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.responders._data import seed
from tests.test_outbox_claim_hold_audit import claim_due, holds, queue_follow_up, trail

CASE = 12
NUMBER = case_number(CASE)


def first_release(ticket: int, actor: str, me: int) -> str:
    """How 7b0824b's `outbox drop` worded a held follow-up (outbox_hold._no_ticket)."""
    return (
        f"no ticket for this follow-up of {NUMBER} at zd: the case's ticket (action "
        f"{ticket}) was dropped by {actor}, so it would wait for it for good. To file the "
        f"case's ticket, escalate {NUMBER} to zd again (its desk page), then "
        f"`mentiondesk outbox retry {me}`; or `mentiondesk outbox drop {me}`"
    )[:2000]


def entry(actor: str, detail: str, action: str = "hold") -> AuditEntry:
    return AuditEntry(1, datetime.now(UTC), actor, action, None, CASE, None, detail[:512])


def test_an_old_drop_line_reads_as_the_dropped_tickets_line_in_pt_pt() -> None:
    old = entry("cli:ops", first_release(5, "cli:ops", 7))
    pt = audit_line(EUROPEAN_PORTUGUESE, old)
    # Before: "ops (pelo terminal) reteve uma ação, sem enviar: no ticket for this follow-up …"
    assert "no ticket" not in pt and "reteve uma ação" not in pt, pt
    assert pt == (
        "ops (pelo terminal) descartou o pedido de apoio do caso no apoio ao cliente (zd; "
        "ação 5 da fila de envio), e a nova mensagem da pessoa para ele ficou retida (ação 7 "
        f"da fila de envio): para a enviar, encaminhe {NUMBER} de novo para zd e depois "
        "execute `mentiondesk outbox retry 7`; ou descarte-a com `mentiondesk outbox drop 7`"
    )
    assert audit_line(ENGLISH, old).startswith("ops (terminal) dropped the case's ticket")


@pytest.mark.parametrize("how", ["dropped by cli:ops", "dropped by cli:ops: filed by hand"])
def test_an_old_claim_line_reads_as_the_claims_line_today(how: str) -> None:
    """The claim's line (b19d9c5 to 9dbf534): the reason names the drop, with its reason."""
    old = entry(OUTBOX_WORKER, no_ticket(CASE, "zd", 7, (5, how)))
    assert read_no_ticket(old.detail) == NoTicket(7, "zd", 5)
    assert audit_line(ENGLISH, old) == (
        "The case's ticket for the help desk (zd; outbox action 5) was dropped, so the outbox "
        "held the author's new message for it (outbox action 7): to send it, escalate "
        f"{NUMBER} to zd again, then `mentiondesk outbox retry 7`; or drop it with "
        "`mentiondesk outbox drop 7`"
    )
    br = audit_line(PORTUGUESE, old)
    assert br.startswith("O chamado do caso no help desk (zd; ação 5 da fila de envio)"), br
    pt = audit_line(EUROPEAN_PORTUGUESE, old)
    assert pt.startswith("O pedido de apoio do caso no apoio ao cliente (zd; ação 5 "), pt
    assert "filed by hand" not in pt and "no ticket" not in pt, pt


def test_a_follow_up_whose_case_never_had_a_ticket_there_says_what_to_do() -> None:
    old = entry(OUTBOX_WORKER, no_ticket(CASE, "zd", 7, None))
    assert read_no_ticket(old.detail) == NoTicket(7, "zd", None)
    retry, drop = "`mentiondesk outbox retry 7`", "`mentiondesk outbox drop 7`"
    assert audit_line(ENGLISH, old) == (
        "The outbox held the author's new message for the help desk (zd; outbox action 7): "
        f"the case has no ticket there to add it to. To send it, escalate {NUMBER} to zd, "
        f"then {retry}; or drop it with {drop}"
    )
    br = audit_line(PORTUGUESE, old)
    assert "chamado" in br and f"rode {retry}" in br and "no ticket" not in br, br
    pt = audit_line(EUROPEAN_PORTUGUESE, old)
    assert pt == (
        "A fila de envio reteve a nova mensagem da pessoa para o apoio ao cliente (zd; ação 7 "
        "da fila de envio): o caso não tem pedido de apoio lá onde a acrescentar. Para a "
        f"enviar, encaminhe {NUMBER} para zd e depois execute {retry}; ou descarte-a com {drop}"
    )


@pytest.mark.parametrize(
    "detail",
    [
        "help desk down",  # a person's --reason
        "held by cli:ops",  # a person's hold without one
        # Cut at the trail's 512 characters: the follow-up's id is lost with the tail.
        no_ticket(CASE, "zd", 7, (5, "dropped by cli:ops: " + "x" * 400)),
        # Another reason that starts alike: not ours.
        "no ticket for this follow-up of MD-000012 at zd: ask Ana",
    ],
)
def test_any_other_hold_reads_as_written(detail: str) -> None:
    line = audit_line(EUROPEAN_PORTUGUESE, entry(OUTBOX_WORKER, detail))
    assert line == f"A fila de envio reteve uma ação, sem enviar: {detail[:512]}", line
    assert read_no_ticket(detail[:512]) is None


def test_a_reply_held_for_a_reason_alike_is_not_read_as_a_follow_up() -> None:
    """A draft's line (a reply) is never a follow-up: its reason is a person's, as written."""
    detail = first_release(5, "cli:ops", 7)
    reply = AuditEntry(1, datetime.now(UTC), "cli:ops", "hold", None, CASE, 3, detail)
    assert (
        audit_line(ENGLISH, reply) == f"ops (terminal) held the reply back from sending: {detail}"
    )


@pytest.mark.postgres
def test_an_old_line_on_a_case_page_reads_in_pt_pt(pg_store: Store) -> None:
    """On PostgreSQL: the line an older `outbox drop` left on a real case's trail, read
    through the case page; and the claim's own line today, for a case never escalated."""
    case = seed(pg_store, alert_to="console")
    comment = queue_follow_up(pg_store, case.case_id)
    with pg_store.engine.connect() as conn:
        query = sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "alert")
        other = int(conn.scalar(query) or 0)
    old = first_release(other, "cli:ops", comment).replace(NUMBER, case_number(case.case_id))
    with pg_store.engine.begin() as conn:
        write(conn, "cli:ops", "hold", case_id=case.case_id, detail=old)
    pt = trail(pg_store, case.case_id, EUROPEAN_PORTUGUESE)[-1]
    assert pt.startswith("ops (pelo terminal) descartou o pedido de apoio do caso"), pt
    assert f"`mentiondesk outbox drop {comment}`" in pt and "no ticket" not in pt, pt
    assert comment not in claim_due(pg_store)  # no ticket at zd ever: the claim holds it
    (*_, why) = holds(pg_store)[-1]
    assert json.loads(why)["ticket"] is None, why  # as data now (test_outbox_no_ticket_hold_data)
    pt = trail(pg_store, case.case_id, EUROPEAN_PORTUGUESE)[-1]
    assert pt.startswith("A fila de envio reteve a nova mensagem da pessoa para o apoio"), pt
    assert "no ticket" not in pt and f"retry {comment}`" in pt, pt
