"""`outbox retry TICKET --to NAME` after the help desk changed (Zendesk "zd" gave way to
Freshdesk "fd" in config.toml) while the case's ticket was held: the follow-ups waiting for
that ticket go with it. Before, only the ticket moved: its follow-ups stayed aimed at "zd",
where no ticket would ever be filed, and the outbox held each as "no ticket for this
follow-up"; the help desk never got the author's new words. On PostgreSQL, with the CLI and
the real Freshdesk responder on the fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar, Literal

import pytest
import sqlalchemy as sa

from mentiondesk import registry
from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, PluginContext, Receipt, ResponderConfig
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web.i18n import ENGLISH
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import freshdesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import escalated, live_ticket
from tests.helpers import run_cli, write_config, write_mentions
from tests.test_outbox_claim_hold_audit import queue_follow_up, trail

pytestmark = pytest.mark.postgres
LATER = datetime.now(UTC) + timedelta(days=1)  # past any backoff: due_by for a pass
Desk = tuple[FreshdeskResponder, fd.FreshdeskFake]
Row = tuple[str, str, str]


class TicketOnlyConfig(ResponderConfig):
    kind: Literal["ticket-only"] = "ticket-only"


class TicketOnlyResponder:
    """A third party's help desk that files tickets and takes no comments on them."""

    Config = TicketOnlyConfig
    takes: ClassVar[frozenset[str]] = frozenset({"ticket"})

    @classmethod
    def from_config(cls, config: TicketOnlyConfig, context: PluginContext) -> TicketOnlyResponder:
        return cls()

    async def deliver(self, action: OutboxAction) -> Receipt:
        return Receipt(ref="1")


@pytest.fixture
def ticket_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The plugin above registered as kind "ticket-only", as its entry point would."""
    here = f"{__name__}:TicketOnlyResponder"
    monkeypatch.setitem(registry._BUILTIN["responders"], "ticket-only", here)
    registry._targets.cache_clear()
    yield
    monkeypatch.undo()
    registry._targets.cache_clear()


@pytest.fixture
def config(fake_api: FakeAPI, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """config.toml after the switch: Freshdesk "fd" on the fake, "zd" gone (and a
    ticket-only desk "tk", where the test registered its kind)."""
    monkeypatch.setenv("FRESHDESK_API_KEY", fd.API_KEY)
    table = f'kind = "freshdesk"\nname = "fd"\nbase_url = "{fake_api.base_url}"'
    extra = f'\n[[responders]]\n{table}\nrequester_domain = "social.example.com"\n'
    if "ticket-only" in registry.kinds("responders"):
        extra += '\n[[responders]]\nkind = "ticket-only"\nname = "tk"\n'
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=pg_url, samples=samples, extra=extra)


async def held_at_zd(store: Store, worker: OutboxWorker, follow_ups: int = 2) -> list[int]:
    """A case escalated to "zd", its ticket held (no "zd" any more), and the author's
    follow-ups since, held too after waiting for it: [ticket, follow-up…]."""
    case = escalated(store)
    await worker.deliver_due(due_by=LATER)
    ticket = live_ticket(store)
    comments = [queue_follow_up(store, case.case_id, n) for n in range(2, 2 + follow_ups)]
    await worker.deliver_due(due_by=LATER)
    assert {rows(store)[i][0] for i in (ticket, *comments)} == {"held"}
    return [ticket, *comments]


def rows(store: Store) -> dict[int, Row]:
    """Each action's status, desk and key."""
    query = sa.select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.target, OUTBOX.c.key)
    with store.engine.connect() as conn:
        return {int(i): (str(s), str(t), str(k)) for i, s, t, k in conn.execute(query)}


def said(output: str) -> str:
    return " ".join(output.split())  # as one line, however the terminal wrapped it


@pytest.fixture
def worker(freshdesk: Desk, pg_store: Store) -> OutboxWorker:
    return OutboxWorker(pg_store, {"fd": freshdesk[0]}, OutboxSection())


