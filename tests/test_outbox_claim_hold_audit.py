"""A follow-up the outbox's claim holds (its case has no ticket at its desk: the ticket was
dropped) is on its case's audit trail, saying why the reply waits and what a person can do:
before, the claim held it with no line at all, and the trail did not say why nothing went;
then its line gave the English reason even in the pt desks: now it is worded from its ids,
as a drop's hold is (outbox_ticket_wait.STRANDED), in the reader's language.
One line a hold, never one a poll; the worker's log names ids, never the follow-up's words.
On PostgreSQL, with the outbox's own claim and the case page's reading of the trail."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_admin, outbox_hold
from mentiondesk.audit_trail import OUTBOX_WORKER
from mentiondesk.casework import escalate_case
from mentiondesk.config import OutboxSection
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.outbox_ticket_wait import STRANDED
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, OUTBOX, case_number
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.data_case import load_detail
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, Locale
from tests.responders._data import follow_up, seed
from tests.sql_pause import Pauses, in_thread, joined

pytestmark = pytest.mark.postgres
LATER = datetime.now(UTC) + timedelta(days=1)  # past any backoff: due_by for a claim
BODY = "BODY-7Q my order never came <b>&</b> nobody answers"  # the author's words


def stranded_case(store: Store) -> tuple[int, int]:
    """A case escalated to "zd" whose ticket a person then dropped: (case id, ticket id)."""
    case = seed(store, alert_to="console")
    escalate_case(store, case.case_id, by="cli:ops", target="zd")
    with store.engine.connect() as conn:
        ticket = int(conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "ticket")) or 0)
    assert outbox_hold.drop(store, [ticket], reason=None, actor="cli:ops").changed == [ticket]
    return case.case_id, ticket


def queue_follow_up(store: Store, case_id: int, n: int = 2) -> int:
    """The author writing again on the case: a comment for its ticket at "zd", queued after
    the drop (as `outbox retry` without escalating again leaves one); its id."""
    number = case_number(case_id)
    a = replace(follow_up("zd", BODY, f"m{n}"), key=f"comment:zd:case:{number}:x:m{n}")
    a = replace(a, context=replace(a.context, case_number=number))
    with store.engine.begin() as conn:
        row = outbox_row(a, case_id, datetime.now(UTC))
        return int(conn.execute(sa.insert(OUTBOX).values(row).returning(OUTBOX.c.id)).scalar_one())


def holds(store: Store) -> list[tuple[str, int | None, int | None, str]]:
    """The trail's lines of follow-ups held for want of a ticket (STRANDED: the claim's, and
    the drop's), and any "hold": actor, case, draft, detail."""
    query = sa.select(AUDIT.c.actor, AUDIT.c.case_id, AUDIT.c.draft_id, AUDIT.c.detail)
    query = query.where(AUDIT.c.action.in_(("hold", STRANDED))).order_by(AUDIT.c.id)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def row(store: Store, outbox_id: int) -> tuple[str, str]:
    query = sa.select(OUTBOX.c.status, OUTBOX.c.last_error).where(OUTBOX.c.id == outbox_id)
    with store.engine.connect() as conn:
        status, error = conn.execute(query).one()
    return str(status), str(error or "")


def trail(store: Store, case_id: int, loc: Locale) -> list[str]:
    """The case page's audit trail, as its reader reads it."""
    with store.engine.connect() as conn:
        mention = conn.scalar(sa.select(CASE.c.mention_id).where(CASE.c.id == case_id))
    detail = load_detail(store, int(mention or 0))
    assert detail is not None
    return [audit_line(loc, a) for a in detail.audit]


def claim_due(store: Store, batch_size: int = 10) -> list[int]:
    got = claim(store, OutboxSection(batch_size=batch_size), datetime.now(UTC), None, LATER, None)
    return [c.id for c in got]


