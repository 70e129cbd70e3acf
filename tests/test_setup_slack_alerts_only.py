"""A team that only wants Slack alerts sets no signing secret: the config loads, its cards
carry a link to the desk case instead of buttons nothing could verify, check-config says the
buttons are off and why, and /slack/actions never takes an unsigned (or blank-key) request."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlalchemy as sa
from aiohttp import web
from pydantic import SecretStr

from mentiondesk.config import load_config
from mentiondesk.models import OutboxAction
from mentiondesk.slack_actions import SlackActions, add_slack_routes, signature
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from responders.slack import SlackResponder
from responders.slack_blocks import ACTIONS_BLOCK
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import run_cli, write_config, write_mentions
from tests.responders._data import Seeded, action, seed

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CASE_URL = "https://desk.example/cases/MD-000007"
SLACK = '\n[[responders]]\nkind = "slack"\nchannel = "C0123456789"\n'


def _responder(fake: SlackFake, secret: str | None, name: str = "slack") -> SlackResponder:
    return SlackResponder(
        name,
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr(secret) if secret is not None else None,
        channel="C0TEAM",
        base_url=fake.base_url,
    )


def _elements(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks for e in b.get("elements") or [] if isinstance(e, dict)]


def _linked(alert: OutboxAction) -> OutboxAction:
    return replace(alert, context=replace(alert.context, case_url=CASE_URL))


def test_the_config_loads_without_a_signing_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=SLACK)
    assert [r.kind for r in load_config(path).responders][-1] == "slack"
    code, output = run_cli(path, "check-config")
    said = " ".join(output.split())
    assert code == 0, said
    assert "responders[2].signing_secret_env: SLACK_SIGNING_SECRET is not set" in said
    assert "Slack buttons of 'slack' are off" in said and "link to the desk case" in said
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)  # set: no warning
    assert "signing_secret_env" not in run_cli(path, "check-config")[1]


def test_no_approvers_warning_when_there_are_no_buttons_to_approve_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentiondesk.config_routing import open_approvals

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    path = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=SLACK)
    assert open_approvals(load_config(path)) == []  # alerts only: nobody approves from them
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    assert "has no approvers" in " ".join(open_approvals(load_config(path)))


async def test_cards_without_a_secret_link_to_the_desk_instead_of_buttons(
    fake_api: FakeAPI,
) -> None:
    fake = SlackFake(fake_api)
    await _responder(fake, None).deliver(_linked(action()))
    blocks = fake.posted()[-1]["blocks"]
    assert not [b for b in blocks if b.get("block_id") == ACTIONS_BLOCK]
    assert not [e for e in _elements(blocks) if e.get("type") == "button"]
    assert any(f"<{CASE_URL}|Open in desk>" in str(e.get("text")) for e in _elements(blocks))
    await _responder(fake, SECRET).deliver(_linked(action("another")))  # with one: buttons
    ids = {e.get("action_id") for e in _elements(fake.posted()[-1]["blocks"])}
    assert {"approve", "reject", "open_desk"} <= ids


async def test_a_card_without_a_desk_link_has_neither(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    await _responder(fake, None).deliver(action())
    blocks = fake.posted()[-1]["blocks"]
    assert not [e for e in _elements(blocks) if e.get("type") == "button"]
    assert "Open in desk" not in json.dumps(blocks)


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Store, Seeded, Any]:
    (tmp_path / "config.toml").write_text(
        '[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
        '[routing]\nalert = ["console"]\nticket = "cases"\n[[responders]]\nkind = "console"\n'
        '[[responders]]\nkind = "local"\nname = "cases"\n'
    )
    (tmp_path / "m.jsonl").write_text("")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    return store, seed(store), load_config(tmp_path / "config.toml")


async def _served(app: web.Application) -> AsyncIterator[str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/slack/actions"
    await runner.cleanup()


async def _press(
    url: str,
    seeded: Seeded,
    secret: str,
    *,
    signed: bool = True,
    card: Mapping[str, Any] | None = None,
) -> int:
    """Approve pressed on `card` (its channel, ts and message, as Slack sends them)."""
    value = json.dumps({"case": seeded.number, "draft": seeded.draft_id})
    pressed = {"action_id": "approve", "value": value, "type": "button", "action_ts": "1.1"}
    payload = {
        "type": "block_actions",
        "user": {"id": "U42ANN"},
        "actions": [pressed],
        **(card or {}),
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    ts = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": ts, "Content-Type": "application/x-www-form-urlencoded"}
    if signed:
        sign = signature(secret, timestamp=ts, body=body)  # a blank key too: slack_sdk won't
        headers["X-Slack-Signature"] = sign
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as a:
        return a.status


def _draft_status(store: Store, seeded: Seeded) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == seeded.draft_id)))


async def test_with_no_secret_at_all_every_request_is_refused(
    fake_api: FakeAPI, seeded: tuple[Store, Seeded, Any]
) -> None:
    store, data, config = seeded
    app = web.Application()
    slack = _responder(SlackFake(fake_api), None)
    assert add_slack_routes(app, store=store, config=config, responders={"slack": slack}) is None
    async for url in _served(app):
        assert await _press(url, data, "") == 401  # a blank key: anyone could sign with it
        assert await _press(url, data, SECRET) == 401
        assert await _press(url, data, "", signed=False) == 401
    assert _draft_status(store, data) == "pending"
    store.dispose()


async def test_beside_a_signed_slack_a_blank_key_is_still_refused(
    fake_api: FakeAPI, seeded: tuple[Store, Seeded, Any]
) -> None:
    store, data, config = seeded
    fake = SlackFake(fake_api)
    responders = {"alerts": _responder(fake, None, "alerts"), "slack": _responder(fake, SECRET)}
    ts = ((await responders["slack"].deliver(action())).ref or "").split(":")[1]
    card = {
        "channel": {"id": "C0TEAM"},
        "container": {"type": "message", "message_ts": ts},
        "message": fake.messages[ts],
    }
    app = web.Application()
    actions = add_slack_routes(app, store=store, config=config, responders=responders)
    assert actions is not None and [s.name for s in actions.slacks] == ["slack"]
    async for url in _served(app):
        assert await _press(url, data, "", card=card) == 401
        assert _draft_status(store, data) == "pending"
        assert await _press(url, data, SECRET, card=card) == 200  # the signed one's clicks work
        await actions.drain()
    assert _draft_status(store, data) == "approved"
    store.dispose()


async def test_a_responder_without_a_secret_never_verifies_a_request(fake_api: FakeAPI) -> None:
    """Even handed to SlackActions directly, no blank key signs anything."""
    body, ts = b"payload=%7B%7D", str(int(time.time()))
    blank = signature("", timestamp=ts, body=body)
    actions = SlackActions([_responder(SlackFake(fake_api), None)], work=None)  # type: ignore[arg-type]
    verdict = await actions.verify(body=body, timestamp=ts, sent=blank)
    assert not verdict.ok and verdict.reason == "bad signature"


async def test_responders_check_says_the_buttons_are_off(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    said = await _responder(fake, None).check()
    assert "token valid" in said and "no signing secret: the cards carry a link" in said
    assert "signing secret" not in await _responder(fake, SECRET).check()
