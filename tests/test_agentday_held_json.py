"""`cases list` / `drafts list --format json`: a reply the outbox holds as too long gives its
length as the platform counts it, the limit and by how much it is over, as the desk says it
(held_replies.held_length); null for a reply held for another reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.models import FatalError, OutboxAction, Receipt
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from responders.console import ConsoleResponder
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions


@pytest.fixture
def one_case(tmp_path: Path) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def _held_as(config: Path, error: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Approve draft 1 as the platform refuses it for good with `error`."""

    async def deliver(self: ConsoleResponder, action: OutboxAction) -> Receipt:
        raise FatalError(error)

    monkeypatch.setattr(ConsoleResponder, "deliver", deliver)
    run_cli(config, "drafts", "approve", "1")


def _held_reply(config: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    code, out = run_cli(config, "cases", "list", "--format", "json")[:2]
    assert code == 0, out
    (case,) = json.loads(out)["cases"]
    code, out = run_cli(config, "drafts", "list", "--format", "json")[:2]
    (draft,) = json.loads(out)["held_replies"]
    return case["held_reply"], draft["held_reply"]


def test_a_reply_held_as_too_long_says_by_how_much(
    one_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _held_as(one_case, "x posting: the reply is too long for X", monkeypatch)
    store = Store(load_config(one_case).store_url())
    with store.engine.begin() as conn:  # approved under an older limit: over X's DM limit
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == 1).values(text="a" * 10_010))
    store.dispose()
    in_cases, in_drafts = _held_reply(one_case)
    assert in_cases["reason"] == "too-long"
    want = {"counted": 10_010, "limit": 10_000, "over": 10, "unit": "characters"}
    assert in_cases["length"] == want and in_drafts["length"] == want


def test_a_reply_the_platform_counted_longer_is_over_by_0(
    one_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _held_as(one_case, "x posting: the reply is too long for X", monkeypatch)
    length = _held_reply(one_case)[0]["length"]
    assert length["over"] == 0 and 0 < length["counted"] <= length["limit"] == 10_000


def test_another_hold_has_no_length(one_case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _held_as(one_case, "x refused it: You cannot send messages to this user", monkeypatch)
    held = _held_reply(one_case)[0]
    assert held["reason"] == "dms-closed" and held["length"] is None
