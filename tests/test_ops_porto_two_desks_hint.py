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
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import run_cli
from tests.ops_porto_held_desks_setup import follow_up_at_zd, two_desks_config
from tests.ops_porto_held_desks_setup import one_line as said

pytestmark = pytest.mark.postgres


@pytest.fixture
def config(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return two_desks_config(pg_url, tmp_path, monkeypatch)


def held_at_zd(store: Store) -> tuple[int, int]:
    """A case escalated to both desks, its author's follow-up queued for "zd" and held with
    the hint the outbox's claim writes (case_tickets.stranded): (case id, follow-up)."""
    case_id, comment = follow_up_at_zd(store)
    with store.engine.begin() as conn:
        why = stranded(conn, [(comment, case_id, "zd")])[comment]
        update = sa.update(OUTBOX).where(OUTBOX.c.id == comment)
        conn.execute(update.values(status="held", last_error=why))
    return case_id, comment


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
