"""A reply the console responder "sent" was printed, never posted: `authors forget` lists no
copy of it on the platform (the desk's rehearsal set-up routes posts there)."""

from __future__ import annotations

from pathlib import Path

from tests import test_cli_forget as base
from tests.helpers import run_cli

desk = base.desk  # Ana (h_a1): posts m1 and m3, case MD-000001; Bia (h_b): m2, draft 2


def test_a_reply_printed_by_the_console_is_no_copy_to_delete(desk: Path) -> None:
    code, output = run_cli(desk, "drafts", "approve", "2")  # Bia's thank-you, to the console
    assert code == 0, output
    code, output = run_cli(desk, "authors", "forget", "x", "h_b", "--yes")
    assert code == 0 and "blanks, keeping the rows: 1 delivered action" in output
    assert "Nothing about them was sent outside this store" in output
    assert "reply under their post" not in output
