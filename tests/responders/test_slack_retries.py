"""One click, delivered twice: Slack's retry (X-Slack-Retry-Num: the same body under a new
timestamp and signature) is acknowledged and does nothing; a second press of Assign to me
changes nothing either."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import aiohttp
import sqlalchemy as sa
from slack_sdk.signature import SignatureVerifier

from mentiondesk.tables import AUDIT, CASE
from tests.responders import test_slack_actions as base
from tests.responders.test_slack_actions import SECRET, Desk, click, draft_status, send

desk = base.desk  # a card posted, /slack/actions mounted, a pending draft


async def deliver(d: Desk, raw: bytes, *, age: int, retry: str | None = None) -> int:
    """`raw` signed at now - `age`, as Slack sends it (again, with `retry`)."""
    ts = str(int(time.time()) - age)
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if retry:
        headers |= {"X-Slack-Retry-Num": retry, "X-Slack-Retry-Reason": "http_timeout"}
    async with aiohttp.ClientSession() as http, http.post(d.url, data=raw, headers=headers) as r:
        status = r.status
    await d.actions.drain()
    return status


def audited(d: Desk, action: str) -> int:
    with d.store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).where(AUDIT.c.action == action)) or 0)


async def test_a_retried_approve_is_done_once_and_not_refused(desk: Desk) -> None:
    raw = urlencode({"payload": json.dumps(click(desk, "approve"))}).encode()
    assert await deliver(desk, raw, age=2) == 200
    assert await deliver(desk, raw, age=0, retry="1") == 200  # acknowledged, so not retried
    assert draft_status(desk) == "approved"
    assert audited(desk, "approve") == 1
    assert len(desk.slack.api.calls("/api/chat.update")) == 1
    assert not desk.slack.api.calls("/api/chat.postEphemeral")  # no "already approved"


async def test_a_retried_assign_is_audited_once(desk: Desk) -> None:
    raw = urlencode({"payload": json.dumps(click(desk, "assign"))}).encode()
    assert await deliver(desk, raw, age=2) == 200
    assert await deliver(desk, raw, age=0, retry="1") == 200
    assert audited(desk, "assign") == 1


async def test_assign_to_me_twice_changes_nothing_the_second_time(desk: Desk) -> None:
    """Two presses (each its own action_ts): the case is theirs already, so nothing to audit."""
    assert await send(desk, click(desk, "assign")) == 200
    assert await send(desk, click(desk, "assign")) == 200
    with desk.store.engine.connect() as conn:
        assignee = conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == desk.seeded.case_id))
    assert assignee == "slack:U42ANN (ann)"
    assert audited(desk, "assign") == 1
    assert not desk.slack.api.calls("/api/chat.postEphemeral")


async def test_a_new_click_with_the_same_buttons_is_still_done(desk: Desk) -> None:
    """Only the very same click is remembered: another press of the same button on the same
    card (its own action_ts, all else alike) is acted on: here, refused as already done."""
    first = click(desk, "reject")
    assert await send(desk, first) == 200
    [button] = first["actions"]  # type: ignore[misc]
    assert await send(desk, first | {"actions": [{**button, "action_ts": "1.000002"}]}) == 200
    told = desk.slack.api.calls("/api/chat.postEphemeral")
    assert len(told) == 1 and "already rejected" in told[0].json()["text"]
