"""`authors erase`: the word the CLI's help and the laws use (LGPD's eliminação, GDPR's
erasure); a DPO typing it was told "No such command 'erase'". It is `authors forget`."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, AUTHOR
from tests.helpers import run_cli
from tests.test_cli_forget import desk

__all__ = ["desk"]  # the fixture: Ana's complaint and follow-up, Bia's praise


def test_erase_is_forget(desk: Path, db_url: str) -> None:
    code, said = run_cli(desk, "authors", "erase", "x", "h_a1", "--yes")
    assert code == 0, said
    assert "Erased: 2 mentions, 1 case" in said
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            handles = conn.scalars(sa.select(AUTHOR.c.handle)).all()
            details = conn.scalars(sa.select(AUDIT.c.detail).where(AUDIT.c.action == "erase"))
            [line] = details.all()
    finally:
        store.dispose()
    assert "h_a1" not in handles and line.startswith("an author's data was erased on request")


def test_the_help_lists_it_once(desk: Path) -> None:
    code, said = run_cli(desk, "authors", "--help")
    assert code == 0 and "forget" in said and " erase " not in said


def test_erasing_twice_says_nothing_is_left_not_none_yet(desk: Path, db_url: str) -> None:
    """A DPO checking her work erases again: the store has no authors left (Bia was erased
    too), and "no authors yet" read as if nothing had ever been stored."""
    for handle in ("h_a1", "h_b"):
        code, said = run_cli(desk, "authors", "erase", "x", handle, "--yes")
        assert code == 0, said
    code, said = run_cli(desk, "authors", "erase", "x", "h_a1", "--yes")
    assert code != 0 and "has no authors yet" not in said
    assert "no author stored (none read yet, or all erased)" in said
