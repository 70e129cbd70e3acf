"""A case whose ticket was held because its number, reused after a restore, found another
customer's ticket stayed held for good: `cases number-from N` moves only new cases on, and
`outbox retry` sent the same action into the same clash, held again. Now the hold names the
command, and a person's retry files this case's own ticket beside the other one (under the
same number, tagged as its author's), and its follow-ups go on it. End to end on PostgreSQL:
the outbox worker, the CLI and the real Zendesk responder against the fake."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX
from responders import _helpdesk as desk
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.hdrestore_helpers import (
    Setup,
    held_clash,
    old_ticket,
    ticket_row,
    zendesk_outbox,  # noqa: F401 (the `setup` fixture)
)
from tests.helpers import run_cli

pytestmark = pytest.mark.postgres
RETRY = "mentiondesk outbox retry --reused-numbers"


@pytest.fixture(autouse=True)
def _old_ticket(setup: Setup) -> None:
    """The fake Zendesk holding the old MD-000001, and replaying its key."""
    fake, _, _ = setup
    old_ticket(fake)
    fake.by_key["ticket:zd:case:MD-000001"] = 1  # Zendesk would replay it for 2 hours


async def test_a_held_clash_is_filed_beside_once_a_person_retries_it(
    setup: Setup, pg_store: Store
) -> None:
    fake, worker, config = setup
    case_id = await held_clash(pg_store, worker)
    status, why = ticket_row(pg_store)
    assert status == "held" and RETRY in str(why) and "number-from" in str(why)
    assert run_cli(config, "cases", "number-from", "500")[0] == 0
    code, said = run_cli(config, "outbox", "retry", "--reused-numbers")
    assert code == 0, said
    await worker.drain()
    assert ticket_row(pg_store)[0] == "done"  # before: held again, for good
    ours = fake.tickets[2]
    assert ours["external_id"] == "MD-000001" and ours["tags"][-1].startswith(desk.OWNER)
    assert ours["tags"][-1] != "mdauthor-0123456789ab" and len(fake.comments[1]) == 1
    with pg_store.engine.connect() as conn:
        assert conn.scalar(sa.select(CASE.c.ticket_ref).where(CASE.c.id == case_id)) == "2"


async def test_retry_of_one_held_clash_by_its_id_files_it_too(
    setup: Setup, pg_store: Store
) -> None:
    fake, worker, config = setup
    await held_clash(pg_store, worker)
    with pg_store.engine.connect() as conn:
        held = conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "ticket"))
    assert run_cli(config, "outbox", "retry", str(held))[0] == 0
    await worker.drain()
    assert ticket_row(pg_store)[0] == "done" and sorted(fake.tickets) == [1, 2]
    await worker.drain()  # nothing more: its one ticket, filed once
    assert len(fake.api.calls("/api/v2/tickets.json", "POST")) == 1


async def test_without_a_person_a_clash_stays_held(setup: Setup, pg_store: Store) -> None:
    """The hold is the operator's cue to move the numbering: never filed beside unasked."""
    fake, worker, config = setup
    await held_clash(pg_store, worker)
    await worker.drain()
    assert ticket_row(pg_store)[0] == "held" and sorted(fake.tickets) == [1]
    code, said = run_cli(config, "outbox", "retry", "--reused-numbers")
    assert code == 0 and "due now" in said
    code, said = run_cli(config, "outbox", "retry", "--reused-numbers")
    assert code == 0 and "no ticket is held for a reused case number" in said
    code, said = run_cli(config, "outbox", "retry", "--reused-numbers", "--all-held")
    assert code == 2 and "give --reused-numbers alone" in " ".join(said.split())
