"""`outbox retry ID…` and `--all-held`: after a revoked token held every ticket, one command
releases them all; one that cannot be retried is named and the others still are. And
`outbox list` stays readable at 80 columns, its last errors on lines of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import run_cli
from tests.test_cli_outbox_retarget import _add, _row, _said
from tests.test_cli_outbox_retarget import config as config  # the fixture, re-exported

CHAT_KEY = "alert:mm:x:m{}:angry"


def test_retry_releases_several_ids_and_names_the_one_it_leaves(config: Path) -> None:
    first, second = (_add(config, CHAT_KEY.format(i), "alert", "mm") for i in (1, 2))
    gone = _add(config, "ticket:zd:case:MD-000001", "ticket", "zd")  # its desk was removed
    code, output = run_cli(config, "outbox", "retry", str(first), str(gone), str(second))
    assert code == 1, output
    said = _said(output)
    assert f"2 actions due now ({first}, {second})" in said
    assert f"action {gone} left: action {gone} goes to 'zd', which is no longer configured" in said
    assert [_row(config, i)[0] for i in (first, second, gone)] == ["pending", "pending", "held"]


def test_all_held_releases_every_held_action_and_only_those(config: Path) -> None:
    held = [_add(config, CHAT_KEY.format(i), "alert", "mm") for i in (1, 2, 3)]
    waiting = _add(config, CHAT_KEY.format(4), "alert", "mm", status="pending")
    code, output = run_cli(config, "outbox", "retry", "--all-held")
    assert code == 0 and f"3 actions due now ({', '.join(map(str, held))})" in _said(output)
    assert {_row(config, i)[0] for i in held} == {"pending"}
    assert run_cli(config, "outbox", "retry", "--all-held")[1].strip() == "no action is held"
    assert _row(config, waiting)[0] == "pending"


@pytest.mark.parametrize("args", [(), ("1", "--all-held")])
def test_retry_takes_ids_or_all_held(config: Path, args: tuple[str, ...]) -> None:
    code, output = run_cli(config, "outbox", "retry", *args)
    said = _said(output)  # with neither, --held-for NAME is named too
    assert code == 2 and "give action ids" in said and "--all-held" in said, output


def test_list_keeps_to_80_columns_with_errors_on_their_own_lines(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = _add(config, CHAT_KEY.format(1), "alert", "mm")
    error = "FatalError: mm answered 401; check the URL, token and permissions of the webhook"
    store = Store(load_config(config).store_url())
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == held).values(last_error=error))
    store.dispose()
    monkeypatch.setenv("COLUMNS", "80")
    code, listed = run_cli(config, "outbox", "list", "--held")
    assert code == 0, listed
    assert max(len(line) for line in listed.splitlines()) <= 80, listed
    assert f"  {held}: {error}"[:77] in listed  # whole words, not slivers of a narrow column
    assert "mentiondesk outbox retry ID… (or --all-held)" in _said(listed)


def test_retry_words_a_delivered_or_unknown_id_as_hold_does(config: Path) -> None:
    """Not "no pending or held action with id 3", as if it did not exist."""
    done = _add(config, CHAT_KEY.format(1), "alert", "mm", status="done")
    code, output = run_cli(config, "outbox", "retry", str(done))
    assert code == 1 and _said(output) == f"action {done} not retried: delivered already"
    code, output = run_cli(config, "outbox", "retry", "999")
    assert code == 1 and _said(output) == "no action with id 999"
    held = _add(config, CHAT_KEY.format(2), "alert", "mm")
    code, output = run_cli(config, "outbox", "retry", str(done), "999", str(held))
    said = _said(output)
    assert code == 1 and f"action {done} not retried: delivered already" in said, said
    assert "no action with id 999" in said and "left" not in said


def _refused(config: Path, *ids: int, error: str) -> None:
    store = Store(load_config(config).store_url())
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id.in_(ids)).values(last_error=error))
    store.dispose()


def test_held_for_releases_what_one_responder_refused_as_a_whole_only(config: Path) -> None:
    """After a chat's webhook is fixed, the alerts it refused go; another responder's held
    actions stay, and so does one of its own that a person held (it may have gone out)."""
    chat = [_add(config, CHAT_KEY.format(i), "alert", "mm") for i in (1, 2, 3)]
    ticket = _add(config, "ticket:zd:case:MD-000001", "ticket", "zd")
    refusal = "sink refused: mm answered 404: nothing is there"
    _refused(config, chat[0], chat[1], ticket, error=refusal)
    _refused(config, chat[2], error="held by cli:ana: went out before the restore")
    code, output = run_cli(config, "outbox", "retry", "--held-for", "mm")
    assert code == 0 and f"2 actions due now ({chat[0]}, {chat[1]})" in _said(output), output
    assert [_row(config, i)[0] for i in (*chat, ticket)] == ["pending", "pending", "held", "held"]
    code, output = run_cli(config, "outbox", "retry", "--held-for", "mn")
    assert code == 1 and "no responder is named 'mn'; the responders are: " in _said(output)
    code, output = run_cli(config, "outbox", "retry", "--held-for", "mm")  # released above
    assert code == 0 and "no action is held for 'mm' after it refused them all" in _said(output)
    code, output = run_cli(config, "outbox", "retry", "--held-for", "mm", "--all-held")
    assert code == 2 and "give --held-for NAME alone" in _said(output), output
