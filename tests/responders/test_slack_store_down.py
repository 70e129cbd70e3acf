"""A Slack click while the database is down: a 200, and the clicker told nothing changed.

The store is a real engine pointed at a closed port (nothing listens on port 1), swapped in
after the card was posted; Slack is the fake Slack API server, as in test_slack_actions."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from mentiondesk.slack_work import STORE_DOWN
from mentiondesk.store import Store
from tests.responders.test_slack_actions import SECRET, Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported

CLOSED = "postgresql+psycopg://postgres:s3cret@127.0.0.1:1/mentiondesk"


@pytest.fixture
def down(desk: Desk) -> Iterator[Desk]:
    """The desk with its Slack handler's store out of reach; the real one kept to check."""
    work, kept = desk.actions.work, desk.actions.work.store
    work.store = Store(CLOSED)
    yield desk
    work.store.dispose()
    work.store = kept


def _told(d: Desk) -> list[dict[str, object]]:
    return [c.json() for c in d.slack.api.calls("/api/chat.postEphemeral")]


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_click_is_answered_and_the_clicker_told_nothing_changed(
    down: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert await send(down, click(down, "approve")) == 200  # not a 500 Slack shows bare
    assert draft_status(down) == "pending" and not down.slack.api.calls("/api/chat.update")
    [told] = _told(down)
    assert told["user"] == "U42ANN" and told["channel"] == "C0TEAM"
    assert told["text"] == STORE_DOWN and "could not reach its database" in STORE_DOWN
    [line] = _logged(caplog)  # one line, naming no secret, host or card text
    assert "store is unreachable (OperationalError)" in line
    assert not any(s in line for s in ("s3cret", SECRET, "127.0.0.1", "Sorry", "U42ANN"))


async def test_a_bad_signature_is_still_refused_first(down: Desk) -> None:
    assert await send(down, click(down, "approve"), secret="not-the-secret") == 401
    assert await send(down, click(down, "reject"), age=301) == 401
    assert _told(down) == []


async def test_the_edit_dialog_stays_open_saying_why(down: Desk) -> None:
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": json.dumps({"draft": 1, "channel": "C0TEAM", "ts": down.ts}),
            "state": {"values": {"reply": {"text": {"value": "Sorry Ann, please DM us"}}}},
        },
    }
    raw = urlencode({"payload": json.dumps(submission)}).encode()
    ts = str(int(time.time()))
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw),
    }
    async with aiohttp.ClientSession() as http, http.post(down.url, data=raw, headers=headers) as r:
        assert r.status == 200
        answer = await r.json()
    # Slack keeps the dialog, and what they wrote, open with the message under the text box.
    assert answer == {"response_action": "errors", "errors": {"reply": STORE_DOWN}}
    assert draft_status(down) == "pending"


@pytest.mark.parametrize("pressed", ["approve", "edit"])
async def test_the_store_going_down_after_the_replay_check_is_told_too(
    down: Desk, pressed: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The click was acknowledged (the store answered then); the work finds it down."""
    with caplog.at_level(logging.WARNING):
        await down.actions.work.run(down.actions.slacks[0], click(down, pressed))
    assert [t["text"] for t in _told(down)] == [STORE_DOWN]
    assert not down.slack.api.calls("/api/views.open") and draft_status(down) == "pending"
    [line] = _logged(caplog)
    assert "slack action not done: the store is unreachable (OperationalError)" in line
