"""Slack clicks after the acknowledgement: a 429 on the card's update, an Edit while another
click holds the card, Slack refusing to open the edit box, the store down under a Portuguese
card. Real slack_sdk against the fake Slack API; signed requests to add_slack_routes."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from mentiondesk import queue
from mentiondesk.alert_wording import wording_for
from mentiondesk.slack_work import STORE_DOWN
from mentiondesk.store import Store
from tests.responders.test_slack_actions import SECRET, Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported
from tests.responders.test_slack_edit import opened, submit

LIMITED = {"ok": False, "error": "ratelimited"}


def told(d: Desk) -> list[str]:
    return [c.json()["text"] for c in d.slack.api.calls("/api/chat.postEphemeral")]


async def post(d: Desk, payload: Mapping[str, object]) -> bytes:
    """Sign and post `payload` as Slack does; its answer, without waiting for the work."""
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    ts = str(int(time.time()))
    sent = str(SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw))
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sent}
    async with aiohttp.ClientSession() as http, http.post(d.url, data=raw, headers=headers) as r:
        assert r.status == 200
        return await r.read()


async def test_a_card_update_slack_holds_back_is_made_after_retry_after(desk: Desk) -> None:
    """Approved, then chat.update answered 429: the card still said Approve to everyone."""
    desk.slack.api.queue("POST", "/api/chat.update", 429, LIMITED, headers={"Retry-After": "1"})
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "approved"
    assert len(desk.slack.api.calls("/api/chat.update")) == 2
    said = json.dumps(desk.slack.messages[desk.ts]["blocks"])
    assert "Approved by <@U42ANN> at " in said and '"approve"' not in said


async def test_a_refusal_slack_holds_back_is_still_told(desk: Desk) -> None:
    desk.actions.slacks[0].approvers = frozenset({"U0BOSS"})
    path = "/api/chat.postEphemeral"
    desk.slack.api.queue("POST", path, 429, LIMITED, headers={"Retry-After": "1"})
    assert await send(desk, click(desk, "approve")) == 200
    assert draft_status(desk) == "pending"
    assert len(desk.slack.api.calls(path)) == 2 and "U42ANN" in told(desk)[-1]


async def test_a_long_retry_after_is_not_waited_out(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    """A kept task does not sleep for minutes (shutdown waits for it): it says so instead."""
    desk.slack.api.queue("POST", "/api/chat.update", 429, LIMITED, headers={"Retry-After": "600"})
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        assert await send(desk, click(desk, "reject")) == 200
    assert time.monotonic() - started < 5 and draft_status(desk) == "rejected"
    assert len(desk.slack.api.calls("/api/chat.update")) == 1
    assert "could not be reported back: rate limited" in caplog.text


async def test_edit_opens_while_another_click_holds_the_card(desk: Desk) -> None:
    """Slack's trigger_id lasts 3 s: Edit, which changes nothing, waited for the card's
    lock behind a colleague's click (its update slow, or waiting out a 429) and lost it."""
    async with desk.actions.work.cards.hold("C0TEAM", desk.ts):  # a colleague's click
        await post(desk, click(desk, "edit"))
        for _ in range(40):
            if desk.slack.api.calls("/api/views.open"):
                break
            await asyncio.sleep(0.05)
        opened = len(desk.slack.api.calls("/api/views.open"))
    await desk.actions.drain()
    assert opened == 1


@pytest.mark.parametrize("error", ["expired_trigger_id", "exchanged_trigger_id"])
async def test_an_edit_box_slack_would_not_open_is_told(
    desk: Desk, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    desk.slack.api.queue("POST", "/api/views.open", json={"ok": False, "error": error})
    with caplog.at_level(logging.WARNING):
        assert await send(desk, click(desk, "edit")) == 200
    [said] = told(desk)
    assert "Press *Edit* again" in said and draft_status(desk) == "pending"
    assert error in caplog.text and "xoxb-test" not in caplog.text


async def test_store_down_under_a_portuguese_edit_box_is_said_in_portuguese(desk: Desk) -> None:
    slack = desk.actions.slacks[0]
    slack.wording = wording_for("pt-BR", "America/Sao_Paulo")
    work, kept = desk.actions.work, desk.actions.work.store
    work.store = Store("postgresql+psycopg://postgres@127.0.0.1:1/mentiondesk")  # nothing there
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": json.dumps({"draft": 1, "channel": "C0TEAM", "ts": desk.ts}),
            "state": {"values": {"reply": {"text": {"value": "Oi Ann, mande DM"}}}},
        },
    }
    try:
        body = json.loads(await post(desk, submission))
    finally:
        work.store.dispose()
        work.store = kept
    said = body["errors"]["reply"]
    assert said == slack.wording.t(STORE_DOWN) and said != STORE_DOWN


async def test_an_edit_refused_as_decided_elsewhere_takes_the_buttons_off_the_card(
    desk: Desk,
) -> None:
    """The modal said "already approved"; closed, the card still offered Approve, Edit and
    Reject for a decided draft, as no refused button click leaves it."""
    meta = await opened(desk)
    post_route = {"default": "console"}
    queue.approve_draft(desk.store, desk.seeded.draft_id, by="carla", post_route=post_route)
    status, body = await submit(desk, "Sorry Ann, please DM us", meta=meta)
    assert status == 200 and "already approved" in json.loads(body)["errors"]["reply"]
    blocks = desk.slack.messages[desk.ts]["blocks"]
    offered = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert offered == ["assign", "escalate"]
    assert "Approved by carla at " in json.dumps(blocks)
    assert not told(desk)  # said once, in the modal


async def test_an_edit_refused_for_its_text_leaves_the_card_as_it_is(desk: Desk) -> None:
    status, body = await submit(desk, "   ")
    assert status == 200 and "empty" in json.loads(body)["errors"]["reply"]
    assert not desk.slack.api.calls("/api/chat.update")
