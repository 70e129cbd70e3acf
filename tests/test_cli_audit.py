"""What people do from the terminal is on the case's audit trail, as on the desk, by
"cli:USER", which the case page reads as "USER (terminal)"."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, OUTBOX
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.data_case import load_detail
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE, Locale
from tests.helpers import run_cli

HELD = "the author asked not to be contacted; not sent"


def _store(config: Path) -> Store:
    return Store(load_config(config).store_url())


def _trail(config: Path, loc: Locale = ENGLISH) -> list[str]:
    """The case page's trail for MD-000001, as its reader reads it."""
    store = _store(config)
    try:
        with store.engine.connect() as conn:
            mention = conn.scalar(sa.select(CASE.c.mention_id).where(CASE.c.id == 1))
        detail = load_detail(store, int(mention or 0))
    finally:
        store.dispose()
    assert detail is not None
    return [audit_line(loc, a) for a in detail.audit]


def _audit(config: Path) -> list[tuple[object, ...]]:
    store = _store(config)
    try:
        with store.engine.connect() as conn:
            query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.draft_id)
            return [tuple(r) for r in conn.execute(query.order_by(AUDIT.c.id))]
    finally:
        store.dispose()


def test_reject_and_resolve_are_on_the_case_trail(ran_as_root: Path) -> None:
    assert run_cli(ran_as_root, "drafts", "reject", "99")[0] == 1  # refused: nothing recorded
    assert run_cli(ran_as_root, "drafts", "reject", "1")[0] == 0
    assert run_cli(ran_as_root, "cases", "resolve", "MD-000001")[0] == 0
    assert _audit(ran_as_root) == [("cli:root", "reject", 1, 1), ("cli:root", "resolved", 1, None)]
    assert _trail(ran_as_root) == [
        "root (terminal) rejected a draft",
        "root (terminal) resolved the case",
    ]
    assert _trail(ran_as_root, PORTUGUESE)[-1] == "root (pelo terminal) resolveu o caso"


def test_approve_is_on_the_case_trail(ran_as_root: Path) -> None:
    assert run_cli(ran_as_root, "drafts", "approve", "1")[0] == 0
    assert _audit(ran_as_root) == [("cli:root", "approve", 1, 1)]
    assert _trail(ran_as_root) == ["root (terminal) approved a reply"]


def test_close_is_on_the_case_trail(ran_as_root: Path) -> None:
    assert run_cli(ran_as_root, "cases", "close", "MD-000001")[0] == 0
    assert _trail(ran_as_root) == ["root (terminal) closed the case"]


def test_do_not_contact_and_undo_are_on_the_authors_case_trail(ran_as_root: Path) -> None:
    assert run_cli(ran_as_root, "authors", "do-not-contact", "X", "@H_A1")[0] == 0
    assert run_cli(ran_as_root, "authors", "do-not-contact", "x", "h_a1", "--undo")[0] == 0
    assert _trail(ran_as_root) == [
        "root (terminal) put @h_a1 on X on the do-not-contact list",
        "root (terminal) allowed @h_a1 on X to be contacted again",
    ]


def test_outbox_retry_is_on_the_case_trail_saying_why_it_was_held(ran_as_root: Path) -> None:
    assert run_cli(ran_as_root, "drafts", "approve", "1", "--no-send")[0] == 0
    store = _store(ran_as_root)
    try:
        with store.engine.begin() as conn:
            held = conn.scalar(
                sa.update(OUTBOX)
                .where(OUTBOX.c.key == "post:draft:1")
                .values(status="held", last_error=HELD)
                .returning(OUTBOX.c.id)
            )
    finally:
        store.dispose()
    assert run_cli(ran_as_root, "outbox", "retry", str(held))[0] == 0
    assert _audit(ran_as_root)[-1] == ("cli:root", "retry", 1, 1)
    assert _trail(ran_as_root)[-1] == (
        "root (terminal) sent the reply again after it was held: the author asked not to be "
        "contacted"
    )
