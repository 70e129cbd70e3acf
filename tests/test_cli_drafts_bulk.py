"""`drafts reject` for many drafts (a recall gone viral): filters or ids show what they match
and change nothing; --yes rejects exactly that, each as the single command does, and skips a
draft a colleague decided or edited meanwhile. Through the real CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import drafts_bulk, queue
from mentiondesk.cli_common import who
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, OUTBOX
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    mention,
    run_cli,
    table_rows,
    write_config,
    write_mentions,
)

HOSTILE = "[red]Bo[/red]\x1b[2J"  # rich markup, and a terminal's "clear the screen"


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    """Six mentions read by one run: complaints (odd: private drafts, rule `complaint`, a
    case each) and praise (even: public drafts, rule `praise`), each by its own author."""
    mentions = [
        mention(n, COMPLAINT if n % 2 else PRAISE, author=f"a{n}", name="Bia") for n in range(1, 7)
    ]
    samples = write_mentions(tmp_path / "m.jsonl", mentions)
    path = write_config(tmp_path, db_url=db_url, samples=samples)
    assert run_cli(path, "run", "--once")[0] == 0
    return path


def _drafts(config: Path) -> dict[int, tuple[str, str, str | None]]:
    """Each draft: (rule, status, decided_by)."""
    query = sa.select(DRAFT.c.id, DRAFT.c.rule, DRAFT.c.status, DRAFT.c.decided_by)
    return {r[0]: (r[1], r[2], r[3]) for r in table_rows(_url(config), query)}


def _url(config: Path) -> str:
    return load_config(config).store_url()


def _with_rule(config: Path, rule: str) -> list[int]:
    return [i for i, (r, _, _) in _drafts(config).items() if r == rule]


def _said(output: str) -> str:
    return " ".join(output.split())


def test_nothing_matched_changes_nothing_and_says_so(config: Path) -> None:
    before = _drafts(config)
    code, output = run_cli(config, "drafts", "reject", "--rule", "praise", "--platform", "reddit")
    assert code == 0, output
    assert "No pending draft matches: nothing rejected." in output
    assert _drafts(config) == before


def test_a_mistyped_rule_is_refused_naming_the_rules(config: Path) -> None:
    code, output = run_cli(config, "drafts", "reject", "--rule", "prase", "--yes")
    assert code == 2, output
    assert "pending drafts come from: complaint, praise" in _said(output)


def test_no_filter_and_no_id_is_refused(config: Path) -> None:
    code, output = run_cli(config, "drafts", "reject", "--yes")
    assert code == 2 and "name the drafts" in output, output
    assert all(status == "pending" for _, status, _ in _drafts(config).values())


def test_dry_run_counts_and_shows_but_changes_nothing(config: Path) -> None:
    before = _drafts(config)
    code, output = run_cli(config, "drafts", "reject", "--rule", "praise")
    assert code == 0, output
    said = _said(output)
    assert "3 pending drafts match." in said and "By rule: praise 3" in said
    assert "add --yes to reject 3 drafts" in said
    for draft_id in _with_rule(config, "praise"):
        assert f"│ {draft_id} " in output  # each listed by id
    assert _drafts(config) == before
    assert table_rows(_url(config), sa.select(AUDIT.c.id).where(AUDIT.c.action == "reject")) == []
    # Several ids without --yes: shown too, not rejected.
    code, output = run_cli(config, "drafts", "reject", "1", "2")
    assert code == 0 and "2 pending drafts match." in _said(output), output
    assert _drafts(config) == before


def test_yes_rejects_exactly_the_matching_ones_as_the_single_command(
    config: Path, caplog: pytest.LogCaptureFixture
) -> None:
    praise, complaints = _with_rule(config, "praise"), _with_rule(config, "complaint")
    with caplog.at_level(logging.DEBUG, logger="mentiondesk"):
        code, output = run_cli(config, "drafts", "reject", "--rule", "praise", "--yes")
    assert code == 0, output
    assert "Rejected 3 drafts." in output
    after = _drafts(config)
    assert {i for i, (_, s, _) in after.items() if s == "rejected"} == set(praise)
    assert all(after[i] == ("praise", "rejected", who()) for i in praise)
    assert all(after[i][1] == "pending" for i in complaints)
    query = sa.select(AUDIT.c.draft_id, AUDIT.c.actor, AUDIT.c.action)
    trail = table_rows(_url(config), query.where(AUDIT.c.action == "reject"))
    assert trail == [(i, who(), "reject") for i in sorted(praise)]  # one line each, as `reject ID`
    assert "Thank you" not in caplog.text and "Bia" not in caplog.text  # logs: counts only


def test_filters_combine_and_cases_stay_open(config: Path) -> None:
    complaints = _with_rule(config, "complaint")
    code, output = run_cli(
        config, "drafts", "reject", "--private", "--lang", "en", "--case", "MD-000002", "--yes"
    )
    assert code == 0, output
    after = _drafts(config)
    assert [i for i in complaints if after[i][1] == "rejected"] == [complaints[1]]
    cases = table_rows(_url(config), sa.select(CASE.c.id, CASE.c.status))
    assert all(status == "open" for _, status in cases)  # as `drafts reject ID` leaves them
    code, output = run_cli(config, "drafts", "reject", "--public", "--older-than", "1h", "--yes")
    assert code == 0 and "No pending draft matches" in output, output  # drafted just now


def test_one_approved_or_edited_meanwhile_is_skipped_not_overwritten(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    praise = _with_rule(config, "praise")
    post = load_config(config).settings.routing.post
    found, keys = drafts_bulk.matching, []

    def colleagues_act(store: Store, wanted: drafts_bulk.Filters) -> list[drafts_bulk.Match]:
        matched = found(store, wanted)  # then, before the first reject, two colleagues act
        keys.append(queue.approve_draft(store, praise[0], by="web:bia", post_route=post))
        queue.edit_draft(store, praise[1], text="Obrigada, Bia!", by="web:caio")
        return matched

    monkeypatch.setattr(drafts_bulk, "matching", colleagues_act)
    code, output = run_cli(config, "drafts", "reject", "--rule", "praise", "--yes")
    assert code == 1, output
    said = _said(output)
    assert "Rejected 1 draft." in said
    assert f"Skipped 1 draft, decided meanwhile (left as they are): {praise[0]}" in said
    assert f"Skipped 1 draft, edited meanwhile (left as they are): {praise[1]}" in said
    after = _drafts(config)
    assert after[praise[0]] == ("praise", "approved", "web:bia")
    assert after[praise[1]] == ("praise", "pending", None)
    assert after[praise[2]] == ("praise", "rejected", who())
    queued = table_rows(_url(config), sa.select(OUTBOX.c.status).where(OUTBOX.c.key.in_(keys)))
    assert queued == [("pending",)]  # the approval's reply is still queued


def test_hostile_text_in_the_preview_is_escaped(config: Path) -> None:
    # An agent's edit quoting the customer: the draft's text is a stranger's words too.
    store = Store(_url(config))
    try:
        queue.edit_draft(store, _with_rule(config, "praise")[0], text=HOSTILE, by="web:bia")
    finally:
        store.dispose()
    code, output = run_cli(config, "drafts", "reject", "--rule", "praise", "--platform", "X")
    assert code == 0, output
    assert "[red]Bo[/red]" in output  # rich's markup shown as text, not applied
    assert "\x1b" not in output


def test_ids_not_pending_are_named_with_exit_status_1(config: Path) -> None:
    praise = _with_rule(config, "praise")
    assert run_cli(config, "drafts", "reject", str(praise[0]))[0] == 0  # one id: at once
    code, output = run_cli(config, "drafts", "reject", *map(str, praise), "999", "--yes")
    assert code == 1, output
    said = _said(output)
    assert "Rejected 2 drafts." in said
    assert f"Not pending, no such draft, or outside the filters: {praise[0]}, 999" in said
