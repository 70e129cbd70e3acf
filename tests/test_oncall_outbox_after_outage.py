"""After a help-desk outage, as the on-call engineer runs `mentiondesk outbox …`: each answer
says what will happen, with the very command to run next, in the right number.

Before: `outbox hold 2` said "`outbox list --held` shows them; `outbox retry ID…` releases
them" of one action; `outbox drop` of a case's ticket said "held 1 follow-up (3): their ticket
was dropped; escalate the case again, then `mentiondesk outbox retry ID`, or drop them",
naming neither the case nor the id; and `outbox retry` of that follow-up, the case not
escalated again, said it "is due now: a running `mentiondesk run` sends it within 1 s",
exit 0, when the outbox's next claim only held it again (its case has no ticket to add it
to). Now the retry refuses it (exit 1), saying what sends it. On PostgreSQL, with the CLI
and the real Zendesk responder on the fake."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mentiondesk.casework import escalate_case
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import (
    Setup,
    action_row,
    escalated,
    live_ticket,
    zendesk_outbox,  # noqa: F401 (the `setup` fixture)
)
from tests.helpers import run_cli
from tests.test_outbox_claim_hold_audit import queue_follow_up

pytestmark = pytest.mark.postgres


def alert_of(store: Store) -> int:
    """The case's alert's outbox id."""
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "alert")) or 0)


def test_hold_names_the_retry_that_releases_what_it_held(setup: Setup, pg_store: Store) -> None:
    _, _, config = setup
    case = escalated(pg_store)
    ticket, comment = live_ticket(pg_store), queue_follow_up(pg_store, case.case_id)
    code, said = run_cli(config, "outbox", "hold", str(comment))
    assert code == 0, said
    assert f"held 1 action ({comment}): nothing sends it until `mentiondesk outbox retry " in said
    assert f"retry {comment}` releases it;" in said and "them" not in said, said
    code, said = run_cli(config, "outbox", "retry", str(comment))
    assert code == 0, said
    code, said = run_cli(config, "outbox", "hold", str(ticket), str(comment))
    assert code == 0, said
    assert f"held 2 actions ({ticket}, {comment}): nothing sends them until " in said, said
    assert f"`mentiondesk outbox retry {ticket} {comment}` releases them" in said, said


def test_drop_names_the_case_and_the_commands_for_the_follow_ups_it_held(
    setup: Setup, pg_store: Store
) -> None:
    _, _, config = setup
    case = escalated(pg_store)
    ticket = live_ticket(pg_store)
    first, second = (queue_follow_up(pg_store, case.case_id, n) for n in (2, 3))
    code, said = run_cli(config, "outbox", "drop", str(ticket))
    assert code == 0, said
    assert f"held 2 follow-ups ({first}, {second}) of {case.number}: their ticket at zd " in said
    assert f"(action {ticket}) was dropped, so they would wait for good; to send them, " in said
    assert f"escalate {case.number} to zd again" in said, said
    assert f"`mentiondesk outbox retry {first} {second}`; or `mentiondesk outbox drop " in said
    assert "retry ID" not in said, said  # before: no id, and "them" of one as of many


def test_drop_of_a_ticket_with_one_follow_up_says_it_not_them(
    setup: Setup, pg_store: Store
) -> None:
    _, _, config = setup
    case = escalated(pg_store)
    ticket, comment = live_ticket(pg_store), queue_follow_up(pg_store, case.case_id)
    code, said = run_cli(config, "outbox", "drop", str(ticket))
    assert code == 0, said
    assert f"held 1 follow-up ({comment}) of {case.number}: its ticket at zd " in said, said
    assert "so it would wait for good; to send it, " in said and "them" not in said, said
    assert f"`mentiondesk outbox retry {comment}`; or `mentiondesk outbox drop {comment}`" in said


def test_retry_refuses_a_follow_up_with_no_ticket_to_go_on(setup: Setup, pg_store: Store) -> None:
    _, _, config = setup
    case = escalated(pg_store)
    ticket, comment = live_ticket(pg_store), queue_follow_up(pg_store, case.case_id)
    assert run_cli(config, "outbox", "drop", str(ticket))[0] == 0
    code, said = run_cli(config, "outbox", "retry", str(comment))
    assert code == 1, said  # before: 0, "is due now", and the next claim held it again
    assert "is due now" not in said and action_row(pg_store, comment)[0] == "held", said
    assert f"action {comment} not retried, as the outbox would hold it again: " in said, said
    assert f"escalate {case.number} to zd again" in said, said
    # --all-held releases the others and names this one, exit 1.
    alert = alert_of(pg_store)
    assert run_cli(config, "outbox", "hold", str(alert))[0] == 0
    code, said = run_cli(config, "outbox", "retry", "--all-held")
    assert code == 1 and f"action {comment} not retried" in said, said
    assert f"action {alert} is due now" in said and action_row(pg_store, alert)[0] == "pending"
    # Escalated again, as it says: the follow-up has a ticket to go on, and is released.
    escalate_case(pg_store, case.case_id, by="cli:ops", target="zd")
    code, said = run_cli(config, "outbox", "retry", str(comment))
    assert code == 0 and f"action {comment} is due now" in said, said
    assert action_row(pg_store, comment)[0] == "pending"
