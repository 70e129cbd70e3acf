"""Slack's Edit modal keeps a refused text open for fixing; Approve refuses a card whose draft
was edited since it was posted. Through signed requests to POST /slack/actions."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import aiohttp
import sqlalchemy as sa
from slack_sdk.signature import SignatureVerifier

from mentiondesk.models import text_digest
from mentiondesk.tables import DRAFT
from tests.responders import test_slack_actions as base
from tests.responders.test_slack_actions import SECRET, Desk, click, draft_status, send, set_draft

desk = base.desk  # the same desk: a card posted, /slack/actions mounted, a pending DM draft


async def opened(d: Desk) -> str:
    """Press Edit on the card; the modal's private_metadata (the draft it edits)."""
    await send(d, click(d, "edit"))
    return str(d.slack.api.calls("/api/views.open")[-1].json()["view"]["private_metadata"])


async def submit(d: Desk, text: str, *, meta: str | None = None) -> tuple[int, str]:
    """Submit `text` in the Edit modal (opened now unless `meta`); Slack's status and body."""
    submission = {
        "type": "view_submission",
        "user": {"id": "U42ANN", "username": "ann"},
        "view": {
            "private_metadata": meta or await opened(d),
            "state": {"values": {"reply": {"text": {"value": text}}}},
        },
    }
    raw = urlencode({"payload": json.dumps(submission)}).encode()
    ts = str(int(time.time()))
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=raw),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    async with aiohttp.ClientSession() as http, http.post(d.url, data=raw, headers=headers) as r:
        answer = (r.status, await r.text())
    await d.actions.drain()
    return answer


def make_public(d: Desk) -> None:
    """The draft as a public reply on X: 280 characters at most."""
    with d.store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == d.seeded.draft_id).values(kind="public"))


def draft_text(d: Desk) -> str:
    with d.store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.text).where(DRAFT.c.id == d.seeded.draft_id)))


def errors(body: str) -> dict[str, str]:
    answer = json.loads(body)
    assert answer["response_action"] == "errors"
    return dict(answer["errors"])


async def test_a_reply_too_long_for_the_platform_keeps_the_modal_open(desk: Desk) -> None:
    make_public(desk)
    meta = await opened(desk)
    status, body = await submit(desk, "Sorry Ann!!" * 30, meta=meta)  # 330: X takes 280
    assert status == 200
    assert errors(body) == {
        "reply": "Could not approve: the reply is 330 characters; x allows 280."
    }
    assert (draft_status(desk), draft_text(desk)) == ("pending", "Sorry, DM us")
    assert not desk.slack.api.calls("/api/chat.postEphemeral")  # said in the modal instead
    assert not desk.slack.api.calls("/api/chat.update")
    # Shortened, it goes through: the modal closes and the card says so.
    status, body = await submit(desk, "Sorry Ann! Please DM us.", meta=meta)
    assert (status, body) == (200, "")
    assert (draft_status(desk), draft_text(desk)) == ("approved", "Sorry Ann! Please DM us.")
    assert "Edited and approved by <@U42ANN>" in json.dumps(desk.slack.messages[desk.ts]["blocks"])


async def test_an_empty_reply_keeps_the_modal_open(desk: Desk) -> None:
    status, body = await submit(desk, "  \n ")
    assert status == 200
    assert errors(body) == {"reply": "Could not approve: the reply text is empty."}
    assert draft_status(desk) == "pending"


async def test_a_draft_decided_meanwhile_is_said_in_the_modal(desk: Desk) -> None:
    meta = await opened(desk)
    await send(desk, click(desk, "reject"))  # someone else, while the modal was open
    status, body = await submit(desk, "Sorry Ann, please DM us", meta=meta)
    assert status == 200
    assert errors(body) == {
        "reply": f"Could not approve: draft {desk.seeded.draft_id} was already rejected."
    }
    assert (draft_status(desk), draft_text(desk)) == ("rejected", "Sorry, DM us")


def approve_on_card(d: Desk, shown: str, action_id: str = "approve") -> dict[str, object]:
    """Approve (or `action_id`) pressed on a card that showed the draft as `shown` (its
    button's value)."""
    pressed = click(d, action_id)
    value = {"case": d.seeded.number, "draft": d.seeded.draft_id, "seen": text_digest(shown)}
    [button] = pressed["actions"]  # type: ignore[misc]
    pressed["actions"] = [{**button, "value": json.dumps(value)}]
    return pressed


async def test_approve_refuses_a_draft_edited_since_the_card_was_posted(desk: Desk) -> None:
    set_draft(desk, "Sorry Ann, refund sent!")  # edited on the desk after the card went out
    assert await send(desk, approve_on_card(desk, "Sorry, DM us")) == 200
    assert draft_status(desk) == "pending"
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert "Press *Edit* to read it as it is now" in told["text"]  # the card shows the old
    assert not desk.slack.api.calls("/api/chat.update")
    # A card showing the draft as it is approves it.
    assert await send(desk, approve_on_card(desk, "Sorry Ann, refund sent!")) == 200
    assert (draft_status(desk), draft_text(desk)) == ("approved", "Sorry Ann, refund sent!")


async def test_reject_keeps_a_draft_edited_since_the_card_was_posted(desk: Desk) -> None:
    """A colleague's text, saved on the desk after the card went out, is not thrown away by
    Reject on the card showing the old one: Reject checks what the card showed, as Approve."""
    set_draft(desk, "Sorry Ann, refund sent!")
    assert await send(desk, approve_on_card(desk, "Sorry, DM us", "reject")) == 200
    assert (draft_status(desk), draft_text(desk)) == ("pending", "Sorry Ann, refund sent!")
    told = desk.slack.api.calls("/api/chat.postEphemeral")[0].json()
    assert told["text"].startswith("Could not reject: ")
    assert "Press *Edit* to read it as it is now" in told["text"]  # the card shows the old
    assert not desk.slack.api.calls("/api/chat.update")
    assert await send(desk, approve_on_card(desk, "Sorry Ann, refund sent!", "reject")) == 200
    assert draft_status(desk) == "rejected"


async def test_an_edit_saved_on_the_desk_while_the_modal_is_open_is_not_overwritten(
    desk: Desk,
) -> None:
    meta = await opened(desk)
    set_draft(desk, "Hi Ann, a colleague's better wording")  # saved on the desk meanwhile
    status, body = await submit(desk, "Sorry, DM us the order number", meta=meta)
    assert status == 200 and "to read it as it is now" in errors(body)["reply"]
    assert (draft_status(desk), draft_text(desk)) == (
        "pending",
        "Hi Ann, a colleague's better wording",
    )
