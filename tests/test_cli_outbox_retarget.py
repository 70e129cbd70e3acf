"""`outbox retry ID --to NAME`: a held action whose responder was removed or cannot take it is
sent to one that can, keeping one ticket per case and desk."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import audit
from mentiondesk.config import load_config
from mentiondesk.models import CaseContext, Label, OutboxAction, Reading
from mentiondesk.outbox_admin import retargeted_key
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

TICKET = "ticket:zd:case:MD-000001"  # for a help desk since removed from the config
CHAT = '\n[[responders]]\nkind = "mattermost"\nname = "mm"\nurl_env = "MD_TEST_MM_URL"\n'


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MD_TEST_MM_URL", "http://127.0.0.1:9/hooks/x")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=CHAT)


def _add(config: Path, key: str, kind: str, target: str, status: str = "held") -> int:
    context = CaseContext(mention(1), Reading(Label.NEGATIVE, 0.9), case_number="MD-000001")
    row = outbox_row(OutboxAction(key, kind, target, context), None, datetime.now(UTC))
    store = Store(load_config(config).store_url())
    store.create_all()
    try:
        with store.engine.begin() as conn:
            return int(
                conn.scalar(
                    sa.insert(OUTBOX).values({**row, "status": status}).returning(OUTBOX.c.id)
                )
            )
    finally:
        store.dispose()


def _row(config: Path, outbox_id: int) -> tuple[object, ...]:
    query = sa.select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.target, OUTBOX.c.key)
    url = load_config(config).store_url()
    return next(r for r in table_rows(url, query) if r[0] == outbox_id)[1:]


def _said(output: str) -> str:
    return " ".join(output.split())  # as one line, however the terminal wrapped it


def test_retry_of_an_action_for_a_removed_responder_suggests_to(config: Path) -> None:
    held = _add(config, TICKET, "ticket", "zd")
    code, output = run_cli(config, "outbox", "retry", str(held))
    assert code == 1, output
    assert f"action {held} goes to 'zd', which is no longer configured" in _said(output)
    assert "send it elsewhere with --to NAME (cases, console)" in _said(output)  # not mm
    assert _row(config, held)[0] == "held"  # before: released, only to be held again


def test_to_moves_a_held_ticket_under_the_new_desks_key(config: Path) -> None:
    held = _add(config, TICKET, "ticket", "zd")
    code, output = run_cli(config, "outbox", "retry", str(held), "--to", "cases")
    assert code == 0, output
    assert _row(config, held) == ("pending", "cases", "ticket:cases:case:MD-000001")
    assert run_cli(config, "run", "--once")[0] == 0
    assert _row(config, held)[0] == "done"  # the local help desk took it


@pytest.mark.parametrize(
    ("to", "said"),
    [
        ("mm", "'mm' (kind mattermost) takes alert, not ticket; use one of: cases, console"),
        ("zendesk", "no responder is named 'zendesk'; use one that can take this ticket: cases"),
    ],
)
def test_to_refuses_a_responder_that_cannot_take_it(config: Path, to: str, said: str) -> None:
    held = _add(config, TICKET, "ticket", "zd")
    code, output = run_cli(config, "outbox", "retry", str(held), "--to", to)
    assert code == 1 and said in _said(output), output
    assert _row(config, held) == ("held", "zd", TICKET)


def test_to_refuses_what_the_new_desk_already_has(config: Path) -> None:
    # The case was escalated to `cases` since: moving the held one there would file it twice.
    _add(config, "ticket:cases:case:MD-000001", "ticket", "cases", status="done")
    held = _add(config, TICKET, "ticket", "zd")
    code, output = run_cli(config, "outbox", "retry", str(held), "--to", "cases")
    assert code == 1 and "'cases' already has this action" in _said(output), output
    assert _row(config, held) == ("held", "zd", TICKET)


def test_to_leaves_a_pending_action_where_it_is_being_tried(config: Path) -> None:
    pending = _add(config, "ticket:cases:case:MD-000001", "ticket", "cases", status="pending")
    code, output = run_cli(config, "outbox", "retry", str(pending), "--to", "console")
    assert code == 1 and "only a held action can be sent elsewhere" in _said(output), output


def test_to_moves_a_pending_action_whose_desk_is_gone(config: Path) -> None:
    # "zd" is no longer configured: tried nowhere, it was refused as "still being tried".
    pending = _add(config, TICKET, "ticket", "zd", status="pending")
    code, output = run_cli(config, "outbox", "retry", str(pending), "--to", "cases")
    assert code == 0, output
    assert _row(config, pending) == ("pending", "cases", "ticket:cases:case:MD-000001")


@pytest.mark.parametrize(
    ("key", "kind", "new"),
    [
        ("alert:old:x:m1:angry", "alert", "alert:mm:x:m1:angry"),
        ("comment:old:case:MD-000001:x:m1", "comment", "comment:mm:case:MD-000001:x:m1"),
        ("digest:praise:7:old", "alert", "digest:praise:7:mm"),
        ("post:draft:7", "post", "post:draft:7"),  # one per draft, whoever posts it
    ],
)
def test_a_moved_key_names_the_new_target(key: str, kind: str, new: str) -> None:
    assert retargeted_key(key, kind, "old", "mm") == new


@pytest.mark.parametrize("to", [None, "cases"])
def test_a_retry_whose_audit_line_fails_releases_nothing(
    config: Path, monkeypatch: pytest.MonkeyPatch, to: str | None
) -> None:
    # The release (or the move) and its audit line commit together: an action released with
    # no line in the trail would be sent with nobody recorded as having sent it again.
    held = _add(config, "ticket:cases:case:MD-000001", "ticket", "cases")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("the audit table is gone")

    monkeypatch.setattr(audit, "write", broken)
    code, _ = run_cli(config, "outbox", "retry", str(held), *(["--to", to] if to else []))
    assert code != 0
    assert _row(config, held) == ("held", "cases", "ticket:cases:case:MD-000001")
