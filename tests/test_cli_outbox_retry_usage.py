"""`outbox retry` with nothing to retry names every way to say what: ids, --all-held and
--held-for NAME (the one for a chat that refused everything, after its token was fixed)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import complaint_and_praise, run_cli


def test_outbox_retry_without_ids_names_all_three_ways(tmp_path: Path) -> None:
    code, output = run_cli(complaint_and_praise(tmp_path), "outbox", "retry")
    said = " ".join("".join(c for c in output if c not in "│╭╮╰╯─").split())
    assert code == 2, said
    assert "give action ids, --all-held or --held-for NAME (one of them)" in said, said
