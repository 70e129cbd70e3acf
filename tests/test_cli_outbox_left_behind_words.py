"""A follow-up an earlier release left at "zd" (gone: Zendesk gave way to Freshdesk "fd"),
held there for want of a ticket, as an operator meets it after the upgrade.

`outbox list --held` read the row's error as the release that held it wrote it: "escalate
MD-000001 to zd again" (a second ticket, at a desk no longer configured), until `outbox
retry ID` said today's words. And `outbox retry ID --to OTHER` to a desk the case's ticket
is not at said "escalate MD-000001 to OTHER first" (a second ticket), not the desk it went to.
On PostgreSQL, with the CLI and the outbox worker on the fake Freshdesk."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.case_tickets import no_ticket
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import freshdesk_desk  # noqa: F401 (the fixture)
from tests.helpers import run_cli, write_config, write_mentions
from tests.test_outbox_retry_to_follow_ups import Desk, said
from tests.test_outbox_retry_to_left_behind import left_at_zd
from tests.test_outbox_retry_to_left_behind import worker as worker  # the fixture

pytestmark = pytest.mark.postgres


@pytest.fixture
def config(fake_api: FakeAPI, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """After the switch: Freshdesk "fd" and a second Freshdesk "fd2" (another brand's
    desk), both on the fake; "zd" gone."""
    monkeypatch.setenv("FRESHDESK_API_KEY", fd.API_KEY)
    extra = ""
    for name in ("fd", "fd2"):
        table = f'kind = "freshdesk"\nname = "{name}"\nbase_url = "{fake_api.base_url}"'
        extra += f'\n[[responders]]\n{table}\nrequester_domain = "social.example.com"\n'
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=pg_url, samples=samples, extra=extra)


def held_as_before(store: Store, case_id: int, comment: int) -> None:
    """The row's error as the release before the upgrade wrote it (no desk elsewhere known:
    "the case has none queued or filed there; … escalate MD-000001 to zd again")."""
    old = no_ticket(case_id, "zd", comment, None)
    assert "escalate MD-000001 to zd again" in old
    with store.engine.begin() as conn:
        update = sa.update(OUTBOX).where(OUTBOX.c.id == comment)
        conn.execute(update.values(last_error=old))


async def test_outbox_list_reads_an_old_hold_in_todays_words(
    freshdesk: Desk, worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    case_id, _, comment = await left_at_zd(pg_store, worker)
    held_as_before(pg_store, case_id, comment)
    code, listed = run_cli(config, "outbox", "list", "--held")
    line = said(listed)
    assert code == 0 and f"`mentiondesk outbox retry {comment} --to fd`" in line, listed
    assert "escalate" not in line, listed
    # As `outbox retry ID` says it: the same words, without a retry first.
    code, retried = run_cli(config, "outbox", "retry", str(comment))
    assert code == 1 and "--to fd`" in said(retried)


async def test_a_follow_up_sent_alone_to_another_desk_is_pointed_at_its_tickets(
    freshdesk: Desk, worker: OutboxWorker, pg_store: Store, config: Path
) -> None:
    _, _, comment = await left_at_zd(pg_store, worker)
    code, output = run_cli(config, "outbox", "retry", str(comment), "--to", "fd2")
    line = said(output)
    assert code == 1 and "no ticket at fd2" in line, output
    # Before: "escalate MD-000001 to fd2 first": a second ticket, where its first is at fd.
    assert "escalate" not in line, output
    assert f"its ticket is at fd: `mentiondesk outbox retry {comment} --to fd`" in line, output
    assert run_cli(config, "outbox", "retry", str(comment), "--to", "fd")[0] == 0
