"""Shared steps of the reused-case-number tests (`test_hdrestore_*`): Ann's ticket filed
under a number a restore reused, Bob's new case under the same number held as a clash, and a
person's release of it (`outbox retry` marks the action `beside`). For the `setup` fixture,
import `zendesk_outbox` with `zendesk_desk` (whose `zendesk` it asks for) and ask for `setup`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.casework import escalate_case
from mentiondesk.config import OutboxSection
from mentiondesk.models import BESIDE, FatalError, OutboxAction, Responder
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.helpers import write_config, write_mentions
from tests.responders._data import Seeded, action, follow_up, seed
from tests.test_restore_numbers_helpdesks import by_bob

Setup = tuple[zd.ZendeskFake, OutboxWorker, Path]


def old_ticket(fake: zd.ZendeskFake) -> None:
    """The old database's MD-000001 on the fake Zendesk: another customer's (Bob's)."""
    fake.tickets[1] = {
        "id": 1,
        "external_id": "MD-000001",
        "subject": "[MD-000001] Delivery — @bob_b on X",
        "tags": ["mentiondesk", "x", "mdauthor-0123456789ab"],
        "status": "open",
        "priority": "normal",
    }
    fake.comments[1] = [zd._comment(1, {"body": "Bob's words", "public": False})]


def zendesk_config(
    fake_api: FakeAPI, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A config on `db_url` naming the fake Zendesk as responder "zd", for the CLI."""
    monkeypatch.setenv("ZENDESK_TOKEN", zd.TOKEN)
    table = f'kind = "zendesk"\nname = "zd"\nbase_url = "{fake_api.base_url}"\nemail = "{zd.EMAIL}"'
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = f"\n[[responders]]\n{table}\n"
    return write_config(tmp_path, db_url=db_url, samples=samples, extra=extra)


@pytest.fixture(name="setup")
def zendesk_outbox(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
    fake_api: FakeAPI,
    pg_store: Store,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Setup:
    """The fake Zendesk (no ticket on it yet), an outbox worker sending to it as "zd", and a
    config naming it for the CLI."""
    responder, fake = zendesk
    config = zendesk_config(fake_api, pg_url, tmp_path, monkeypatch)
    return fake, OutboxWorker(pg_store, {"zd": responder}, OutboxSection()), config


def released(a: OutboxAction) -> OutboxAction:
    """The action as `outbox retry` releases it from a reused number's hold."""
    return replace(a, extra={**a.extra, BESIDE: True})


def recorded(a: OutboxAction, ref: str | None) -> OutboxAction:
    """The action once its case has ticket `ref` recorded."""
    return replace(a, context=replace(a.context, ticket_ref=ref))


async def anns_ticket(responder: Responder, target: str) -> OutboxAction:
    """Ann's ticket action for `target`, delivered once: ticket 1 on a fresh fake."""
    ann = action(kind="ticket", target=target)
    await responder.deliver(ann)
    return ann


async def held_for_bob(responder: Responder, target: str) -> OutboxAction:
    """Ann's ticket filed on `target`, then Bob's under the same number refused as another
    customer's: his ticket action, not yet released."""
    bob = by_bob(await anns_ticket(responder, target))
    with pytest.raises(FatalError):
        await responder.deliver(bob)
    return bob


async def filed_beside(responder: Responder, bob: OutboxAction) -> None:
    """Bob's released ticket filed beside Ann's as ticket 2; a retry of it files no third."""
    assert (await responder.deliver(released(bob))).ref == "2"
    assert (await responder.deliver(released(bob))).ref == "2"


def escalated(store: Store) -> Seeded:
    """A case escalated to "zd": its ticket action queued, not yet sent."""
    case = seed(store, alert_to="console")
    escalate_case(store, case.case_id, by="cli:ops", target="zd")
    return case


async def held_clash(store: Store, worker: OutboxWorker) -> int:
    """A case escalated to "zd" and its ticket sent once by the outbox worker (held, as its
    number finds another customer's ticket): the case's id."""
    case = escalated(store)
    await worker.drain()
    return case.case_id


def ticket_row(store: Store) -> tuple[str, str | None]:
    """The ticket action's outbox status and last error."""
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(OUTBOX.c.status, OUTBOX.c.last_error).where(OUTBOX.c.kind == "ticket")
        ).one()
    return str(row.status), row.last_error


def queue_follow_up(store: Store, case: Seeded) -> int:
    """The author's follow-up on `case`: a comment for its ticket at "zd", queued; its id."""
    a = replace(follow_up("zd"), key=f"comment:zd:case:{case.number}:x:m2")
    a = replace(a, context=replace(a.context, case_number=case.number))
    with store.engine.begin() as conn:
        row = outbox_row(a, case.case_id, datetime.now(UTC))
        return int(conn.execute(sa.insert(OUTBOX).values(row).returning(OUTBOX.c.id)).scalar_one())


def escalated_with_follow_up(store: Store) -> tuple[Seeded, int]:
    """A case escalated to "zd" and its author's follow-up queued for that ticket: the case
    and the follow-up's outbox id."""
    case = escalated(store)
    return case, queue_follow_up(store, case)


def action_row(store: Store, outbox_id: int) -> tuple[str, str]:
    """An action's outbox status and last error ("" for none)."""
    with store.engine.connect() as conn:
        query = sa.select(OUTBOX.c.status, OUTBOX.c.last_error).where(OUTBOX.c.id == outbox_id)
        row = conn.execute(query).one()
    return str(row.status), str(row.last_error or "")


def live_ticket(store: Store) -> int:
    """The id of the one ticket action not dropped."""
    with store.engine.connect() as conn:
        query = sa.select(OUTBOX.c.id).where(
            OUTBOX.c.kind == "ticket", OUTBOX.c.status != "dropped"
        )
        return int(conn.execute(query).scalar_one())
