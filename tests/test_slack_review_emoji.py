"""Emoji-heavy mention data against Block Kit's limits, which Slack's docs give in
"characters" without saying which: the fake counts UTF-16 units (an emoji is two), the
stricter count, and a card within it posts whichever Slack uses."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import SecretStr

from mentiondesk.models import DIGEST, Author
from responders._escape import units
from responders.slack import SlackResponder
from responders.slack_blocks import alert_blocks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake, block_problems
from tests.responders._data import action

EMOJI = "😀"  # two UTF-16 units, one code point


def slack(fake: SlackFake) -> SlackResponder:
    token, secret = SecretStr("xoxb-test"), SecretStr("s")
    return SlackResponder(
        "slack", token=token, signing_secret=secret, channel="C0TEAM", base_url=fake.base_url
    )


def test_the_fake_counts_utf16_units() -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": EMOJI * 1501}}
    assert block_problems([section]) == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    assert block_problems([{**section, "text": {"type": "mrkdwn", "text": EMOJI * 1500}}]) == []


@pytest.mark.parametrize("text", [EMOJI * 3000, ("&" + EMOJI) * 1500, "a" + EMOJI * 2900])
async def test_an_emoji_heavy_mention_still_posts(fake_api: FakeAPI, text: str) -> None:
    fake = SlackFake(fake_api)
    receipt = await slack(fake).deliver(action(text))
    blocks = fake.messages[(receipt.ref or "").split(":")[1]]["blocks"]
    assert not block_problems(blocks)
    shown = blocks[1]["text"]["text"]
    assert shown.endswith("…") and units(shown) > 2700  # shown, to its limit


async def test_emoji_heavy_names_still_post(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    worst = action(EMOJI * 3000)
    author = Author(id="a1", handle=EMOJI * 200, name=EMOJI * 400, followers=9)
    mention = dataclasses.replace(worst.context.mention, author=author)
    context = dataclasses.replace(worst.context, mention=mention)
    await slack(fake).deliver(dataclasses.replace(worst, context=context))
    [card] = fake.messages.values()
    assert not block_problems(card["blocks"])


async def test_a_post_link_too_long_for_the_card_is_left_off(fake_api: FakeAPI) -> None:
    """A remote server's URL for the post can be any length: past URL_LIMIT the author's
    name is shown unlinked, rather than the card refused (in any count)."""
    fake = SlackFake(fake_api)
    plain = action()
    mention = dataclasses.replace(plain.context.mention, url="https://x.com/" + "a" * 4000)
    context = dataclasses.replace(plain.context, mention=mention)
    await slack(fake).deliver(dataclasses.replace(plain, context=context))
    [card] = fake.messages.values()
    assert card["blocks"][0]["text"]["text"].startswith("*MD-000007* · *Ann &lt;b&gt;* @")


def test_a_digest_of_emoji_fits_its_section() -> None:
    text = (EMOJI * 40 + "\n") * 100
    digest = dataclasses.replace(action(), text=text, extra={DIGEST: True})
    assert digest.text_only
    assert not block_problems(alert_blocks(digest))
