"""A source-stopped notice reaches each chat through the real clients and the fakes: its lines
in the team's language, the reason escaped as mention text is, no case card and no buttons;
through the outbox exactly once per sink, also when Slack's answer to the first post was lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from pydantic import SecretStr

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import OutboxSection
from mentiondesk.models import ENGLISH, FatalError, OutboxAction, Wording
from mentiondesk.outbox import OutboxWorker
from mentiondesk.source_alert import notice_action, queue_stop_notice
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from responders._escape import slack_mrkdwn
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from responders.slack import SlackResponder
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import table_rows

ZWSP = "\u200b"
REVOKED = FatalError("401 <!channel> *token_revoked* @everyone ```x``` [a](https://evil.example)")
AT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def notice(wording: Wording = ENGLISH, target: str = "chat") -> OutboxAction:
    return notice_action(target, wording, source="x-main", error=REVOKED, stopped_at=AT)


def slack(fake: SlackFake, wording: Wording = ENGLISH) -> SlackResponder:
    secret = SecretStr("s3cret")
    token, url = SecretStr("xoxb-test"), fake.base_url
    return SlackResponder(
        "slack", token=token, signing_secret=secret, channel="C0TEAM", base_url=url, wording=wording
    )


async def test_slack_notice_is_escaped_lines_without_buttons(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    await slack(fake).deliver(notice())
    [posted] = fake.posted()
    [block] = posted["blocks"]
    assert block["text"]["type"] == "plain_text"  # shown as written: pings no one
    lines = block["text"]["text"].split("\n")
    assert lines[0].startswith("Source x-main stopped (FatalError): 401 <!channel> *")
    assert posted["text"] == slack_mrkdwn(lines[0], lines=True)  # mrkdwn: escaped
    assert "<!channel>" not in posted["text"]
    assert lines[2] == "Fix the token (or the account), then restart mentiondesk."


async def test_slack_notice_in_pt_br(fake_api: FakeAPI) -> None:
    fake = SlackFake(fake_api)
    wording = wording_for("pt-BR", "America/Sao_Paulo")
    await slack(fake, wording).deliver(notice(wording))
    text = fake.posted()[0]["blocks"][0]["text"]["text"]
    assert text.startswith("A fonte x-main parou (FatalError): 401 <!channel>")
    assert text.endswith("Corrija o token (ou a conta) e depois reinicie o mentiondesk.")


async def test_discord_notice_pings_no_one(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    await sink.deliver(notice())
    await sink.close()
    body = hooks.calls(webhooks.DISCORD)[0].json()
    lines = body["content"].split("\n")
    assert lines[0].startswith("Source x\\-main stopped \\(FatalError\\): 401 \\<!channel\\>")
    assert f"@{ZWSP}everyone \\`\\`\\`x\\`\\`\\` \\[a\\]\\(https" in lines[0]
    assert len(lines) == 3 and body["allowed_mentions"] == {"parse": []}


async def test_mattermost_and_teams_notices(hooks: FakeAPI) -> None:
    wording = wording_for("pt-PT", "Europe/Lisbon")
    mattermost = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST)
    teams = TeamsResponder("teams", url=hooks.base_url + webhooks.TEAMS, wording=wording)
    await mattermost.deliver(notice())
    await teams.deliver(notice(wording))
    await mattermost.close()
    await teams.close()
    said = hooks.calls(webhooks.MATTERMOST)[0].json()["text"]
    assert f"\\*token\\_revoked\\* @{ZWSP}everyone" in said
    card = hooks.calls(webhooks.TEAMS)[0].json()["attachments"][0]["content"]
    runs = [[run["text"] for run in block["inlines"]] for block in card["body"]]
    assert runs[0][0].startswith("A fonte x-main parou (FatalError): 401 <!channel>")
    assert {b["type"] for b in card["body"]} == {"RichTextBlock"} and "actions" not in card


async def test_outbox_sends_the_notice_once_per_sink(fake_api: FakeAPI, db_url: str) -> None:
    fake = SlackFake(fake_api)
    webhooks.install(fake_api)
    fake.drop_answers = 1  # posted, answer lost: the retry finds the card instead of reposting
    store = Store(db_url)
    store.create_all()
    stopped = datetime.now(UTC)
    for new in (2, 0):  # queued again (a retry of the same stop): nothing more
        said = queue_stop_notice(
            store, ["slack", "discord"], ENGLISH, source="x-main", error=REVOKED, stopped_at=stopped
        )
        assert said == new
    discord = DiscordResponder("discord", url=fake_api.base_url + webhooks.DISCORD)
    clock = [stopped]
    worker = OutboxWorker(
        store, {"slack": slack(fake), "discord": discord}, OutboxSection(), clock=lambda: clock[0]
    )
    for _ in range(2):  # the lost answer's retry, then a pass with nothing left
        await worker.drain()
        clock[0] += timedelta(hours=1)
    await discord.close()
    store.dispose()
    assert len(fake.messages) == 1 and len(fake_api.calls(webhooks.DISCORD)) == 1
    rows = table_rows(db_url, sa.select(OUTBOX.c.id, OUTBOX.c.status))
    assert [status for _, status in rows] == ["done", "done"]
