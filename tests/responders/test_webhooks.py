"""Teams, Discord and Mattermost webhooks: the escaped wire bodies, limits and errors."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, RateLimited, TransientError, Unreachable
from responders.discord import DiscordResponder
from responders.discord import content as discord_content
from responders.mattermost import MattermostResponder
from responders.mattermost import text as mattermost_text
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

ZWSP = "\u200b"


async def test_discord_escapes_and_pings_nobody(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    receipt = await sink.deliver(action())
    await sink.close()
    assert receipt.ref == "9001"
    call = hooks.calls(webhooks.DISCORD)[0]
    assert call.query["wait"] == "true"
    body = call.json()
    assert body["allowed_mentions"] == {"parse": []}
    assert f"@{ZWSP}everyone" in body["content"]
    assert (
        r"\<!channel\> \<@U123\> \*buy\* now & \<https://evil.example\|click\>" in body["content"]
    )


async def test_discord_content_fits_2000(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    await sink.deliver(action("*" * 5000))
    await sink.close()
    content = hooks.calls(webhooks.DISCORD)[0].json()["content"]
    assert len(content) <= 2000
    assert content.endswith("…\nDraft: Sorry \\<@U999\\>, DM us & we fix it")


async def test_discord_content_full_of_here_still_fits_2000(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    receipt = await sink.deliver(action("@here " * 400))  # the fake answers 400 past 2000
    await sink.close()
    content = hooks.calls(webhooks.DISCORD)[0].json()["content"]
    assert receipt.ref == "9001"
    assert len(content) <= 2000
    assert "@here" not in content and content.count(f"@{ZWSP}here") > 250


@pytest.mark.parametrize("handle", ["everyone", "here", "Everyone"])
def test_discord_an_author_named_everyone_pings_nobody(handle: str) -> None:
    """Our own `@` before the handle is escaped with it: apart, it made `@everyone`."""
    alert = action("hello")
    author = replace(alert.context.mention.author, handle=handle)
    mention = replace(alert.context.mention, author=author)
    head = discord_content(replace(alert, context=replace(alert.context, mention=mention)))
    first = head.split("\n")[0]
    assert f"@{ZWSP}{handle} (" in first and f"@{handle}" not in first


@pytest.mark.parametrize("handle", ["channel", "all", "here"])
def test_mattermost_an_author_named_channel_pings_nobody(handle: str) -> None:
    """Mattermost shows the handle without an `@` of ours: nothing to break, and none made."""
    alert = action("hello")
    author = replace(alert.context.mention.author, handle=handle)
    mention = replace(alert.context.mention, author=author)
    first = mattermost_text(replace(alert, context=replace(alert.context, mention=mention)))
    assert f"@{handle}" not in first.split("\n")[0]


def test_mattermost_text_full_of_mentions_fits_its_limit() -> None:
    from responders._escape import mattermost_markdown

    text = mattermost_markdown("@a " * 2000, 4000)
    assert len(text) <= 4000
    assert text.startswith(f"@{ZWSP}a @{ZWSP}a") and text.endswith("…")


async def test_mattermost_breaks_every_mention(hooks: FakeAPI) -> None:
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST, channel="support")
    await sink.deliver(action("hey @channel @all @here @boss [x](http://e) **now**"))
    await sink.close()
    body = hooks.calls(webhooks.MATTERMOST)[0].json()
    assert body["channel"] == "support"
    quoted = body["text"].split("\n")[1]
    broken = f"@{ZWSP}channel @{ZWSP}all @{ZWSP}here @{ZWSP}boss"
    assert quoted == f"> hey {broken} \\[x\\]\\(http{ZWSP}://e\\) \\*\\*now\\*\\*"


async def test_teams_card_keeps_text_out_of_markdown(hooks: FakeAPI) -> None:
    sink = TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS)
    await sink.deliver(action("**click** [here](http://evil) <at>Everyone</at>"))
    await sink.close()
    body = hooks.calls(webhooks.TEAMS)[0].json()
    attachment = body["attachments"][0]
    assert body["type"] == "message"
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert "msteams" not in card
    texts = [b for b in card["body"] if b["type"] == "TextBlock"]
    assert texts == []
    runs = [i["text"] for b in card["body"] if b["type"] == "RichTextBlock" for i in b["inlines"]]
    assert "**click** [here](http://evil) <at>Everyone</at>" in runs
    # Runs join with nothing between them: the spaces between name, handle and reach stay.
    author = next(
        b for b in card["body"] if b["inlines"][0]["weight"] == "Bolder" and len(b["inlines"]) == 3
    )
    assert "".join(i["text"] for i in author["inlines"]).count(" @") == 1
    assert " · " in "".join(i["text"] for i in author["inlines"])


@pytest.mark.parametrize(
    ("status", "headers", "error"),
    [
        (429, {"Retry-After": "7"}, RateLimited),
        (503, {"Retry-After": "7"}, RateLimited),  # down for maintenance, back in 7 s
        (503, {}, TransientError),
        (500, {}, TransientError),
        (404, {}, FatalError),
        # Mattermost with incoming webhooks turned off by its admin: held, not retried.
        (501, {}, FatalError),
    ],
)
async def test_webhook_errors(
    hooks: FakeAPI, status: int, headers: dict[str, str], error: type[Exception]
) -> None:
    hooks.queue("POST", webhooks.MATTERMOST, status, {"message": "x"}, headers=headers)
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST)
    with pytest.raises(error):
        await sink.deliver(action())
    await sink.close()


async def test_webhooks_take_alerts_only(hooks: FakeAPI) -> None:
    sink = TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS)
    with pytest.raises(FatalError, match="takes alerts"):
        await sink.deliver(action(kind="ticket"))
    assert json.dumps(hooks.calls()) == "[]"


async def test_follow_up_alerts_say_so(hooks: FakeAPI) -> None:
    alert = action()
    again = replace(alert, context=replace(alert.context, follow_up=True))
    for sink in (
        DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD),
        MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST),
        TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS),
    ):
        await sink.deliver(again)
        await sink.close()
    discord = hooks.calls(webhooks.DISCORD)[0].json()["content"]
    assert discord.startswith(r"**MD\-000007 follow\-up** · x")
    mattermost = hooks.calls(webhooks.MATTERMOST)[0].json()["text"]
    assert mattermost.startswith(r"**MD\-000007 follow\-up** · x")
    assert '"text": "MD-000007 follow-up"' in hooks.calls(webhooks.TEAMS)[0].body.decode()


async def test_a_webhook_whose_name_does_not_resolve_is_unreachable() -> None:
    # Unreachable, not just transient: the outbox then puts the sink's other actions off
    # rather than waiting on a DNS look-up for each.
    sink = DiscordResponder("discord", url="http://does-not-resolve.invalid" + webhooks.DISCORD)
    try:
        with pytest.raises(Unreachable, match="discord unreachable: ClientConnectorDNSError"):
            await sink.deliver(action())
    finally:
        await sink.close()


async def test_a_webhook_answering_503_is_transient_not_unreachable(hooks: FakeAPI) -> None:
    hooks.queue("POST", webhooks.DISCORD, 503)
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    try:
        with pytest.raises(TransientError) as raised:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert not isinstance(raised.value, Unreachable)
