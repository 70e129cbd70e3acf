"""POST /slack/actions: signed requests only, acknowledged at once, card updated after."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlalchemy as sa
from aiohttp import web
from pydantic import SecretStr
from slack_sdk.signature import SignatureVerifier

from mentiondesk.config import load_config
from mentiondesk.models import ENGLISH, ConfigError, Wording
from mentiondesk.slack_actions import SlackActions, add_slack_routes
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION, OUTBOX
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import Seeded, action, seed

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
_PRESSES = itertools.count()
CONFIG = """[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"
[routing]\nalert = ["console"]\nticket = "cases"\n[[responders]]\nkind = "console"
[[responders]]\nkind = "local"\nname = "cases"\n"""


@dataclass
class Desk:
    url: str
    store: Store
    slack: SlackFake
    actions: SlackActions
    seeded: Seeded
    ts: str


@asynccontextmanager
async def open_desk(
    fake_api: FakeAPI, tmp_path: Path, wording: Wording = ENGLISH
) -> AsyncIterator[Desk]:
    """/slack/actions served on 127.0.0.1 over a seeded store, a card posted to press on;
    `wording`: the card's language (test_slack_actions_pt)."""
    (tmp_path / "config.toml").write_text(CONFIG)
    (tmp_path / "m.jsonl").write_text("")
    config = load_config(tmp_path / "config.toml")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seeded = seed(store)
    fake = SlackFake(fake_api)
    slack = SlackResponder(
        "slack",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr(SECRET),
        channel="C0TEAM",
        base_url=fake.base_url,
        wording=wording,
    )
    receipt = await slack.deliver(action())  # a card to press buttons on
    app = web.Application()
    actions = add_slack_routes(app, store=store, config=config, responders={"slack": slack})
    assert actions is not None
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    ts = (receipt.ref or "").split(":")[1]
    yield Desk(f"http://127.0.0.1:{port}/slack/actions", store, fake, actions, seeded, ts)
    await runner.cleanup()
    store.dispose()


@pytest.fixture
async def desk(fake_api: FakeAPI, tmp_path: Path) -> AsyncIterator[Desk]:
    async with open_desk(fake_api, tmp_path) as opened:
        yield opened


def click(d: Desk, action_id: str) -> dict[str, object]:
    """A button pressed, as Slack sends it: each press has its own action_ts."""
    value = json.dumps({"case": d.seeded.number, "draft": d.seeded.draft_id})
    pressed = {"action_id": action_id, "value": value, "type": "button", "action_ts": _ts()}
    return {
        "type": "block_actions",
        "user": {"id": "U42ANN", "username": "ann"},
        "channel": {"id": "C0TEAM"},
        "container": {"type": "message", "message_ts": d.ts},
        "message": d.slack.messages[d.ts],
        "trigger_id": "trig-1",
        "actions": [pressed],
    }


def _ts() -> str:
    return f"{int(time.time())}.{next(_PRESSES):06d}"  # as "1548426417.840180"


async def send(
    d: Desk,
    payload: dict[str, object],
    *,
    secret: str = SECRET,
    age: int = 0,
    tamper: Callable[[bytes], bytes] = lambda b: b,
    body: bytes | None = None,
) -> int:
    raw = body or urlencode({"payload": json.dumps(payload)}).encode()
    ts = str(int(time.time()) - age)
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=raw),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(d.url, data=tamper(raw), headers=headers) as answer,
    ):
        status = answer.status
    await d.actions.drain()
    return status


def draft_status(d: Desk) -> str:
    with d.store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == d.seeded.draft_id)))


async def test_approve_queues_post_and_updates_card(desk: Desk) -> None:
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "approved"
    update = desk.slack.api.calls("/api/chat.update")[0].json()
    assert update["ts"] == desk.ts
    said = json.dumps(update["blocks"][-1])
    assert "Approved by <@U42ANN> at " in said
    buttons = [e["action_id"] for e in update["blocks"][-2]["elements"]]
    assert buttons == ["assign", "escalate"]


async def test_reject_then_approve_reports_stale(desk: Desk) -> None:
    await send(desk, click(desk, "reject"))
    await send(desk, click(desk, "approve"))
    assert draft_status(desk) == "rejected"
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert told["user"] == "U42ANN"
    assert "already rejected" in told["text"]


async def test_assign_to_me(desk: Desk) -> None:
    await send(desk, click(desk, "assign"))
    with desk.store.engine.connect() as conn:
        assignee = conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == desk.seeded.case_id))
    assert assignee == "slack:U42ANN (ann)"  # the member ID, the username beside it


async def test_escalate_writes_ticket_outbox_row(desk: Desk) -> None:
    await send(desk, click(desk, "escalate"))
    with desk.store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(OUTBOX.c.key, OUTBOX.c.target).where(OUTBOX.c.kind == "ticket")
        ).all()
    assert [tuple(r) for r in rows] == [(f"ticket:cases:case:{desk.seeded.number}", "cases")]
    said = json.dumps(desk.slack.api.calls("/api/chat.update")[0].json()["blocks"][-1])
    assert "Escalated to cases by <@U42ANN>" in said


async def test_a_second_escalate_says_so_and_audits_nothing(desk: Desk) -> None:
    await send(desk, click(desk, "escalate"))
    await send(desk, click(desk, "escalate"))  # a second card, or a click before the update
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert told["user"] == "U42ANN" and "already escalated" in told["text"]
    with desk.store.engine.connect() as conn:
        lines = conn.scalar(sa.select(sa.func.count()).where(AUDIT.c.action == "escalate"))
    assert lines == 1


