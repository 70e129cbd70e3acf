"""After Zendesk "zd" gave way to Freshdesk "fd": a follow-up an earlier release left at "zd"
(its `outbox retry TICKET --to fd` moved the ticket alone) is held for want of a ticket there.
Its hint said "escalate MD-000001 to zd again", a desk no longer configured (and a second
ticket); it names `outbox retry ID --to fd` now, in the row's error, `outbox list --held`,
`outbox retry ID` and the case trail (en, pt-BR, pt-PT). And a follow-up a person held that
moves with its ticket, still held, has its own line on the trail (before: none). On
PostgreSQL, with the CLI, the outbox worker and the real Freshdesk responder on the fake."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_admin
from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.fakes.helpdesks import freshdesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import escalated, live_ticket
from tests.helpers import run_cli
from tests.test_outbox_claim_hold_audit import queue_follow_up, trail
from tests.test_outbox_retry_to_follow_ups import LATER, Desk, held_at_zd, rows, said
from tests.test_outbox_retry_to_follow_ups import config as config  # the fixture

pytestmark = pytest.mark.postgres
FIX = "`mentiondesk outbox retry {} --to fd`"


@pytest.fixture
def worker(freshdesk: Desk, pg_store: Store) -> OutboxWorker:
    return OutboxWorker(pg_store, {"fd": freshdesk[0]}, OutboxSection())


async def left_at_zd(store: Store, worker: OutboxWorker) -> tuple[int, int, int]:
    """A case escalated to "zd" (gone: its ticket held), the author's follow-up queued for
    it, and the ticket sent to "fd" alone, as the release before follow-ups went along did;
    then the worker's pass: (case id, ticket, follow-up)."""
    case = escalated(store)
    await worker.deliver_due(due_by=LATER)
    ticket = live_ticket(store)
    comment = queue_follow_up(store, case.case_id)
    with store.engine.begin() as conn:
        outbox_admin.move(conn, ticket, "fd", gone=True)
    for _ in range(2):
        await worker.deliver_due(due_by=LATER)
    assert rows(store)[ticket][:2] == ("done", "fd")
    assert rows(store)[comment][:2] == ("held", "zd")
    return case.case_id, ticket, comment


def error(store: Store, outbox_id: int) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(OUTBOX.c.last_error).where(OUTBOX.c.id == outbox_id)))


async def test_the_held_follow_up_names_the_desk_its_ticket_went_to(
    freshdesk: Desk,
    worker: OutboxWorker,
    pg_store: Store,
    config: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, "mentiondesk.outbox")
    _, _, comment = await left_at_zd(pg_store, worker)
    fix = FIX.format(comment)
    assert f"`outbox retry {comment} --to fd` sends it there" in caplog.text  # the worker's log
    why = error(pg_store, comment)
    # Before: "… the case has none queued or filed there; … escalate MD-000001 to zd again".
    assert why.startswith("no ticket for this follow-up of MD-000001 at zd: ") and fix in why
    assert "escalate" not in why, why
    code, listed = run_cli(config, "outbox", "list", "--held")
    assert code == 0 and fix in said(listed), listed
    code, output = run_cli(config, "outbox", "retry", str(comment))
    assert code == 1 and fix in said(output), output
    # What it says works: the author's words reach the ticket at Freshdesk.
    assert run_cli(config, "outbox", "retry", str(comment), "--to", "fd")[0] == 0
    for _ in range(2):
        await worker.deliver_due(due_by=LATER)
    assert rows(pg_store)[comment][:2] == ("done", "fd")
    assert len(freshdesk[1].conversations[1]) == 1


@pytest.mark.parametrize(
    ("loc", "words"),
    [
        (ENGLISH, "the case's ticket is at fd now, sent there without it"),
        (PORTUGUESE, "o chamado do caso agora está em fd, enviado para lá sem ela"),
        (EUROPEAN_PORTUGUESE, "o pedido de apoio do caso está agora em fd"),
    ],
)
async def test_the_trail_names_the_command_in_the_readers_language(
    worker: OutboxWorker, pg_store: Store, loc: object, words: str
) -> None:
    case_id, _, comment = await left_at_zd(pg_store, worker)
    lines = trail(pg_store, case_id, loc)  # type: ignore[arg-type]
    held = [line for line in lines if FIX.format(comment) in line]
    assert len(held) == 1 and words in held[0], lines
    # Before: "… To send it, escalate MD-000001 to zd, then `mentiondesk outbox retry 3`".
    assert not any("MD-000001 to zd" in line or "MD-000001 para zd" in line for line in lines)


@pytest.mark.parametrize(
    ("loc", "words"),
    [
        (
            ENGLISH,
            "sent the case's ticket to the help desk (fd; outbox action {t}) with the "
            "author's new message for it (outbox action {f}), which stays held",
        ),
        (PORTUGUESE, "enviou o chamado do caso para o help desk (fd; ação {t} da fila de envio)"),
        (EUROPEAN_PORTUGUESE, "enviou o pedido de apoio do caso para o apoio ao cliente (fd;"),
    ],
)
async def test_a_follow_up_a_person_held_has_its_line_as_it_moves(
    worker: OutboxWorker, pg_store: Store, config: Path, loc: object, words: str
) -> None:
    ticket, _, second = await held_at_zd(pg_store, worker)
    with pg_store.engine.begin() as conn:
        hold = sa.update(OUTBOX).where(OUTBOX.c.id == second)
        conn.execute(hold.values(last_error="held by cli:ana: waiting for legal"))
        case_id = int(conn.scalar(sa.select(OUTBOX.c.case_id).where(OUTBOX.c.id == ticket)) or 0)
    assert run_cli(config, "outbox", "retry", str(ticket), "--to", "fd")[0] == 0
    lines = trail(pg_store, case_id, loc)  # type: ignore[arg-type]
    mine = [line for line in lines if f"outbox retry {second}`" in line]
    assert len(mine) == 1, lines  # before: none, only the ticket's and the first one's lines
    assert words.format(t=ticket, f=second) in mine[0], mine
    assert lines.index(mine[0]) == len(lines) - 1  # after the ticket's own line
    assert "{" not in mine[0]  # worded, not the line's data
