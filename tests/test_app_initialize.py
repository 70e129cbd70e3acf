"""A start refused while building (a bad playbook, a plugin that cannot be built) leaves
nothing open: the plugins handed in or built so far are closed, the store's sessions too."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.models import Batch, ConfigError, OutboxAction, Receipt
from mentiondesk.pipeline import App
from tests.conftest import PG_ADMIN_URL
from tests.helpers import COMPLAINT, config_for, mention

UNKNOWN_TARGET = (
    '[[rules]]\nname = "loud"\nwhen = { label = ["negative"] }\n'
    'actions = [{ type = "alert", to = "slak" }]\n'
)
SLACK = (
    '\n[[responders]]\nkind = "slack"\nname = "team"\nchannel = "C0123456789"\n'
    'bot_token_env = "MD_TEST_SLACK_TOKEN"\nsigning_secret_env = "MD_TEST_SLACK_SIGNING"\n'
)


class Closable:
    """A source and a responder at once, noting whether it was closed."""

    name = "closable"
    poll_seconds = 60.0

    def __init__(self) -> None:
        self.closed = False

    async def poll(self, cursor: str | None) -> Batch:
        return Batch(mentions=[], cursor=cursor)

    async def deliver(self, action: OutboxAction) -> Receipt:
        return Receipt(ref="closable")

    async def close(self) -> None:
        self.closed = True


def _sessions(db_url: str) -> int:
    """Sessions open on the test database, the store's if it left any (the server ends a
    closed one a moment after the client hangs up: looked for until gone, with a guard)."""
    name = db_url.rsplit("/", 1)[1]
    query = sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name")
    admin = sa.create_engine(PG_ADMIN_URL, poolclass=sa.pool.NullPool)
    try:
        for _ in range(200):  # a guard against a hang, not a measure
            with admin.connect() as conn:
                count = int(conn.scalar(query, {"name": name}) or 0)
            if not count:
                break
            time.sleep(0.05)
    finally:
        admin.dispose()
    return count


@pytest.mark.postgres
async def test_a_playbook_that_fails_to_build_leaves_nothing_open(
    tmp_path: Path, pg_url: str
) -> None:
    (tmp_path / "rules.toml").write_text(UNKNOWN_TARGET)
    extra = '\n[playbooks]\npaths = ["rules.toml"]\n'
    config = config_for(tmp_path, pg_url, [mention(1, COMPLAINT)], extra=extra)
    source, chat, cases = Closable(), Closable(), Closable()
    app = App(config, sources=[source], responders={"console": chat, "cases": cases})  # type: ignore[list-item, dict-item]
    with pytest.raises(ConfigError, match="no responder has that name"):
        await app.initialize()
    assert source.closed and chat.closed and cases.closed
    assert _sessions(pg_url) == 0


async def test_a_responder_that_fails_to_build_closes_the_sources_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_TEST_SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("MD_TEST_SLACK_SIGNING", "signing")
    config = config_for(tmp_path, "sqlite:///desk.db", [mention(1, COMPLAINT)], extra=SLACK)
    monkeypatch.delenv("MD_TEST_SLACK_TOKEN")  # unset between the config check and the start
    source = Closable()
    app = App(config, sources=[source])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="MD_TEST_SLACK_TOKEN is not set"):
        await app.initialize()
    assert source.closed
