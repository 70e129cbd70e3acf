"""`authors export`: what is stored about an author, for their access request (LGPD, GDPR)."""

from __future__ import annotations

import json
from pathlib import Path

from tests import test_cli_forget as base
from tests.helpers import COMPLAINT, PRAISE, run_cli

desk = base.desk  # Ana's MD-000001 (drafts 1 and 3, a note, a correction), Bia's praise


def test_the_export_holds_everything_of_theirs_and_nobody_elses(desk: Path, db_url: str) -> None:
    code, output = run_cli(desk, "authors", "export", "x", "@h_a1", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert [m["text"] for m in data["mentions"]] == [COMPLAINT, base.LATER]
    assert [c["number"] for c in data["cases"]] == ["MD-000001"]
    assert [n["text"] for n in data["notes"]] == ["Ana Souza"]
    assert len(data["corrections"]) == 1 and len(data["readings"]) == 2
    assert {d["id"] for d in data["drafts"]} == {1, 3} and data["outbox"]  # her case's alert
    for text in base.THEIRS:  # all that names her in the store is in her export
        assert base._holding(db_url, text) == [] or text in output, text
    assert PRAISE not in output and "Bia Lima" not in output and "h_b" not in output


def test_the_export_reads_as_text_by_default(desk: Path) -> None:
    code, output = run_cli(desk, "authors", "export", "x", "h_a1")
    assert code == 0, output
    assert "Mentions (2)" in output and COMPLAINT in output and "number: MD-000001" in output
    assert PRAISE not in output
    code, output = run_cli(desk, "authors", "export", "x", "nobody")
    assert code == 1 and "no author 'nobody' on x" in output
