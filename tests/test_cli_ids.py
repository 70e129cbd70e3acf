"""An id past any the store can hold (a digit too many, an X post id pasted as a mention id)
is refused in the CLI's words, not a database's traceback; a case number typed wrong is a
usage error (exit 2), told apart from a case that is not there (exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

TOO_BIG = str(2**31)  # PostgreSQL's INTEGER ends a step before; SQLite's at 2**63
POST_ID = "2119580890693441587"


@pytest.mark.parametrize(
    "args",
    [
        ("outbox", "drop", TOO_BIG),
        ("outbox", "retry", "99999999999999999999"),
        ("drafts", "reject", TOO_BIG),
        ("relabel", POST_ID, "negative"),
        ("cases", "list", "--limit", "99999999999999999999"),
    ],
)
def test_an_id_past_the_store_s_is_refused_in_words(
    ran_as_root: Path, args: tuple[str, ...]
) -> None:
    code, out = run_cli(ran_as_root, *args)
    assert code == 2, out
    assert "Traceback" not in out and "Overflow" not in out and "out of range" not in out.lower()
    assert "is too large; give" in out, out


@pytest.mark.parametrize("command", ["resolve", "close"])
def test_a_case_number_typed_wrong_is_a_usage_error(ran_as_root: Path, command: str) -> None:
    assert run_cli(ran_as_root, "cases", command, "MD-x19") == (
        2,
        "'MD-x19' is not a case number like MD-000123\n",
    )
    code, out = run_cli(ran_as_root, "cases", command, "MD-3000000000")
    assert (code, out) == (2, "'MD-3000000000' is too large for a case number (MD-000123)\n")
    assert run_cli(ran_as_root, "cases", command, "MD-999999") == (1, "no case MD-999999\n")
    code, out = run_cli(
        ran_as_root, "survey", "record", "MD-3000000000", "--kind", "csat", "--score", "4"
    )
    assert code == 2 and "too large for a case number" in out, out
