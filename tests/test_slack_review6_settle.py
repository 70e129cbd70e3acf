"""Decisions made away from the desk (a follow-up replacing a draft in the pipeline, the
help-desk sync resolving a case, the CLI) are settled on their Slack cards by the Slack
app's periodic pass: real slack_sdk against the fake Slack, real PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from mentiondesk import queue
from mentiondesk.cases import withdraw_replaced_drafts
from mentiondesk.config import load_config
from mentiondesk.slack_actions import SLACK_ACTIONS
from mentiondesk.slack_settle import SLACK_SETTLE, SlackSettle
from mentiondesk.store import Store
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import Seeded, seed
from tests.slack_cards_helpers import post_card, slack_app, slack_on

DRAFT_BUTTONS = {"approve", "edit", "reject"}


@dataclass
class Card:
    app: web.Application
    slack: SlackFake
    store: Store
    seeded: Seeded
    ts: str

    def blocks(self) -> list[dict[str, Any]]:
        blocks: list[dict[str, Any]] = self.slack.messages[self.ts]["blocks"]
        return blocks

    def buttons(self) -> set[str]:
        return {
            e["action_id"]
            for blk in self.blocks()
            if blk.get("block_id") == "md_actions"
            for e in blk["elements"]
        }

    def lines(self) -> str:
        return json.dumps([blk for blk in self.blocks() if blk.get("type") == "context"])

    def updates(self) -> int:
        return len(self.slack.api.calls("/api/chat.update"))

    @property
    def settle(self) -> SlackSettle:
        return self.app[SLACK_SETTLE]


@pytest.fixture(name="c")
async def card(fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str) -> Card:
    config = load_config(write_config(tmp_path, db_url))
    seeded = seed(store)  # a pending private draft, and its alert to "slack"
    fake = SlackFake(fake_api)
    slack = slack_on(fake)
    ts = await post_card(store, slack, config, fake)
    app = slack_app(config, store, slack)[0]
    return Card(app, fake, store, seeded, ts)


async def test_a_draft_rejected_with_the_cli_is_settled_on_its_card_once(c: Card) -> None:
    assert c.buttons() >= DRAFT_BUTTONS
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")  # `mentiondesk drafts reject`
    assert await c.settle.once() == 1
    assert not DRAFT_BUTTONS & c.buttons()
    assert "Rejected by ann at" in c.lines()
    before = c.updates()
    assert await c.settle.once() == 0  # remembered: not settled again
    # A pass that knows nothing (another process, a restart) changes nothing either.
    other = SlackSettle(c.settle.updates, c.settle.slacks, now=lambda: datetime.now(UTC))
    assert await other.once() == 1
    assert c.updates() == before
    assert c.lines().count("Rejected by ann at") == 1


async def test_a_draft_a_follow_up_replaced_is_settled_on_its_card(c: Card) -> None:
    row: dict[str, object] = {"case_id": c.seeded.case_id, "kind": "private", "status": "pending"}
    with c.store.engine.begin() as conn:  # as the pipeline does for a follow-up's new draft
        withdraw_replaced_drafts(conn, [row], [c.seeded.draft_id + 1], datetime.now(UTC))
    await c.settle.once()
    assert not DRAFT_BUTTONS & c.buttons()
    assert "Withdrawn" in c.lines()


async def test_a_case_the_help_desk_resolved_leaves_nothing_to_press(c: Card) -> None:
    queue.close_case(c.store, c.seeded.case_id, by="helpdesk:tickets", status="resolved")
    await c.settle.once()
    assert c.buttons() <= {"open_desk"}
    assert "Case resolved at" in c.lines()


@pytest.fixture(name="served")
async def served_card(c: Card) -> AsyncIterator[Card]:
    c.settle.every = 0.01
    async with TestServer(c.app):
        yield c


async def test_the_passes_run_while_the_app_serves(served: Card) -> None:
    queue.reject_draft(served.store, served.seeded.draft_id, by="ann")
    for _ in range(500):  # until a pass ran (bounded: the test fails, never hangs)
        if not DRAFT_BUTTONS & served.buttons():
            break
        await asyncio.sleep(0.02)
    assert "Rejected by ann at" in served.lines()


async def test_a_decision_the_desk_settled_itself_is_not_read_from_slack_again(c: Card) -> None:
    actions = c.app[SLACK_ACTIONS]
    queue.reject_draft(c.store, c.seeded.draft_id, by="ann")
    actions.draft_decided(c.seeded.draft_id)  # as the desk's Reject does
    await actions.drain()
    assert "Rejected by ann at" in c.lines()
    reads = len(c.slack.api.calls("/api/conversations.history"))
    assert await c.settle.once() == 0
    assert len(c.slack.api.calls("/api/conversations.history")) == reads
