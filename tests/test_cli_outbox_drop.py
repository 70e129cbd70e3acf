"""`outbox drop`: a held (or pending) action that can never go is dropped for good, audited,
counted by the report, and no longer listed or retried."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.cli_common import who
from mentiondesk.config import load_config
from mentiondesk.tables import AUDIT
from tests.helpers import run_cli, table_rows
from tests.test_cli_outbox_hold import _add, _rows, _said
from tests.test_cli_outbox_hold import config as config  # the fixture, re-exported


def test_drop_drops_held_and_pending_actions_and_names_the_rest(config: Path) -> None:
    held = _add(config, 1, status="held", attempts=3, last_error="mm: 404 no such channel")
    pending, done = _add(config, 2), _add(config, 3, status="done")
    code, output = run_cli(
        config, "outbox", "drop", str(held), str(pending), str(done), "999", "--reason", "gone"
    )
    assert code == 1, output
    said = _said(output)
    assert f"dropped 2 actions ({held}, {pending}): never sent" in said
    assert f"action {done} not dropped: delivered already" in said
    assert "action 999 not dropped: no such action" in said
    mine = f"dropped by {who()}: gone"
    assert _rows(config)[held] == ("dropped", 3, mine)
    assert _rows(config)[pending] == ("dropped", 0, mine)
    query = sa.select(AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.detail).order_by(AUDIT.c.id)
    audited = table_rows(load_config(config).store_url(), query)
    assert [(a, d) for a, _, d in audited] == [("drop", "gone"), ("drop", "gone")]
    # Gone from what waits for a person, and never released again.
    assert "0 waiting, 0 held" in _said(run_cli(config, "outbox", "list")[1])
    code, output = run_cli(config, "outbox", "retry", str(held))
    assert code == 1 and f"action {held} not retried: it is dropped" in _said(output), output
    code, output = run_cli(config, "outbox", "drop", str(held))
    assert code == 1 and f"action {held} not dropped: dropped already" in _said(output)


def test_the_report_counts_dropped_alerts(config: Path) -> None:
    held = _add(config, 1, status="held", last_error="x")
    assert run_cli(config, "outbox", "drop", str(held))[0] == 0
    assert _rows(config)[held][2] == f"dropped by {who()}"  # no --reason: who alone
    code, output = run_cli(config, "report", "--format", "json")
    assert code == 0, output
    alerts = json.loads(output)["alerts"]
    assert alerts == {"queued": 1, "delivered": 0, "waiting": 0, "held": 0, "dropped": 1}


def test_drop_leaves_an_action_a_worker_is_sending_now(config: Path) -> None:
    leased = _add(config, 1, attempts=1, lease_until=datetime.now(UTC) + timedelta(minutes=5))
    code, output = run_cli(config, "outbox", "drop", str(leased))
    assert code == 1 and "a worker is sending it right now" in _said(output), output
    assert _rows(config)[leased][0] == "pending"
