"""Hostile mention data against Block Kit's limits, which the fake Slack now enforces as
Slack does (`invalid_blocks`): the worst card still posts, and updates after a click."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from mentiondesk.models import Author, FatalError
from responders.slack import SlackResponder
from responders.slack_blocks import decided_blocks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake, block_problems
from tests.responders._data import HOSTILE, action


def slack(fake: SlackFake) -> SlackResponder:
    secret = SecretStr("s")
    token = SecretStr("xoxb-test")
    return SlackResponder(
        "slack", token=token, signing_secret=secret, channel="C0TEAM", base_url=fake.base_url
    )


def test_the_fake_refuses_what_slack_refuses() -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "a" * 3001}}
    button = {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "b"}}
    actions = {"type": "actions", "elements": [button | {"value": "v" * 2001}]}
    assert block_problems([section, actions]) == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
        "must be less than 2001 characters [json-pointer:/blocks/1/elements/0/value]",
    ]
    assert block_problems([{"type": "divider"}] * 51)[0].startswith("no more than 50 items")
    assert block_problems([{**section, "text": {"type": "mrkdwn", "text": "ok"}}]) == []


async def test_a_card_slack_refuses_is_held_naming_the_code(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    fake_api.queue("POST", "/api/chat.postMessage", json={"ok": False, "error": "invalid_blocks"})
    with pytest.raises(FatalError, match="slack chat_postMessage: invalid_blocks"):
        await slack(fake).deliver(action())


@pytest.mark.parametrize("draft", ["&<>" * 2600, "Sorry & <thanks> " * 180, "😀" * 1490])
async def test_the_most_hostile_card_posts_and_updates_within_the_limits(
    fake_api: FakeAPI, draft: str
) -> None:
    fake = SlackFake(fake_api)
    worst = action(HOSTILE * 60)  # 4,260 characters, every one of them escaped or broken
    m = worst.context.mention
    author = Author(id="a1", handle="&<h>*_" * 60, name="*_~`<>&" * 300, followers=9)
    mention = dataclasses.replace(m, author=author, url="https://x.com/" + "&" * 2000)
    context = dataclasses.replace(worst.context, mention=mention, draft_text=draft)
    receipt = await slack(fake).deliver(dataclasses.replace(worst, context=context))
    ts = (receipt.ref or "").split(":")[1]
    blocks = fake.messages[ts]["blocks"]
    when = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)
    for pressed in ("approve", "assign", "escalate", "reject"):
        blocks = decided_blocks(blocks, verb="<!here> " * 40, pressed=pressed, user="U1", when=when)
    await slack(fake).update("C0TEAM", ts, blocks=blocks, text="Approved")
    assert fake.messages[ts]["blocks"] == blocks and not block_problems(blocks)
