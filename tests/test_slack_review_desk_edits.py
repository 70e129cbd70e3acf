"""A draft edited on the desk is shown on its Slack card: the card posted through the outbox
is rewritten with the saved text, its buttons carrying that text's digest, so Approve on it
posts what it shows. The desk and /slack/actions served by one app, as `mentiondesk run`
does; real slack_sdk against the fake Slack API; both store backends."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlalchemy as sa
from slack_sdk.signature import SignatureVerifier

from mentiondesk import queue
from mentiondesk.config import load_config
from mentiondesk.models import text_digest
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import seed
from tests.responders.test_slack_actions import SECRET
from tests.slack_cards_helpers import Both, served

__all__ = ["Both"]  # where the other card tests found it

NEW = "Sorry Ann! Our courier lost it: a refund is on its way & <b>soon</b>."


@pytest.fixture(name="b")
async def both(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Both]:
    config = load_config(write_config(tmp_path, db_url))
    seeded = seed(store)  # a pending draft, and its alert to "slack" in the outbox
    async with served(config, store, seeded, SlackFake(fake_api), monkeypatch) as found:
        yield found


async def save(b: Both, text: str) -> None:
    page = f"/cases/{b.seeded.case_id}"
    answer = await b.desk.post(f"/drafts/{b.seeded.draft_id}/save", text=text, back=page)
    assert await b.desk.said(answer) == "saved"
    await b.actions.drain()


async def click(b: Both, payload: dict[str, object]) -> None:
    """Sign and post `payload` as Slack does, then wait for its work."""
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    ts = str(int(time.time()))
    sent = str(SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw))
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sent}
    async with aiohttp.ClientSession() as http, http.post(b.url, data=raw, headers=headers) as r:
        assert r.status == 200
    await b.actions.drain()


def approve_on_card(b: Both) -> dict[str, object]:
    """Approve pressed on the card as it is now, as Slack sends it."""
    message = b.slack.messages[b.ts]
    [button] = [
        e
        for blk in message["blocks"]
        if blk.get("block_id") == "md_actions"
        for e in blk["elements"]
        if e["action_id"] == "approve"
    ]
    return {
        "type": "block_actions",
        "user": {"id": "U42ANN", "username": "ann"},
        "channel": {"id": "C0TEAM"},
        "container": {"type": "message", "message_ts": b.ts},
        "message": message,
        "trigger_id": "trig-1",
        "actions": [{**button, "action_ts": "1.000001"}],
    }


def draft(b: Both) -> tuple[str, str]:
    with b.store.engine.connect() as conn:
        row = conn.execute(sa.select(DRAFT.c.status, DRAFT.c.text)).one()
    return row.status, row.text


async def test_a_draft_saved_on_the_desk_is_what_its_card_shows_and_approves(b: Both) -> None:
    assert b.shows("Sorry, DM us") and b.seen() == {text_digest("Sorry, DM us")}
    await save(b, NEW)
    assert b.shows("a refund is on its way &amp; &lt;b&gt;soon&lt;/b&gt;.")  # escaped
    assert not b.shows("Sorry, DM us")
    assert b.seen() == {text_digest(NEW)}
    # Approve on the card as it is now posts the text it shows.
    await click(b, approve_on_card(b))
    assert draft(b) == ("approved", NEW)


async def test_the_card_keeps_what_was_said_on_it_and_saving_again_changes_nothing(
    b: Both,
) -> None:
    await click(b, {**approve_on_card(b), "actions": [_assign(b)]})
    assert "Assigned by <@U42ANN>" in json.dumps(b.card())
    before = b.updates()
    await save(b, NEW)
    assert b.updates() == before + 1
    said = json.dumps(b.card())
    assert "Assigned by <@U42ANN>" in said and b.shows("a refund is on its way")
    assert '"assign"' not in said  # the button the store settled stays off
    await save(b, NEW)  # the same text: the card says it already
    assert b.updates() == before + 1


async def test_an_edit_whose_update_never_went_is_shown_by_the_next_click(b: Both) -> None:
    """The worker stopped before the card's update (or Slack was down): Approve on the old
    card is refused, as before, and the card then shows the text as it is."""
    queue.edit_draft(b.store, b.seeded.draft_id, text=NEW, by="carla")  # no desk hook ran
    await click(b, approve_on_card(b))
    assert draft(b) == ("pending", NEW)
    assert b.seen() == {text_digest(NEW)} and b.shows("a refund is on its way")
    await click(b, approve_on_card(b))
    assert draft(b) == ("approved", NEW)


async def test_a_card_slack_cannot_read_back_is_left_as_it_is(b: Both) -> None:
    b.slack.scopes -= {"channels:history"}
    await save(b, NEW)
    assert b.updates() == 0 and b.shows("Sorry, DM us")
    assert draft(b) == ("pending", NEW)


async def test_only_the_edited_drafts_card_changes(b: Both) -> None:
    with b.store.engine.begin() as conn:  # the alert was about another draft
        conn.execute(
            sa.update(OUTBOX).values(
                payload=sa.func.replace(OUTBOX.c.payload, '"draft_id": ', '"draft_id": 9')
            )
        )
    await save(b, NEW)
    assert b.updates() == 0


def _assign(b: Both) -> dict[str, Any]:
    [button] = [
        e
        for blk in b.card()
        if blk.get("block_id") == "md_actions"
        for e in blk["elements"]
        if e["action_id"] == "assign"
    ]
    return {**button, "action_ts": "1.000002"}
