"""A dropped action is neither delivered nor on its way: a ticket dropped does not count as
the case's (escalating again files one; a follow-up opens one, not a comment that would wait
for ever), and a reply dropped later does not hide an earlier one still held."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_admin, outbox_hold, queue
from mentiondesk.case_tickets import ticket_targets
from mentiondesk.casework import escalate_case
from mentiondesk.cli_outbox_retry import NotRetried, _release
from mentiondesk.cli_render import _sent
from mentiondesk.held_replies import reply_held
from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX
from tests.desk.seed import add
from tests.helpers import mention, run_cli
from tests.test_cli_outbox_hold import _add, _said
from tests.test_cli_outbox_hold import config as config  # the fixture, re-exported
from tests.test_follow_up_tickets import _outbox, _run
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import COMPLAINT

ROUTE = {"default": "console"}


def _drop_all(store: Store, where: object) -> list[int]:
    with store.engine.connect() as conn:
        ids = list(conn.scalars(sa.select(OUTBOX.c.id).where(where)))
    return outbox_hold.drop(store, ids, reason="desk removed", actor="cli:ana").changed


def test_a_dropped_ticket_does_not_block_escalating_the_case_again(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    try:
        _, case, _ = add(store, "My parcel is lost", handle="bia")
        assert case is not None
        escalate_case(store, case, by="ana", target="cases")
        assert _drop_all(store, OUTBOX.c.kind == "ticket")
        # The ticket was never filed: escalating again should queue one.
        escalate_case(store, case, by="ana", target="cases")
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(OUTBOX.c.key, OUTBOX.c.status).order_by(OUTBOX.c.id))
            keys = [(k.split(":dropped:")[0], s) for k, s in rows]
    finally:
        store.dispose()
    ticket = "ticket:cases:case:MD-000001"
    assert keys == [(ticket, "dropped"), (ticket, "pending")]  # the dropped one kept, renamed


async def test_a_follow_up_on_a_case_whose_ticket_was_dropped_is_no_comment(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first)  # a case, no ticket
    store = Store(db_url)
    try:
        escalate_case(store, 1, by="ana", target="cases")
        assert _drop_all(store, OUTBOX.c.kind == "ticket")
        with store.engine.connect() as conn:
            targets = ticket_targets(conn, {1})
    finally:
        store.dispose()
    assert targets == {}, targets
    await _run(tmp_path, db_url, [*first, mention(2, ANGRY)])  # angry follow-up: asks a ticket
    # A comment on a ticket that will never exist waits for ever ("no ticket for MD-… yet")
    # on a real help desk, and keeps the case from the retention.
    assert [k for k, _ in _outbox(db_url)] != ["ticket", "comment"], _outbox(db_url)


def test_a_later_dropped_reply_does_not_hide_an_earlier_held_one(store: Store) -> None:
    _, case, first = add(store, "Where is my order?", handle="bia")
    assert case and first
    queue.approve_draft(store, first, by="agent", post_route=ROUTE)
    _, _, second = add(store, "Still nothing!", handle="bia", draft="Sorry, Bia.")
    assert second
    queue.approve_draft(store, second, by="agent", post_route=ROUTE)
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(status="held", attempts=1, last_error="403 x"))
        assert conn.scalar(sa.select(CASE.c.id).where(reply_held(CASE.c.id))) == case
    assert _drop_all(store, OUTBOX.c.key == f"post:draft:{second}")
    with store.engine.connect() as conn:
        # The first reply is still held and nothing later went or is on its way.
        assert conn.scalar(sa.select(CASE.c.id).where(reply_held(CASE.c.id))) == case


def test_the_run_summary_says_an_alert_was_dropped() -> None:
    queued, line = _sent({"queued": 1, "delivered": 0, "waiting": 0, "held": 0, "dropped": 1})
    assert queued == "1" and "1 dropped" in line, line


def test_the_text_report_says_an_action_was_dropped(config: Path) -> None:
    held = _add(config, 1, status="held", last_error="x")
    assert run_cli(config, "outbox", "drop", str(held))[0] == 0
    code, output = run_cli(config, "report")
    assert code == 0, output
    assert "dropped" in _said(output), output


def test_a_retry_of_an_action_dropped_meanwhile_says_so(store: Store) -> None:
    """Read as pending, dropped before it was released: it said 'delivered already'."""
    _, case, draft = add(store, "Where is my order?", handle="bia")
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route=ROUTE)
    outbox_id = _only_id(store)
    row = outbox_admin.stored(store, outbox_id)
    assert row is not None and outbox_hold.drop(store, [outbox_id], reason=None, actor="x").changed
    with store.engine.begin() as conn, pytest.raises(NotRetried, match="it is dropped"):
        _release(conn, row, {row.target}, [])


def _only_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(OUTBOX.c.id)) or 0)
