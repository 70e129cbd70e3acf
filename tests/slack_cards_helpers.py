"""The Slack card set-up the card tests share: a Slack responder on the fake Slack, the
seeded alert delivered as a card through the outbox, and the app serving the desk and
/slack/actions as `mentiondesk run` does (Both: a desk user logged in)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from pydantic import SecretStr

from mentiondesk.config import Config
from mentiondesk.outbox import OutboxWorker
from mentiondesk.slack_actions import SlackActions, add_slack_routes
from mentiondesk.store import Store
from mentiondesk.web import create_app, users
from mentiondesk.web.users import Role, add_user
from responders.slack import SlackResponder
from tests.desk.conftest import Desk
from tests.desk.seed import PASSWORD
from tests.fakes.slack import SlackFake
from tests.responders._data import Seeded
from tests.responders.test_slack_actions import SECRET


def slack_on(fake: SlackFake, *, secret: str = SECRET) -> SlackResponder:
    """The responder "slack", posting to the fake Slack's channel C0TEAM."""
    return SlackResponder(
        "slack",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr(secret),
        channel="C0TEAM",
        base_url=fake.base_url,
    )


async def post_card(store: Store, slack: SlackResponder, config: Config, fake: SlackFake) -> str:
    """Deliver the queued alert as `run` does (its desk link and impostor warning added);
    the ts of the one card it became."""
    desk_url, brand = config.settings.desk.public_url, config.brand
    worker = OutboxWorker(
        store, {"slack": slack}, config.settings.outbox, desk_url=desk_url, brand=brand
    )
    await worker.drain()
    [ts] = fake.messages
    return ts


def slack_app(
    config: Config, store: Store, slack: SlackResponder
) -> tuple[web.Application, SlackActions]:
    """The desk's app with /slack/actions (and the settle pass) mounted."""
    app = create_app(config, store)
    actions = add_slack_routes(app, store=store, config=config, responders={"slack": slack})
    assert actions is not None
    return app, actions


@dataclass
class Both:
    """The desk (a logged-in agent) and the Slack card, served by one app."""

    desk: Desk
    actions: SlackActions
    slack: SlackFake
    store: Store
    seeded: Seeded
    ts: str
    url: str

    def card(self) -> list[dict[str, Any]]:
        blocks: list[dict[str, Any]] = self.slack.messages[self.ts]["blocks"]
        return blocks

    def seen(self) -> set[str]:
        """The digests the card's draft buttons carry."""
        return {
            json.loads(e["value"]).get("seen", "")
            for b in self.card()
            if b.get("block_id") == "md_actions"
            for e in b["elements"]
            if e["action_id"] in ("approve", "reject", "edit")
        }

    def shows(self, text: str) -> bool:
        return text in json.dumps(self.card())

    def updates(self) -> int:
        return len(self.slack.api.calls("/api/chat.update"))


@asynccontextmanager
async def served(
    config: Config,
    store: Store,
    seeded: Seeded,
    fake: SlackFake,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Both]:
    """The seeded alert posted as a card, and the app serving it with an agent logged in."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    add_user(store, "agent", role=Role.AGENT, password=PASSWORD, by="test")
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    app, actions = slack_app(config, store, slack)
    server = TestServer(app)
    client: TestClient[web.Request, web.Application] = TestClient(server)
    async with server, client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        url = str(server.make_url("/slack/actions"))
        yield Both(desk, actions, fake, store, seeded, ts, url)
