"""Slack's signed requests to the interactivity endpoint: a wrong secret, a stale, huge or
replayed timestamp, a tampered body are each refused with 401 and change nothing."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from tests.responders.test_slack_actions import SECRET, Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported


async def test_wrong_secret_is_401_and_changes_nothing(desk: Desk) -> None:
    assert await send(desk, click(desk, "approve"), secret="not-the-secret") == 401
    assert draft_status(desk) == "pending"
    assert desk.slack.api.calls("/api/chat.update") == []


async def test_stale_timestamp_is_401(desk: Desk) -> None:
    assert await send(desk, click(desk, "reject"), age=301) == 401
    assert draft_status(desk) == "pending"


async def test_a_timestamp_too_long_for_int_is_401_not_500(desk: Desk) -> None:
    raw = urlencode({"payload": json.dumps(click(desk, "reject"))}).encode()
    headers = {"X-Slack-Request-Timestamp": "1" * 5000, "X-Slack-Signature": "v0=" + "0" * 64}
    async with aiohttp.ClientSession() as http, http.post(desk.url, data=raw, headers=headers) as r:
        assert r.status == 401
    assert draft_status(desk) == "pending"


async def test_tampered_body_is_401(desk: Desk) -> None:
    status = await send(
        desk, click(desk, "reject"), tamper=lambda b: b.replace(b"reject", b"approve")
    )
    assert status == 401
    assert draft_status(desk) == "pending"


async def test_replayed_request_is_401(desk: Desk) -> None:
    raw = urlencode({"payload": json.dumps(click(desk, "assign"))}).encode()
    ts = str(int(time.time()))
    sig = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw)
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}
    async with aiohttp.ClientSession() as http:
        async with http.post(desk.url, data=raw, headers=headers) as first:
            assert first.status == 200
        async with http.post(desk.url, data=raw, headers=headers) as again:
            assert again.status == 401
    await desk.actions.drain()
    assert len(desk.slack.api.calls("/api/chat.update")) == 1
