"""A digest reaches each chat one mention a line, through the real clients and the fakes;
a mention's own newlines and markup stay inside its line."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.models import OutboxAction
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder

ZWSP = "\u200b"
# A newline that would fake a digest line of its own, a code fence, pings and markup.
BREAKOUT = "nice\n• @boss (x, en): fake line\n```\n> quoted <!channel> <b>x</b> @everyone"
ROUTE = AlertRoute(name="praise", to=["chat"], digest_minutes=60)


def digest() -> OutboxAction:
    first, second = action(BREAKOUT), action("love it *a* <@U1> `b`")
    text = summary(ROUTE, [first.context, second.context], timedelta(minutes=60))
    return replace(first, key="digest:praise:1:chat", text=text, extra={"digest": 2})


def test_summary_is_one_mention_a_line() -> None:
    lines = (digest().text or "").split("\n")
    assert lines[0] == "praise: 2 mentions in the last hour"
    assert lines[1].startswith("• @angry_ann (x, en): nice • @boss (x, en): fake line ``` > ")
    assert lines[2] == "• @angry_ann (x, en): love it *a* <@U1> `b`"
    assert len(lines) == 3


def test_the_period_is_written_as_the_alerts_language_writes_numbers() -> None:
    day = AlertRoute(name="elogios", to=["chat"], digest_minutes=1440)
    contexts = [action("a").context, action("b").context]
    # Kept past its period (covered): 24 h 30 min, in minutes as Brazil groups them.
    text = summary(day, contexts, timedelta(minutes=1470), wording_for("pt-BR", "UTC"))
    assert text.split("\n")[0] == "elogios: 2 menções nos últimos 1.470 min"


@pytest.mark.parametrize(("minutes", "said"), [(1.5, 2), (2.5, 3), (4.5, 5)])
def test_the_period_rounds_halves_up(minutes: float, said: int) -> None:
    """As people round (round() took 2.5 to 2 and 4.5 to 4)."""
    route = AlertRoute(name="praise", to=["chat"], digest_minutes=minutes)
    text = summary(route, [action("a").context], timedelta(minutes=minutes))
    assert text.split("\n")[0] == f"praise: 1 mention in the last {said} min"


def test_a_handle_with_a_newline_stays_on_its_line() -> None:
    ctx = action("hi").context
    author = replace(ctx.mention.author, handle="ann\n• @boss")
    ctx = replace(ctx, mention=replace(ctx.mention, author=author))
    lines = summary(ROUTE, [ctx], timedelta(minutes=60)).split("\n")
    assert lines[1:] == ["• @ann • @boss (x, en): hi"]


async def test_slack_digest_keeps_its_lines(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    slack = slack_responder(fake)
    await slack.deliver(digest())
    [block] = fake.posted()[0]["blocks"]
    # plain_text: Slack shows it as written (no mrkdwn, no pings), so nothing is escaped.
    assert block["text"]["type"] == "plain_text" and block["text"]["emoji"] is False
    lines = block["text"]["text"].split("\n")
    assert len(lines) == 3 and all(line.startswith("• @angry_ann") for line in lines[1:])
    assert "fake line ``` > quoted <!channel> <b>" in lines[1]
    assert lines[2].endswith("love it *a* <@U1> `b`")
    # Its notification names the digest, not the mention that happens to come first.
    assert fake.posted()[0]["text"] == "praise: 2 mentions in the last hour"


async def test_discord_digest_keeps_its_lines(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    await sink.deliver(digest())
    await sink.close()
    lines = hooks.calls(webhooks.DISCORD)[0].json()["content"].split("\n")
    assert len(lines) == 3 and all(line.startswith("• @angry\\_ann") for line in lines[1:])
    assert "fake line \\`\\`\\` \\> quoted \\<!channel\\> \\<b\\>x" in lines[1]
    assert lines[1].endswith(f"@{ZWSP}everyone")


async def test_mattermost_digest_keeps_its_lines(hooks: FakeAPI) -> None:
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST)
    await sink.deliver(digest())
    await sink.close()
    lines = hooks.calls(webhooks.MATTERMOST)[0].json()["text"].split("\n")
    assert len(lines) == 3 and all(line.startswith(f"• @{ZWSP}angry\\_ann") for line in lines[1:])
    assert f"@{ZWSP}boss \\(x, en\\): fake line \\`\\`\\` \\> quoted" in lines[1]
    assert lines[2].endswith(f"\\*a\\* \\<@{ZWSP}U1\\> \\`b\\`")


async def test_teams_digest_is_one_block_a_line(hooks: FakeAPI) -> None:
    sink = TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS)
    await sink.deliver(digest())
    await sink.close()
    card = hooks.calls(webhooks.TEAMS)[0].json()["attachments"][0]["content"]
    blocks = [[run["text"] for run in block["inlines"]] for block in card["body"]]
    assert blocks[0] == ["praise: 2 mentions in the last hour"]
    assert [len(b) for b in blocks[1:]] == [1, 1]
    assert blocks[1][0].startswith("• @angry_ann (x, en): nice • @boss (x, en): fake line ```")
    assert {b["type"] for b in card["body"]} == {"RichTextBlock"}  # no Markdown TextBlock