async def test_edit_opens_modal_and_submission_approves_new_text(desk: Desk) -> None:
    await send(desk, click(desk, "edit"))
    view = desk.slack.api.calls("/api/views.open")[0].json()["view"]
    assert view["blocks"][0]["element"]["initial_value"] == "Sorry, DM us"
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": view["private_metadata"],
            "state": {"values": {"reply": {"text": {"value": "Sorry Ann, please DM us"}}}},
        },
    }
    assert await send(desk, submission) == 200
    with desk.store.engine.connect() as conn:
        text = conn.scalar(sa.select(DRAFT.c.text).where(DRAFT.c.id == desk.seeded.draft_id))
    assert text == "Sorry Ann, please DM us"
    assert "Edited and approved by <@U42ANN>" in json.dumps(desk.slack.messages[desk.ts]["blocks"])


def set_draft(d: Desk, text: str) -> None:
    """The draft as the desk left it after an edit there."""
    with d.store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == d.seeded.draft_id).values(text=text))


async def test_edit_box_holds_the_draft_as_written(desk: Desk) -> None:
    written = "Hi Ann,\n\nsorry <b>& *that*</b>.\n\n" + "DM us. " * 420  # 2,973 characters
    set_draft(desk, written)
    await send(desk, click(desk, "edit"))
    box = desk.slack.api.calls("/api/views.open")[0].json()["view"]["blocks"][0]["element"]
    assert (box["initial_value"], box["max_length"]) == (written, 3000)


async def test_a_draft_too_long_for_the_edit_box_is_not_cut(desk: Desk) -> None:
    set_draft(desk, "A long Reddit answer.\n\n" + "More detail. " * 300)  # 3,923 characters
    await send(desk, click(desk, "edit"))
    assert not desk.slack.api.calls("/api/views.open")
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert "edit it on the desk" in told["text"]
    assert draft_status(desk) == "pending"


async def test_only_the_approvers_can_act_on_a_card(desk: Desk) -> None:
    desk.actions.slacks[0].approvers = frozenset({"U0BOSS"})
    for pressed in ("approve", "reject", "assign", "escalate", "edit"):
        assert await send(desk, click(desk, pressed)) == 200  # acknowledged, then refused
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": json.dumps(
                {"draft": desk.seeded.draft_id, "channel": "C0TEAM", "ts": desk.ts}
            ),
            "state": {"values": {"reply": {"text": {"value": "posted by a guest"}}}},
        },
    }
    assert await send(desk, submission) == 200
    assert draft_status(desk) == "pending"
    assert not desk.slack.api.calls("/api/chat.update")
    assert not desk.slack.api.calls("/api/views.open")
    told = [c.json() for c in desk.slack.api.calls("/api/chat.postEphemeral")]
    assert len(told) == 6 and all("U42ANN" in t["text"] for t in told)
    with desk.store.engine.connect() as conn:
        assert (
            conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == desk.seeded.case_id)) is None
        )
    desk.actions.slacks[0].approvers = frozenset({"U0BOSS", "U42ANN"})
    assert await send(desk, click(desk, "approve"), age=2) == 200  # not taken for a replay
    assert draft_status(desk) == "approved"


async def test_the_cards_channel_decides_whose_approvers_apply(desk: Desk) -> None:
    """Responders of one Slack app share its signing secret: the click is judged by the
    approvers of the responder posting to the card's channel, not by the first one listed
    (there, an open channel's empty list let a guest approve a restricted channel's reply)."""
    mine = desk.actions.slacks[0]
    mine.approvers = frozenset({"U0BOSS"})
    open_channel = SlackResponder(
        "slack-all",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr(SECRET),
        channel="C0ALL",
        base_url=desk.slack.base_url,
    )
    desk.actions.slacks.insert(0, open_channel)
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "pending"
    told = desk.slack.api.calls("/api/chat.postEphemeral")
    assert len(told) == 1 and told[0].json()["channel"] == "C0TEAM"
    elsewhere = click(desk, "approve") | {"channel": {"id": "C0GONE"}}  # no responder's now
    assert await send(desk, elsewhere, age=1) == 200
    assert draft_status(desk) == "pending"  # every candidate's approvers must allow it
    mine.approvers = frozenset({"U0BOSS", "U42ANN"})
    assert await send(desk, click(desk, "approve"), age=2) == 200
    assert draft_status(desk) == "approved"


def test_approvers_must_be_slack_user_ids(tmp_path: Path) -> None:
    text = CONFIG + '[[responders]]\nkind = "slack"\nchannel = "C0TEAM"\napprovers = ["@ann"]\n'
    (tmp_path / "config.toml").write_text(text)
    (tmp_path / "m.jsonl").write_text("")
    with pytest.raises(ConfigError, match=r"approvers.*not Slack user IDs"):
        load_config(tmp_path / "config.toml")


async def test_approve_on_hacker_news_is_refused_saying_to_post_by_hand(desk: Desk) -> None:
    with desk.store.engine.begin() as conn:  # a card from before: it still has Approve
        conn.execute(sa.update(MENTION).values(platform="hackernews"))
        conn.execute(sa.update(DRAFT).values(kind="public"))
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "pending"
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert "Hacker News cannot be posted to from mentiondesk" in told["text"]
    assert "Mark as posted" in told["text"]
