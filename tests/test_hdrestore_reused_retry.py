"""A case whose ticket was held because its number, reused after a restore, found another
customer's ticket stayed held for good: `cases number-from N` moves only new cases on, and
`outbox retry` sent the same action into the same clash, held again. Now the hold names the
command, and a person's retry files this case's own ticket beside the other one (under the
same number, tagged as its author's), and its follow-ups go on it. End to end on PostgreSQL:
the outbox worker, the CLI and the real Zendesk responder against the fake."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX
from responders import _helpdesk as desk
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.hdrestore_helpers import held_clash, old_ticket, ticket_row, zendesk_config
from tests.helpers import run_cli

pytestmark = pytest.mark.postgres
RETRY = "mentiondesk outbox retry --reused-numbers"
Setup = tuple[zd.ZendeskFake, OutboxWorker, Path]


@pytest.fixture
def setup(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
    fake_api: FakeAPI,
    pg_store: Store,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Setup:
    """The fake Zendesk holding the old MD-000001, an outbox worker sending to it, and a
    config naming it as responder "zd" for the CLI."""
    responder, fake = zendesk
    old_ticket(fake)
    fake.by_key["ticket:zd:case:MD-000001"] = 1  # Zendesk would replay it for 2 hours
    config = zendesk_config(fake_api, pg_url, tmp_path, monkeypatch)
    return fake, OutboxWorker(pg_store, {"zd": responder}, OutboxSection()), config


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
