"""The author's name on a Slack card is a link's label inside `*bold*`: its `*`, `_` and `~`
cannot end the bold or start other formatting (Slack's mrkdwn has no escape character)."""

from __future__ import annotations

import json
from dataclasses import replace

from responders._escape import slack_link
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder

ZWSP = "\u200b"


async def test_a_name_with_formatting_characters_stays_plain(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    alert = action()
    mention = alert.context.mention
    author = replace(mention.author, name="Zed* _free_ ~gift~ `x`")
    hostile = replace(
        alert, context=replace(alert.context, mention=replace(mention, author=author))
    )
    slack = slack_responder(fake)
    await slack.deliver(hostile)
    text = json.dumps(fake.posted()[0]["blocks"], ensure_ascii=False)
    label = f"Zed*{ZWSP} _{ZWSP}free_{ZWSP} ~{ZWSP}gift~{ZWSP} `{ZWSP}x`{ZWSP}"
    assert f"*<https://x.com/angry_ann/status/m1|{label}>*" in text


def test_without_a_link_the_label_is_escaped_alike() -> None:
    assert slack_link("javascript:x", "*b* <!here>") == f"*{ZWSP}b*{ZWSP} &lt;!here&gt;"
