"""`authors export`: what is stored about an author, for their access request (LGPD, GDPR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import test_cli_forget as base
from tests import test_forget_lookup as lookup
from tests import test_forget_refs as refs
from tests.helpers import COMPLAINT, PRAISE, run_cli

desk = base.desk  # Ana's MD-000001 (drafts 1 and 3, a note, a correction), Bia's praise
lookup_config = lookup.config  # an empty desk: tests store their posts


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
        assert base.holding(db_url, text) == [] or text in output, text
    assert PRAISE not in output and "Bia Lima" not in output and "h_b" not in output


def test_the_export_names_the_help_desk_tickets_their_case_went_to(desk: Path, db_url: str) -> None:
    """The case's first ticket and the follow-up ticket filed after it closed: both hold
    copies of what they wrote, in another tool."""
    refs.follow_up_ticket(db_url)
    code, output = run_cli(desk, "authors", "export", "x", "@h_a1", "--format", "json")
    assert code == 0, output
    assert json.loads(output)["help_desk_tickets"] == [
        {"help_desk": "zd", "ticket": ref, "url": refs.ZENDESK + ref} for ref in ("4710", "4711")
    ]
    code, output = run_cli(desk, "authors", "export", "x", "@h_b", "--format", "json")
    assert json.loads(output)["help_desk_tickets"] == []


def test_the_export_reads_as_text_by_default(desk: Path) -> None:
    code, output = run_cli(desk, "authors", "export", "x", "h_a1")
    assert code == 0, output
    assert "Mentions (2)" in output and COMPLAINT in output and "number: MD-000001" in output
    assert PRAISE not in output
    code, output = run_cli(desk, "authors", "export", "x", "nobody")
    said = " ".join(output.split())
    assert code == 1 and "no author found on x by handle 'nobody'" in said
    assert "not proof that no data" in said and "--id" in said and "--post URL" in said


@pytest.mark.parametrize("platform", ["x", "bluesky"])
def test_the_export_finds_a_renamed_author_by_account_id_or_post(
    lookup_config: Path, db_url: str, platform: str
) -> None:
    """As `authors forget` does: asked for by a new handle they are "not found"."""
    lookup._store(db_url, platform)  # Ana's post under h_a1, Bia's
    link = lookup.POSTS[platform][2]
    for way in (["--id", "a1"], ["--post", link]):
        code, output = run_cli(lookup_config, "authors", "export", platform, *way, "-f", "json")
        assert code == 0, output
        data = json.loads(output)
        assert [a["handle"] for a in data["authors"]] == ["h_a1"] and len(data["mentions"]) == 1
        assert "h_b" not in output
    code, output = run_cli(lookup_config, "authors", "export", platform, "--id", "zz")
    assert code == 1 and f"no author found on {platform} by account id 'zz'" in output
    code, output = run_cli(lookup_config, "authors", "export", "x", "--post", "https://a.test/")
    assert code == 1 and "'https://a.test/' is not a post link mentiondesk can read" in output
    code, output = run_cli(lookup_config, "authors", "export", "x", "h_a1", "--id", "a1")
    assert code == 2 and "Give one of HANDLE, --id ID or --post URL." in output
