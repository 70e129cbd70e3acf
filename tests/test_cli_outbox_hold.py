"""`outbox hold` and `outbox look-first`: after restoring a backup, what was delivered since it
is pending again; these replace the SQL the README gave, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.cli_common import who
from mentiondesk.config import load_config
from mentiondesk.models import CaseContext, Label, OutboxAction, Reading
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, OUTBOX
from responders._post import may_have_sent
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

CHAT = '\n[[responders]]\nkind = "mattermost"\nname = "mm"\nurl_env = "MD_TEST_MM_URL"\n'


@pytest.fixture
def config(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MD_TEST_MM_URL", "http://127.0.0.1:9/hooks/x")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=db_url, samples=samples, extra=CHAT)


def _store(config: Path) -> Store:
    store = Store(load_config(config).store_url())
    store.create_all()
    return store


def _add(config: Path, n: int, target: str = "mm", **values: object) -> int:
    """An alert (to `target`) for case MD-00000n, with these column values."""
    context = CaseContext(mention(n), Reading(Label.NEGATIVE, 0.9), case_number=f"MD-00000{n}")
    action = OutboxAction(f"alert:{target}:{n}", "alert", target, context)
    row = outbox_row(action, None, datetime.now(UTC))
    store = _store(config)
    try:
        with store.engine.begin() as conn:
            insert = sa.insert(OUTBOX).values({**row, **values}).returning(OUTBOX.c.id)
            return int(conn.scalar(insert))
    finally:
        store.dispose()


def _rows(config: Path) -> dict[int, tuple[object, ...]]:
    query = sa.select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.attempts, OUTBOX.c.last_error)
    return {r[0]: r[1:] for r in table_rows(load_config(config).store_url(), query)}


def _said(output: str) -> str:
    return " ".join(output.split())  # as one line, however the terminal wrapped it


def test_hold_holds_pending_actions_with_the_reason_list_shows(config: Path) -> None:
    first, second = _add(config, 1), _add(config, 2)
    code, output = run_cli(config, "outbox", "hold", str(first), str(second), "--reason", "sent")
    assert code == 0, output
    assert f"held 2 actions ({first}, {second})" in _said(output)
    mine = f"held by {who()}: sent"  # a person's hold, as the desk tells it from a refusal
    assert _rows(config) == {first: ("held", 0, mine), second: ("held", 0, mine)}
    code, listed = run_cli(config, "outbox", "list", "--held")
    assert code == 0 and "2 held actions" in listed and f"{first}: {mine}" in listed, listed


def test_hold_names_each_id_it_leaves_and_holds_the_rest(config: Path) -> None:
    pending = _add(config, 1)
    done, held = _add(config, 2, status="done"), _add(config, 3, status="held", last_error="x")
    code, output = run_cli(config, "outbox", "hold", str(done), str(pending), str(held), "999")
    assert code == 1, output
    said = _said(output)
    assert f"held 1 action ({pending})" in said
    assert f"action {done} not held: delivered already" in said
    assert f"action {held} not held: held already" in said
    assert "action 999 not held: no such action" in said
    assert _rows(config)[done][0] == "done" and _rows(config)[held] == ("held", 0, "x")


def test_hold_leaves_an_action_a_worker_is_sending_now(config: Path) -> None:
    # Holding it could not stop the send under way: it is refused, not marked held.
    leased = _add(config, 1, attempts=1, lease_until=datetime.now(UTC) + timedelta(minutes=5))
    code, output = run_cli(config, "outbox", "hold", str(leased))
    assert code == 1 and "a worker is sending it right now" in _said(output), output
    assert _rows(config)[leased][0] == "pending"


def test_hold_is_audited_and_retry_releases_it(config: Path) -> None:
    held = _add(config, 1)
    assert run_cli(config, "outbox", "hold", str(held))[0] == 0
    query = sa.select(AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.detail)
    (action, _, detail), *_ = table_rows(load_config(config).store_url(), query)
    assert action == "hold" and detail.startswith("held by cli")
    assert _rows(config)[held][2] == f"held by {who()}"  # no --reason: who alone
    assert run_cli(config, "outbox", "retry", str(held))[0] == 0
    assert _rows(config)[held][0] == "pending"


def test_look_first_counts_a_try_for_pending_actions_only(config: Path) -> None:
    fresh, tried = _add(config, 1), _add(config, 2, attempts=3)
    held = _add(config, 3, status="held")
    code, output = run_cli(config, "outbox", "look-first", "--all-pending")
    assert code == 0, output
    assert "marked as tried before: 2 pending actions" in _said(output)
    rows = _rows(config)
    assert (rows[fresh][1], rows[tried][1], rows[held][1]) == (1, 3, 0)


def test_look_first_names_the_actions_of_sinks_that_cannot_look(config: Path) -> None:
    chat, ticket = _add(config, 1, "mm"), _add(config, 2, "cases")
    code, output = run_cli(config, "outbox", "look-first", str(chat), str(ticket))
    assert code == 0, output
    assert f"mm (mattermost) cannot look: {chat}" in _said(output)
    assert "cases" not in output  # the local help desk finds the case
    assert "mentiondesk outbox hold ID" in _said(output)


def test_after_look_first_the_next_try_looks_for_an_earlier_send(config: Path) -> None:
    pending = _add(config, 1, "cases")
    assert run_cli(config, "outbox", "look-first", str(pending))[0] == 0
    (action,) = _claim(config)
    assert action.attempt == 2 and may_have_sent(action)


def _claim(config: Path) -> list[OutboxAction]:
    """What a worker's next claim takes, as the actions it would deliver."""
    loaded, store = load_config(config), _store(config)
    try:
        return [c.action for c in OutboxWorker(store, {}, loaded.settings.outbox)._claim(None)]
    finally:
        store.dispose()


