"""The Porto brand's case escalated to both its desks (Request Tracker "rt-pt" for Portugal,
Zendesk "zendesk-br" for Brazil), its author's follow-up queued for the gone desk "zd": the
outbox's claim holds it. The row's hint named both desks, yet the hold's record on the case's
trail kept one ("elsewhere": "rt-pt"), so the case page, in English, pt-BR and pt-PT, and the
worker's log line said "the case's ticket is at rt-pt now … --to rt-pt", as if Brazil's
ticket did not exist. The record keeps every desk now, and each says them all; one desk reads
as before, and a record kept before still renders. On PostgreSQL, with the outbox's own claim
and the case page's reading of the trail."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from mentiondesk.audit_trail import OUTBOX_WORKER, AuditEntry
from mentiondesk.case_tickets import no_ticket
from mentiondesk.outbox_old_holds import read_no_ticket
from mentiondesk.outbox_ticket_wait import NoTicket
from mentiondesk.store import Store
from mentiondesk.tables import case_number
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests import test_audit_lines_variants as variants
from tests.ops_porto_held_desks_setup import follow_up_at_zd
from tests.test_outbox_claim_hold_audit import claim_due, holds, row, trail

BOTH = ("rt-pt", "zendesk-br")  # as every hint names them: by name


def _worker_said(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mentiondesk.outbox"]


def _held_line(case_id: int) -> AuditEntry:
    """A "hold" line of the outbox's, as an older release stored it: one desk elsewhere."""
    detail = '{"follow_up":7,"target":"zd","ticket":null,"elsewhere":"fd"}'
    return AuditEntry(1, datetime.now(UTC), OUTBOX_WORKER, "hold", None, case_id, None, detail)


