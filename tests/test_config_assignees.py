"""A playbook `assign` to a name no desk user has: check-config refuses it, `run` warns and goes
on. It passed both, and cases were assigned to a name nobody logs in as."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.tables import CASE
from tests.helpers import (
    COMPLAINT,
    complaint_and_praise,
    mention,
    run_cli,
    table_rows,
    write_config,
    write_mentions,
)

_RULE = (
    '[[rules]]\nname = "vip"\nwhen = {{ label = ["negative"] }}\n'
    'actions = [{{ type = "assign", to = "{name}" }}]\n'
)
_PLAYBOOK = '\n[playbooks]\npaths = ["vip.toml"]\n'
SAID = (
    "vip.toml: rule 'vip', action assign: to = 'anna' is no desk user: add them with "
    "`mentiondesk users add anna --role agent`, or fix the name; users: {users}"
)


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    return write_config(tmp_path, db_url=db_url, samples=samples, extra=_PLAYBOOK)


def _assign(config: Path, name: str, *users: str) -> None:
    (config.parent / "vip.toml").write_text(_RULE.format(name=name))
    for user in users:
        added = run_cli(config, "users", "add", user, "--password-stdin", stdin="a long secret\n")
        assert added[0] == 0, added[1]


def _said(output: str) -> str:
    return " ".join(output.split())  # as a terminal of any width wraps it


def test_check_config_refuses_an_assignee_who_is_no_desk_user(config: Path) -> None:
    _assign(config, "anna", "bia", "ana")
    code, output = run_cli(config, "check-config")
    # Named by its file, so the rule is found among several files of rules.
    assert code == 2 and f"{config.parent}/" + SAID.format(users="ana, bia") in _said(output)


def test_a_desk_user_in_another_case_is_told_as_written(config: Path) -> None:
    """The case would be stored as "ANA": the queue's filter and "mine" go by 'Ana'."""
    _assign(config, "ANA", "Ana")
    code, output = run_cli(config, "check-config")
    said = (
        "vip.toml: rule 'vip', action assign: to = 'ANA' is the desk user 'Ana': write it as 'Ana'"
    )
    assert code == 2 and said in _said(output)
    _assign(config, "Ana")
    assert run_cli(config, "check-config")[0] == 0


def test_a_store_not_made_yet_has_no_users(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    config.write_text(config.read_text() + _PLAYBOOK)
    _assign(config, "anna")
    code, output = run_cli(config, "check-config")
    assert code == 2 and SAID.format(users="none yet") in _said(output)
    assert not list(tmp_path.glob("*.db"))  # check-config made none


def test_run_warns_at_start_and_goes_on(config: Path, db_url: str) -> None:
    """Not refused: a user may be added while it runs."""
    _assign(config, "anna", "ana")
    code, output = run_cli(config, "run", "--once")
    said = f"WARNING mentiondesk.cli: {config.parent}/{SAID.format(users='ana')}"
    assert code == 0 and said in _said(output)
    assert table_rows(db_url, sa.select(CASE.c.assignee)) == [("anna",)]
