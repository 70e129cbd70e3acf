"""A brand with two help desks (Request Tracker "rt-pt" for Portugal, Zendesk "zendesk-br" for
Brazil) whose old desk "zd" is gone: a case escalated to both has a follow-up left at "zd",
held for want of a ticket there. Its hint named only the first desk by name ("the case's
ticket is at rt-pt now … --to rt-pt"), as if Brazil's ticket did not exist; it names both
now, each with the command that sends it there, in the row's error, `outbox list --held` and
`outbox retry ID`. On PostgreSQL, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.case_tickets import desks_list, moved_desks, no_ticket, stranded
from mentiondesk.casework import escalate_case
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import run_cli, write_config, write_mentions
from tests.responders._data import seed
from tests.test_outbox_claim_hold_audit import queue_follow_up

pytestmark = pytest.mark.postgres
DESKS = ("zendesk-br", "rt-pt")  # escalated in this order: the hint sorts them by name


@pytest.fixture
def config(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RT_TOKEN", "rt-token")
    monkeypatch.setenv("ZENDESK_TOKEN", "zd-token")
    extra = (
        '\n[[responders]]\nkind = "request_tracker"\nname = "rt-pt"\n'
        'base_url = "http://127.0.0.1:9/REST/2.0/"\n'
        '\n[[responders]]\nkind = "zendesk"\nname = "zendesk-br"\n'
        'base_url = "https://lumora.zendesk.com"\nemail = "agent@lumora.test"\n'
    )
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=pg_url, samples=samples, extra=extra)


def held_at_zd(store: Store) -> tuple[int, int]:
    """A case escalated to both desks, its author's follow-up queued for "zd" and held with
    the hint the outbox's claim writes (case_tickets.stranded): (case id, follow-up)."""
    case = seed(store, alert_to="console")
    for desk in DESKS:
        escalate_case(store, case.case_id, by="cli:ops", target=desk)
    comment = queue_follow_up(store, case.case_id)
    with store.engine.begin() as conn:
        why = stranded(conn, [(comment, case.case_id, "zd")])[comment]
        update = sa.update(OUTBOX).where(OUTBOX.c.id == comment)
        conn.execute(update.values(status="held", last_error=why))
    return case.case_id, comment


def said(output: str) -> str:
    return " ".join(output.split())  # as one line, however the terminal wrapped it


def test_the_desks_read_as_a_list() -> None:
    assert desks_list(["rt-pt"]) == "rt-pt"
    assert desks_list(["rt-pt", "zendesk-br"]) == "rt-pt and zendesk-br"
    assert desks_list(["a", "b", "c"]) == "a, b and c"
    assert moved_desks({1: {"zd", "zendesk-br"}}, {(1, "rt-pt"): "7"}, 1, "zd") == [
        "rt-pt",
        "zendesk-br",
    ]


def test_one_desk_reads_as_before() -> None:
    one = no_ticket(1, "zd", 7, None, elsewhere="fd")
    assert "the case's ticket is at fd now, sent there without it" in one
    assert "`mentiondesk outbox retry 7 --to fd`; or `mentiondesk outbox drop 7`" in one


def test_the_hint_names_both_desks(pg_store: Store, config: Path) -> None:
    _, comment = held_at_zd(pg_store)
    fixes = [f"`mentiondesk outbox retry {comment} --to {d}`" for d in ("rt-pt", "zendesk-br")]
    with pg_store.engine.connect() as conn:
        why = str(conn.scalar(sa.select(OUTBOX.c.last_error).where(OUTBOX.c.id == comment)))
    # Before: "the case's ticket is at rt-pt now, … --to rt-pt`": Brazil's left out.
    assert "the case's tickets are at rt-pt and zendesk-br now" in why, why
    assert all(fix in why for fix in fixes), why
    code, listed = run_cli(config, "outbox", "list", "--held")
    assert code == 0 and all(fix in said(listed) for fix in fixes), listed
    assert "rt-pt and zendesk-br" in said(listed), listed
    code, output = run_cli(config, "outbox", "retry", str(comment))
    assert code == 1 and all(fix in said(output) for fix in fixes), output
    # What it says works: to one of them (the author's words go to Portugal's ticket).
    code, output = run_cli(config, "outbox", "retry", str(comment), "--to", "rt-pt")
    assert code == 0, output
    with pg_store.engine.connect() as conn:
        query = sa.select(OUTBOX.c.status, OUTBOX.c.target).where(OUTBOX.c.id == comment)
        assert tuple(conn.execute(query).one()) == ("pending", "rt-pt")