async def test_the_follow_ups_go_with_their_ticket_to_the_new_desk(
    freshdesk: Desk, worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first, second = await held_at_zd(pg_store, worker)
    code, output = run_cli(config, "outbox", "retry", str(ticket), "--to", "fd")
    assert code == 0, output
    assert f"(key ticket:fd:case:MD-000001), and its 2 follow-ups ({first}, {second})" in said(
        output
    )
    now = rows(pg_store)
    assert now[first] == ("pending", "fd", "comment:fd:case:MD-000001:x:m2")
    assert now[second][:2] == ("pending", "fd")
    for _ in range(3):
        await worker.deliver_due(due_by=LATER)
    assert {rows(pg_store)[i][0] for i in (ticket, first, second)} == {"done"}
    assert len(freshdesk[1].conversations[1]) == 2  # the author's new words, on the ticket


async def test_the_trail_says_they_went_on_the_ticket_at_the_new_desk(
    worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first = await held_at_zd(pg_store, worker, follow_ups=1)
    assert run_cli(config, "outbox", "retry", str(ticket), "--to", "fd")[0] == 0
    for _ in range(3):
        await worker.deliver_due(due_by=LATER)
    with pg_store.engine.connect() as conn:
        case_id = conn.scalar(sa.select(OUTBOX.c.case_id).where(OUTBOX.c.id == ticket))
    lines = trail(pg_store, int(case_id or 0), ENGLISH)
    assert sum(line.endswith("this time through fd") for line in lines) == 2, lines
    # Before: "… added to the case's ticket at the help desk (zd)", a desk it never reached.
    assert lines[-1] == (
        "The author's new message was added to the case's ticket at the help desk (fd) once "
        f"the ticket was filed (outbox action {first})"
    )
    # The old desk's error was not kept as a failure at the new one: no new wait said (before,
    # "… waits for the case's ticket to be filed at the help desk (fd)" as it was moved).
    assert not any("to be filed at the help desk (fd)" in line for line in lines), lines


async def test_a_follow_up_a_person_held_moves_and_stays_held(
    worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first, second = await held_at_zd(pg_store, worker)
    with pg_store.engine.begin() as conn:
        hold = sa.update(OUTBOX).where(OUTBOX.c.id == second)
        conn.execute(hold.values(last_error="held by cli:ana: waiting for legal"))
    code, output = run_cli(config, "outbox", "retry", str(ticket), "--to", "fd")
    assert code == 0, output
    assert f"{second} stays held, as a person held it: `mentiondesk outbox retry {second}`" in (
        said(output)
    )
    now = rows(pg_store)
    assert now[first][:2] == ("pending", "fd") and now[second][:2] == ("held", "fd")


async def test_a_desk_that_takes_no_comments_is_refused_and_nothing_moves(
    ticket_only: None, worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first, second = await held_at_zd(pg_store, worker)
    before = rows(pg_store)
    code, output = run_cli(config, "outbox", "retry", str(ticket), "--to", "tk")
    assert code == 1, output
    assert (
        f"'tk' (kind ticket-only) takes ticket, not comment: the case's 2 follow-ups waiting "
        f"for this ticket ({first}, {second}) could not go with it; use one of: cases, console, fd"
    ) in said(output)
    assert rows(pg_store) == before  # the ticket too: else its follow-ups are stranded


async def test_a_follow_up_alone_is_refused_naming_its_ticket(
    worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first = await held_at_zd(pg_store, worker, follow_ups=1)
    before = rows(pg_store)
    code, output = run_cli(config, "outbox", "retry", str(first), "--to", "fd")
    # Before: moved, exit 0, only to be held again at its claim (no ticket at fd).
    assert code == 1, output
    assert f"action {first} is a follow-up of MD-000001, which has no ticket at fd" in said(output)
    assert f"(`mentiondesk outbox retry {ticket} --to fd`)" in said(output)
    assert rows(pg_store) == before


async def test_a_follow_up_asked_with_its_ticket_goes_with_it(
    worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first = await held_at_zd(pg_store, worker, follow_ups=1)
    code, output = run_cli(config, "outbox", "retry", str(first), str(ticket), "--to", "fd")
    # Before: the follow-up first, alone; then "action N is not held" for it (exit 1).
    assert code == 0, output
    assert f"2 actions due now ({ticket}, {first})" in said(output)
    assert {rows(pg_store)[i][:2] for i in (ticket, first)} == {("pending", "fd")}


async def test_a_follow_up_a_worker_is_trying_stops_the_move(
    worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    ticket, first = await held_at_zd(pg_store, worker, follow_ups=1)
    with pg_store.engine.begin() as conn:  # a worker's live lease on it (pending, as claimed)
        lease = {"status": "pending", "lease_until": datetime.now(UTC) + timedelta(minutes=5)}
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == first).values(lease))
    before = rows(pg_store)
    code, output = run_cli(config, "outbox", "retry", str(ticket), "--to", "fd")
    assert code == 1 and f"{first} is being tried at zd right now; nothing was moved" in said(
        output
    )
    assert rows(pg_store) == before