def test_a_held_action_is_not_claimed_by_a_worker(config: Path) -> None:
    held = _add(config, 1)
    _add(config, 2)
    assert run_cli(config, "outbox", "hold", str(held))[0] == 0
    assert [a.key for a in _claim(config)] == ["alert:mm:2"]


def test_look_first_warns_of_a_first_try_under_way(config: Path) -> None:
    # A worker took it before the command: it counted its try, and sends without looking.
    leased = _add(config, 1, attempts=1, lease_until=datetime.now(UTC) + timedelta(minutes=5))
    code, output = run_cli(config, "outbox", "look-first", "--all-pending")
    assert code == 0, output
    assert f"action {leased} is being sent for the first time right now" in _said(output)
    assert _rows(config)[leased][1] == 1  # the worker's count, left as it is


def test_look_first_names_ids_it_cannot_mark(config: Path) -> None:
    done = _add(config, 1, status="done")
    code, output = run_cli(config, "outbox", "look-first", str(done), "999")
    assert code == 1, output
    said = _said(output)
    assert f"action {done} left: delivered already" in said and "999 left: no such action" in said


@pytest.mark.parametrize("args", [[], ["--all-pending", "1"]])
def test_look_first_takes_ids_or_all_pending(config: Path, args: list[str]) -> None:
    code, output = run_cli(config, "outbox", "look-first", *args)
    assert code == 2 and "give action ids or --all-pending" in _said(output), output


def test_list_shows_no_next_try_for_a_held_action(config: Path) -> None:
    """A held action is never tried until released: "—" where a pending one has its time."""
    pending, held = _add(config, 1), _add(config, 2, status="held", last_error="x")
    code, listed = run_cli(config, "outbox", "list")
    assert code == 0, listed
    rows = {int(line.split()[1]): line for line in listed.splitlines() if "│ alert" in line}
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[pending]), listed
    assert rows[held].split("│")[-2].strip() == "—", listed