@pytest.mark.postgres
def test_the_hold_keeps_and_says_every_desk(
    pg_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    case_id, comment = follow_up_at_zd(pg_store)
    with caplog.at_level(logging.INFO):
        assert comment not in claim_due(pg_store)
    assert row(pg_store, comment)[0] == "held"
    (actor, case, _, detail) = holds(pg_store)[-1]
    # Before: "elsewhere": "rt-pt", Brazil's desk left out of the record.
    assert (actor, case) == (OUTBOX_WORKER, case_id)
    assert json.loads(detail)["elsewhere"] == list(BOTH), detail
    sends = [f"`mentiondesk outbox retry {comment} --to {d}`" for d in BOTH]
    english = trail(pg_store, case_id, ENGLISH)[-1]
    assert english == (
        f"The outbox held the author's new message for the help desk (zd; outbox action "
        f"{comment}): the case's tickets are at rt-pt and zendesk-br now, each sent there "
        f"without it. To send it to the ticket it belongs on, {sends[0]} or {sends[1]}; or "
        f"drop it with `mentiondesk outbox drop {comment}`"
    )
    brazil = trail(pg_store, case_id, PORTUGUESE)[-1]
    assert "os chamados do caso agora estão em rt-pt e zendesk-br" in brazil, brazil
    assert f"rode {sends[0]} ou {sends[1]};" in brazil, brazil
    portugal = trail(pg_store, case_id, EUROPEAN_PORTUGUESE)[-1]
    assert "os pedidos de apoio do caso estão agora em rt-pt e zendesk-br" in portugal, portugal
    assert f"execute {sends[0]} ou {sends[1]};" in portugal, portugal
    assert "chamado" not in portugal and "tickets" not in portugal + brazil
    # The worker's log: both desks, each with its command; ids only, never the words.
    (said,) = [m for m in _worker_said(caplog) if f"outbox action {comment} " in m]
    assert f"of {case_number(case_id)} held: its case's tickets are at rt-pt and zendesk-br" in said
    assert f"`outbox retry {comment} --to rt-pt` or `outbox retry {comment} --to zendesk-br`" in (
        said
    ), said
    assert "BODY-7Q" not in said


@pytest.mark.postgres
def test_one_desk_reads_as_before(pg_store: Store, caplog: pytest.LogCaptureFixture) -> None:
    case_id, comment = follow_up_at_zd(pg_store, ["rt-pt"])
    with caplog.at_level(logging.INFO):
        assert comment not in claim_due(pg_store)
    detail = holds(pg_store)[-1][3]
    assert detail == f'{{"follow_up":{comment},"target":"zd","ticket":null,"elsewhere":"rt-pt"}}'
    assert trail(pg_store, case_id, ENGLISH)[-1] == (
        f"The outbox held the author's new message for the help desk (zd; outbox action "
        f"{comment}): the case's ticket is at rt-pt now, sent there without it. To send it "
        f"there too, `mentiondesk outbox retry {comment} --to rt-pt`; or drop it with "
        f"`mentiondesk outbox drop {comment}`"
    )
    (said,) = [m for m in _worker_said(caplog) if f"outbox action {comment} " in m]
    assert said == (
        f"outbox action {comment} (comment, via zd) of {case_number(case_id)} held: its case's "
        f"ticket is at rt-pt now, sent there without it; `outbox retry {comment} --to rt-pt` "
        f"sends it there, or `outbox drop {comment}`"
    )


def test_a_record_kept_before_still_renders() -> None:
    old = _held_line(12)
    assert read_no_ticket(old.detail) == NoTicket(7, "zd", None, "fd")
    assert NoTicket(7, "zd", None, ("fd",)) == NoTicket(7, "zd", None, "fd")  # one: a name
    assert NoTicket(7, "zd", None, ("fd",)).detail() == old.detail  # written as before
    assert audit_line(ENGLISH, old) == (
        "The outbox held the author's new message for the help desk (zd; outbox action 7): "
        "the case's ticket is at fd now, sent there without it. To send it there too, "
        "`mentiondesk outbox retry 7 --to fd`; or drop it with `mentiondesk outbox drop 7`"
    )
    assert "o chamado do caso agora está em fd" in audit_line(PORTUGUESE, old)
    assert "o pedido de apoio do caso está agora em fd" in audit_line(EUROPEAN_PORTUGUESE, old)


def test_three_desks_read_as_a_list() -> None:
    held = NoTicket(7, "zd", None, ("fd", "rt-pt", "zendesk-br"))
    assert read_no_ticket(held.detail()) == held
    entry = AuditEntry(1, datetime.now(UTC), OUTBOX_WORKER, "hold", None, 12, None, held.detail())
    english = audit_line(ENGLISH, entry)
    assert "the case's tickets are at fd, rt-pt and zendesk-br now" in english, english
    assert "--to rt-pt`, `mentiondesk outbox retry 7 --to zendesk-br`" not in english
    assert "--to fd`, `mentiondesk outbox retry 7 --to rt-pt` or `mentiondesk" in english
    assert "em fd, rt-pt e zendesk-br" in audit_line(PORTUGUESE, entry)


@pytest.mark.parametrize(
    "elsewhere", ["[]", "[1]", '["fd", 2]', '{"fd": 1}', "7", "true"], ids=lambda e: e
)
def test_desks_in_any_other_shape_read_as_written(elsewhere: str) -> None:
    detail = f'{{"follow_up":7,"target":"zd","ticket":null,"elsewhere":{elsewhere}}}'
    assert read_no_ticket(detail) is None
    entry = AuditEntry(1, datetime.now(UTC), OUTBOX_WORKER, "hold", None, 12, None, detail)
    assert audit_line(ENGLISH, entry).endswith(detail)


def test_the_cli_hint_reads_right_in_english() -> None:
    """`outbox list --held` and `outbox retry ID`'s words (the row's reason) for two desks:
    before, "… sent there without it; send it to the one it belongs at with `A` or `B`; or
    `C`", the choice unsaid ("the one": a desk? a ticket?) and `C` read as a third way to
    send it; one desk reads as before."""
    two = no_ticket(1, "zd", 7, None, elsewhere=list(BOTH))
    assert two == (
        "no ticket for this follow-up of MD-000001 at zd: the case's tickets are at rt-pt and "
        "zendesk-br now, each sent there without it; send it to the desk whose ticket it "
        "belongs on with `mentiondesk outbox retry 7 --to rt-pt` or `mentiondesk outbox retry "
        "7 --to zendesk-br`; or drop it with `mentiondesk outbox drop 7`"
    )
    three = no_ticket(1, "zd", 7, None, elsewhere=["fd", *BOTH])
    assert "`mentiondesk outbox retry 7 --to fd`, `mentiondesk outbox retry 7 --to rt-pt` or " in (
        three
    ), three
    one = no_ticket(1, "zd", 7, None, elsewhere=["fd"])
    assert one == no_ticket(1, "zd", 7, None, elsewhere="fd")  # as before
    assert "the case's ticket is at fd now, sent there without it; send it there too" in one


def test_each_variant_says_it_in_its_own_words() -> None:
    """As every audit line (tests/test_audit_lines_variants): no English in the pt lines (the
    commands aside), no Portugal's words in Recife's, no Brazil's in Lisbon's."""
    held = NoTicket(7, "zd", None, BOTH).detail()
    entry = AuditEntry(1, datetime.now(UTC), OUTBOX_WORKER, "hold", None, 12, None, held)
    brazil = variants._words(audit_line(PORTUGUESE, entry))
    portugal = variants._words(audit_line(EUROPEAN_PORTUGUESE, entry))
    assert "chamados" in brazil and "pedidos de apoio" in portugal, (brazil, portugal)
    assert not variants._ENGLISH.search(brazil + portugal), (brazil, portugal)
    assert not variants._PORTUGAL.search(brazil), brazil
    assert not variants._BRAZIL.search(portugal), portugal