def test_a_follow_up_held_at_its_claim_is_on_its_case_trail_saying_why(
    pg_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    case_id, ticket = stranded_case(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    with caplog.at_level(logging.INFO):
        assert comment not in claim_due(pg_store)
    status, why = row(pg_store, comment)
    assert status == "held" and f"(action {ticket}) was dropped by cli:ops" in why, why
    # Before: no line; the case page said nothing of why the follow-up never went. The line
    # keeps the ids as data (as a drop's hold does), worded for its reader.
    data = {"follow_up": comment, "ticket": ticket, "target": "zd", "state": "dropped"}
    ((actor, case, draft, detail),) = [h for h in holds(pg_store) if h[0] == OUTBOX_WORKER]
    assert (actor, case, draft, json.loads(detail)) == (OUTBOX_WORKER, case_id, None, data)
    number = case_number(case_id)
    said = f"escalate {number} to zd again (its desk page), then `mentiondesk outbox retry"
    assert f"{said} {comment}`" in why and f"`mentiondesk outbox drop {comment}`" in why
    retry, drop = f"`mentiondesk outbox retry {comment}`", f"`mentiondesk outbox drop {comment}`"
    assert trail(pg_store, case_id, ENGLISH)[-1] == (
        f"The case's ticket for the help desk (zd; outbox action {ticket}) was dropped, so the "
        f"outbox held the author's new message for it (outbox action {comment}): to send it, "
        f"escalate {number} to zd again, then {retry}; or drop it with {drop}"
    )
    # Before: "A fila de envio reteve uma ação, sem enviar: no ticket for this follow-up …",
    # the reason in English.
    assert trail(pg_store, case_id, PORTUGUESE)[-1] == (
        f"O chamado do caso no help desk (zd; ação {ticket} da fila de envio) foi descartado, "
        "e a fila de envio reteve a nova mensagem da pessoa para ele (ação "
        f"{comment} da fila de envio): para enviá-la, encaminhe {number} de novo para zd e "
        f"depois rode {retry}; ou descarte-a com {drop}"
    )
    pt = trail(pg_store, case_id, EUROPEAN_PORTUGUESE)[-1]
    assert pt.startswith("O pedido de apoio do caso no apoio ao cliente (zd; ação "), pt
    assert "chamado" not in pt and "no ticket" not in pt and f"execute {retry}" in pt, pt
    # The worker's log says which action and case, never the author's words.
    logged = [r.getMessage() for r in caplog.records if r.name == "mentiondesk.outbox"]
    assert any(f"outbox action {comment} " in m and number in m for m in logged), logged
    assert not any("BODY-7Q" in m for m in logged), logged
    assert all("BODY-7Q" not in d for *_, d in holds(pg_store))


def test_one_line_a_hold_not_one_a_poll(pg_store: Store) -> None:
    """Held, the follow-up is claimed no more: the worker's next polls add nothing. Released
    by a person without escalating again, its next claim holds it again: a second hold, a
    second line."""
    case_id, _ = stranded_case(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    claim_due(pg_store)
    for _ in range(3):  # the worker's next polls
        assert claim_due(pg_store) == []
    assert len(worker_holds(pg_store)) == 1
    assert outbox_admin.retry(pg_store, comment)
    assert claim_due(pg_store) == []
    assert row(pg_store, comment)[0] == "held"
    assert [(actor, case) for actor, case, *_ in worker_holds(pg_store)] == [
        (OUTBOX_WORKER, case_id),
        (OUTBOX_WORKER, case_id),
    ]
    assert claim_due(pg_store) == [] and len(worker_holds(pg_store)) == 2


def test_two_workers_claiming_at_once_hold_it_with_one_line(pg_store: Store) -> None:
    """One worker has leased the follow-up when a second polls: the second skips it, and the
    first holds it; one line."""
    case_id, _ = stranded_case(pg_store)
    comment = queue_follow_up(pg_store, case_id)
    with Pauses() as pauses:
        first = pauses.after(
            pg_store.engine, "UPDATE outbox SET attempts=(outbox.attempts +", "the first claim"
        )
        claiming, claimed = in_thread(lambda: claim_due(pg_store))
        first.seen(claiming, claimed)
        assert comment not in claim_due(pg_store)  # the second: the row is the first's
        first.go()
        joined(claiming, "the first claim")
    assert claimed and comment not in claimed[0]  # type: ignore[operator]
    assert row(pg_store, comment)[0] == "held"
    assert [(actor, case) for actor, case, *_ in worker_holds(pg_store)] == [
        (OUTBOX_WORKER, case_id)
    ]


def test_the_drop_and_the_claim_hold_a_follow_up_for_the_same_reason(pg_store: Store) -> None:
    """One rule (case_tickets.stranded) for both: a follow-up waiting when the ticket is
    dropped is held by the drop, one queued after it by the claim, each saying the same."""
    case = seed(pg_store, alert_to="console")
    escalate_case(pg_store, case.case_id, by="cli:ops", target="zd")
    early = queue_follow_up(pg_store, case.case_id, 2)
    with pg_store.engine.connect() as conn:
        ticket = int(conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "ticket")) or 0)
    done = outbox_hold.drop(pg_store, [ticket], reason="filed by hand", actor="cli:ops")
    assert done.stranded == [early]
    late = queue_follow_up(pg_store, case.case_id, 3)
    assert late not in claim_due(pg_store)
    (_, by_drop), (_, by_claim) = row(pg_store, early), row(pg_store, late)
    assert by_drop.replace(str(early), "ID") == by_claim.replace(str(late), "ID")
    assert "was dropped by cli:ops: filed by hand;" in by_claim, by_claim
    # Both lines say the ticket was dropped (outbox_ticket_wait.STRANDED), not that its
    # dropper held the follow-up: the drop's under its dropper, the claim's under the outbox.
    lines = [(a, json.loads(d)["follow_up"]) for a, _, _, d in holds(pg_store)]
    assert lines == [("cli:ops", early), (OUTBOX_WORKER, late)]


def test_a_follow_up_with_no_dropped_ticket_to_name_keeps_its_ids(pg_store: Store) -> None:
    """A case with no ticket at the follow-up's desk ever (none dropped either): the line is
    the outbox's "hold", its ids as data (NoTicket), worded from them (outbox_old_holds)."""
    case = seed(pg_store, alert_to="console")
    comment = queue_follow_up(pg_store, case.case_id)
    assert comment not in claim_due(pg_store)
    status, why = row(pg_store, comment)
    assert status == "held" and "the case has none queued or filed there" in why, why
    data = json.dumps({"follow_up": comment, "target": "zd", "ticket": None})
    assert holds(pg_store) == [(OUTBOX_WORKER, case.case_id, None, data.replace(" ", ""))]
    assert trail(pg_store, case.case_id, ENGLISH)[-1].startswith(
        f"The outbox held the author's new message for the help desk (zd; outbox action {comment})"
    )


def worker_holds(store: Store) -> list[tuple[str, int | None, int | None, str]]:
    """The lines of the follow-ups the outbox held at its claim."""
    return [h for h in holds(store) if h[0] == OUTBOX_WORKER]
