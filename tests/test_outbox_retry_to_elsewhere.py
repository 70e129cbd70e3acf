"""`outbox retry … --to NAME` for what else was held when a responder was removed, renamed or
replaced: an approved reply goes only to one that posts it (before, the console was offered,
and took it: the reply was printed, nobody got it, and its case counted as answered), and
`--held-for OLD --to NEW` sends every action held for a responder no longer configured (before,
"no responder is named 'slack'": only those it refused as a whole were found)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import load_config
from mentiondesk.models import CaseContext, Label, OutboxAction, Reading
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import mention, run_cli, table_rows, write_config, write_mentions

GONE = "no responder named {!r} is configured"  # how the worker held them (outbox_deliver)
POSTER = '\n[[responders]]\nkind = "x-post"\nname = "xb"\n'  # the X account's poster, renamed
CHAT = '\n[[responders]]\nkind = "mattermost"\nname = "mm"\nurl_env = "MD_TEST_MM_URL"\n'
ROUTING = '\n[routing]\nalert = ["mm"]\npost = { default = "console", x = "xb" }\n'


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MD_TEST_MM_URL", "http://127.0.0.1:9/hooks/x")
    monkeypatch.setenv("X_USER_TOKEN", "x-token")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = POSTER + CHAT + ROUTING
    return write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)


def add(config: Path, key: str, kind: str, target: str, error: str | None = None) -> int:
    """A held action for `target`, as the worker held it (`error`: for want of `target`)."""
    reading = Reading(Label.NEGATIVE, 0.9)
    context = CaseContext(mention(1), reading, case_number="MD-000001", draft_id=7)
    row = outbox_row(OutboxAction(key, kind, target, context), None, datetime.now(UTC))
    row |= {"status": "held", "last_error": error or GONE.format(target)}
    store = Store(load_config(config).store_url())
    store.create_all()
    try:
        with store.engine.begin() as conn:
            return int(conn.scalar(sa.insert(OUTBOX).values(row).returning(OUTBOX.c.id)))
    finally:
        store.dispose()


def where(config: Path, outbox_id: int) -> tuple[str, str]:
    query = sa.select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.target)
    rows = table_rows(load_config(config).store_url(), query)
    return next((str(s), str(t)) for i, s, t in rows if i == outbox_id)


def said(output: str) -> str:
    return " ".join(output.split())


def test_a_held_reply_is_offered_its_poster_not_the_console(config: Path) -> None:
    reply = add(config, "post:draft:7", "post", "xa")
    code, output = run_cli(config, "outbox", "retry", str(reply))
    assert code == 1 and "send it elsewhere with --to NAME (xb)" in said(output), output


def test_a_held_reply_is_not_sent_to_the_console(config: Path) -> None:
    reply = add(config, "post:draft:7", "post", "xa")
    code, output = run_cli(config, "outbox", "retry", str(reply), "--to", "console")
    assert code == 1, output
    assert (
        "'console' (kind console) does not post on x: the reply would be printed, not posted, "
        "and its case counted as answered; use a poster for x: xb"
    ) in said(output)
    assert where(config, reply) == ("held", "xa")
    assert run_cli(config, "outbox", "retry", str(reply), "--to", "xb")[0] == 0
    assert where(config, reply) == ("pending", "xb")


def test_held_for_a_responder_since_removed_sends_each_to_the_new_one(config: Path) -> None:
    first = add(config, "alert:slack:x:m1:angry", "alert", "slack")
    second = add(config, "alert:slack:x:m2:angry", "alert", "slack")
    mine = add(config, "alert:slack:x:m3:angry", "alert", "slack", "held by cli:ana: wait")
    code, output = run_cli(config, "outbox", "retry", "--held-for", "slack", "--to", "mm")
    assert code == 0, output
    assert f"2 actions due now ({first}, {second})" in said(output), output
    assert where(config, first) == where(config, second) == ("pending", "mm")
    assert where(config, mine) == ("held", "slack")  # a person's hold is theirs to lift


def test_held_for_a_typo_is_still_named(config: Path) -> None:
    add(config, "alert:slack:x:m1:angry", "alert", "slack")
    code, output = run_cli(config, "outbox", "retry", "--held-for", "slak", "--to", "mm")
    assert code == 1 and "no responder is named 'slak'; the responders are:" in output, output
