"""`authors export` lists the replies and private messages the desk posted to the author (the
link or id the platform gave back): copies on the platform that `authors forget` lists to
delete there. In both formats, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY
from tests import test_cli_forget as base
from tests.helpers import run_cli

desk = base.desk  # Ana's MD-000001 (her private draft 3 pending), Bia's praise (draft 2)
URL = "https://x.com/lumora/status/3reply999"


def _deliver(desk: Path, db_url: str, draft: str) -> None:
    """Approve and send the draft; give its delivery the link a real poster records (the
    console responder records none)."""
    assert run_cli(desk, "drafts", "approve", draft)[0] == 0
    assert run_cli(desk, "run", "--once")[0] == 0
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            sent = DELIVERY.c.key == f"post:draft:{draft}"
            values = {"url": f"{URL}{draft}", "ref": f"3reply999{draft}", "kind": "post"}
            assert conn.execute(sa.update(DELIVERY).where(sent).values(values)).rowcount == 1
    finally:
        store.dispose()


def test_the_export_lists_the_replies_posted_to_them(desk: Path, db_url: str) -> None:
    _deliver(desk, db_url, "3")  # a private message to Ana
    _deliver(desk, db_url, "2")  # a public thank-you to Bia: not Ana's
    code, output = run_cli(desk, "authors", "export", "x", "h_a1", "--format", "json")
    assert code == 0, output
    assert json.loads(output)["replies"] == [
        {"platform": "x", "private": True, "sent_by": "console"}
        | {"ref": "3reply9993", "url": f"{URL}3"}
    ]
    code, output = run_cli(desk, "authors", "export", "x", "h_a1")
    assert code == 0 and "Replies (1)" in output and f"url: {URL}3" in output
    assert f"{URL}2" not in output
    code, output = run_cli(desk, "authors", "export", "x", "h_b", "--format", "json")
    assert [r["url"] for r in json.loads(output)["replies"]] == [f"{URL}2"]
