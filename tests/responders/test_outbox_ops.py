"""Operators: a sink that is down leaves actions waiting with the error shown; `outbox list`,
`outbox retry` and `responders check` say what is wrong."""

from __future__ import annotations

import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import SecretStr
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_admin import check_responders, retry, waiting
from mentiondesk.store import Store
from mentiondesk.tables import MENTION, OUTBOX
from responders.console import ConsoleResponder
from responders.discord import DiscordResponder
from responders.local import LocalHelpdeskResponder
from responders.mattermost import MattermostResponder
from responders.slack import SlackResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import seed

CONFIG = """[brand]\nname = "Lumora"\n[store]\nurl = "sqlite:///store.db"
[[sources]]\nkind = "replay"\npath = "m.jsonl"\n[routing]\nalert = ["mm"]
[[responders]]\nkind = "mattermost"\nname = "mm"\nurl_env = "MD_TEST_MM_URL"
[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n"""


def _dead_url() -> str:
    with socket.socket() as s:  # a port nothing listens on: connection refused
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/hooks/xyz"


async def test_sink_down_waits_with_error_then_retry_delivers(
    tmp_path: Path, fake_api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store, alert_to="mm")
    down = MattermostResponder("mm", url=_dead_url())
    assert await OutboxWorker(store, {"mm": down}, OutboxSection()).drain() == 0
    [row] = waiting(store)
    assert row.status == "pending"
    assert row.attempts == 1
    assert row.last_error == "Unreachable: mattermost unreachable: ClientConnectorError"
    (tmp_path / "config.toml").write_text(CONFIG)
    (tmp_path / "m.jsonl").write_text("")
    monkeypatch.setenv("MD_TEST_MM_URL", "http://127.0.0.1:9/hooks/x")
    monkeypatch.setenv("COLUMNS", "200")
    shown = CliRunner().invoke(cli, ["-c", str(tmp_path / "config.toml"), "outbox", "list"])
    assert shown.exit_code == 0, shown.output
    assert "mattermost unreachable" in shown.output
    assert retry(store, row.id)
    webhooks.install(fake_api)
    up = MattermostResponder("mm", url=fake_api.base_url + webhooks.MATTERMOST)
    assert await OutboxWorker(store, {"mm": up}, OutboxSection()).drain() == 1
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(OUTBOX.c.status)) == "done"
    await down.close()
    await up.close()
    store.dispose()


def test_retry_keeps_the_lease_of_an_action_being_delivered(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store, alert_to="mm")
    soon = datetime.now(UTC) + timedelta(minutes=4)  # a live worker holds it
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(lease_until=soon))
        row_id = conn.scalar(sa.select(OUTBOX.c.id))
    assert retry(store, row_id)
    with store.engine.connect() as conn:
        lease = conn.scalar(sa.select(OUTBOX.c.lease_until))
    assert lease == soon  # not released under the worker delivering it
    store.dispose()


def test_retry_of_unknown_id_is_refused(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    assert not retry(store, 999)
    store.dispose()


async def test_responders_check_says_which_is_wrong(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    webhooks.install(fake_api)
    good, bad = (
        SlackResponder(
            name,
            token=SecretStr(token),
            signing_secret=SecretStr("s"),
            channel="C0TEAM",
            base_url=fake.base_url,
        )
        for name, token in (("slack", "xoxb-test"), ("slack-pt", "xoxb-typo"))
    )
    hook = DiscordResponder("discord", url=fake_api.base_url + webhooks.DISCORD)
    mm = MattermostResponder("mm", url=fake_api.base_url + webhooks.MATTERMOST)
    wrong_hook = DiscordResponder("discord-old", url=fake_api.base_url + "/api/webhooks/1/gone")
    fake_api.queue(
        "GET", "/api/v10/webhooks/1/gone", 404, {"message": "Unknown Webhook", "code": 10015}
    )
    sinks = {"slack": good, "slack-pt": bad, "discord": hook, "discord-old": wrong_hook}
    quiet = {"console": ConsoleResponder(), "cases": LocalHelpdeskResponder(), "mm": mm}
    results = {r.name: r for r in await check_responders({**sinks, **quiet})}
    assert results["slack"].ok is True
    assert results["slack-pt"].ok is False
    assert "invalid_auth" in results["slack-pt"].detail
    assert results["discord"].detail == "webhook 'support-alerts' found"
    assert results["discord-old"].ok is False
    assert "404" in results["discord-old"].detail
    assert results["console"].ok is None
    assert results["console"].detail == "prints to this terminal: nothing to check"
    assert results["cases"].detail == "escalations stay in the store: nothing to check"
    assert "URL is set" in results["mm"].detail and "without posting" in results["mm"].detail
    await hook.close()
    await wrong_hook.close()
    await mm.close()


async def test_429_makes_the_action_wait_for_retry_after(tmp_path: Path, fake_api: FakeAPI) -> None:
    from datetime import UTC, datetime

    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store, alert_to="mm")
    webhooks.install(fake_api)
    fake_api.queue(
        "POST", webhooks.MATTERMOST, 429, {"message": "slow down"}, headers={"Retry-After": "120"}
    )
    sink = MattermostResponder("mm", url=fake_api.base_url + webhooks.MATTERMOST)
    assert await OutboxWorker(store, {"mm": sink}, OutboxSection()).drain() == 0
    [row] = waiting(store)
    wait = (row.next_attempt_at - datetime.now(UTC)).total_seconds()
    assert 100 < wait <= 120
    assert "429" in (row.last_error or "")
    await sink.close()
    store.dispose()


async def test_outbox_list_names_the_case_and_the_mention(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store, external_id="m7", alert_to="mm")
    [row] = waiting(store)
    with store.engine.connect() as conn:
        mention_id = conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.external_id == "m7"))
    assert (row.case, row.mention_id) == ("MD-000001", mention_id)
    (tmp_path / "config.toml").write_text(CONFIG)
    (tmp_path / "m.jsonl").write_text("")
    monkeypatch.setenv("MD_TEST_MM_URL", "http://127.0.0.1:9/hooks/x")
    monkeypatch.setenv("COLUMNS", "200")
    shown = CliRunner().invoke(cli, ["-c", str(tmp_path / "config.toml"), "outbox", "list"])
    assert re.search(r"│ mm\s+│ MD-000001\s+│", shown.output), shown.output
    assert re.search(rf"│\s+│ mention {mention_id}\s+│", shown.output), shown.output
    store.dispose()
