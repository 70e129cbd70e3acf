"""The Porto brand's two help desks, shared by the tests of a follow-up held at its gone desk
"zd" while its case has a ticket at each of them: Request Tracker "rt-pt" for Portugal and
Zendesk "zendesk-br" for Brazil (tests/test_ops_porto_two_desks_hint.py,
tests/test_ops_porto_held_desks*.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from mentiondesk.casework import escalate_case
from mentiondesk.store import Store
from tests.helpers import write_config, write_mentions
from tests.responders._data import seed
from tests.test_outbox_claim_hold_audit import queue_follow_up

DESKS = ("zendesk-br", "rt-pt")  # escalated in this order: the hints sort them by name


def two_desks_config(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config.toml on `pg_url` with both desks (their tokens in the environment)."""
    monkeypatch.setenv("RT_TOKEN", "rt-token")
    monkeypatch.setenv("ZENDESK_TOKEN", "zd-token")
    extra = (
        '\n[[responders]]\nkind = "request_tracker"\nname = "rt-pt"\n'
        'base_url = "http://127.0.0.1:9/REST/2.0/"\n'
        '\n[[responders]]\nkind = "zendesk"\nname = "zendesk-br"\n'
        'base_url = "https://lumora.zendesk.com"\nemail = "agent@lumora.test"\n'
    )
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url=pg_url, samples=samples, extra=extra)


def follow_up_at_zd(store: Store, desks: Sequence[str] = DESKS) -> tuple[int, int]:
    """A case escalated to each of `desks` and its author's follow-up queued for "zd", the
    desk the case never had a ticket at: (case id, follow-up's outbox id)."""
    case = seed(store, alert_to="console")
    for desk in desks:
        escalate_case(store, case.case_id, by="cli:ops", target=desk)
    return case.case_id, queue_follow_up(store, case.case_id)


def one_line(output: str) -> str:
    """`output` as one line, however the terminal wrapped it."""
    return " ".join(output.split())
