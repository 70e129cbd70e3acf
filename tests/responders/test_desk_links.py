"""`[desk] public_url`: every alert and ticket links to its case's page on the desk, added
when the outbox delivers it; a click on Slack's link button is acknowledged, nothing done."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import action_from_payload, outbox_row
from mentiondesk.store import Store
from responders import _helpdesk as desk_text
from responders.discord import DiscordResponder
from responders.freshdesk import FreshdeskResponder
from responders.mattermost import MattermostResponder
from responders.request_tracker import RequestTrackerResponder
from responders.slack import SlackResponder
from responders.teams import TeamsResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import webhooks
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.responders._data import seed as seed_case
from tests.responders.test_request_tracker import rt as rt  # the fixture, re-exported
from tests.responders.test_request_tracker import rt_call
from tests.responders.test_slack_actions import Desk, click, draft_status, send
from tests.responders.test_slack_actions import desk as desk  # the fixture, re-exported
from tests.rt_server import RTServer

PAGE = "https://desk.example.com/cases/7"
# `&` is a character a URL may hold: each body must escape it its own way.
ODD_PAGE = "https://desk.example.com/a&b/cases/7"


def linked(page: str = PAGE, *, kind: str = "alert", target: str = "slack") -> OutboxAction:
    alert = action(kind=kind, target=target)
    return replace(alert, context=replace(alert.context, case_url=page))


async def _slack_card(fake_api: FakeAPI, tmp_path: Path, desk_url: str | None) -> Any:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seeded = seed_case(store)
    fake = SlackFake(fake_api)
    token, secret = SecretStr("xoxb-test"), SecretStr("s")
    slack = SlackResponder(
        "slack", token=token, signing_secret=secret, channel="C0TEAM", base_url=fake.base_url
    )
    worker = OutboxWorker(store, {"slack": slack}, OutboxSection(), desk_url=desk_url)
    assert await worker.drain() == 1
    store.dispose()
    [card] = fake.posted()
    assert seeded.case_id == 1
    return next(b for b in card["blocks"] if b.get("block_id") == "md_actions")["elements"]


async def test_the_slack_card_from_the_outbox_has_a_button_to_the_case(
    fake_api: FakeAPI, tmp_path: Path
) -> None:
    buttons = await _slack_card(fake_api, tmp_path, "https://desk.example.com")
    *acting, link = buttons
    assert link == {
        "type": "button",
        "action_id": "open_desk",
        "text": {"type": "plain_text", "text": "Open in desk"},
        "url": "https://desk.example.com/cases/1",
    }
    assert [b["action_id"] for b in acting] == ["approve", "edit", "reject", "assign", "escalate"]
    assert all("url" not in b and b["value"] for b in acting)


async def test_without_a_public_url_the_card_is_as_before(
    fake_api: FakeAPI, tmp_path: Path
) -> None:
    buttons = await _slack_card(fake_api, tmp_path, None)
    assert [b["action_id"] for b in buttons] == ["approve", "edit", "reject", "assign", "escalate"]


async def test_a_click_on_the_link_button_is_acknowledged_and_changes_nothing(
    desk: Desk,
) -> None:
    payload = click(desk, "open_desk")
    payload["actions"] = [{"action_id": "open_desk", "type": "button", "url": PAGE}]
    assert await send(desk, payload) == 200
    assert draft_status(desk) == "pending"
    for said in ("/api/chat.update", "/api/chat.postEphemeral", "/api/views.open"):
        assert desk.slack.api.calls(said) == []


async def test_the_other_chats_link_to_the_case(fake_api: FakeAPI) -> None:
    webhooks.install(fake_api)
    base = fake_api.base_url
    for sink in (
        TeamsResponder("teams", url=base + webhooks.TEAMS),
        DiscordResponder("discord", url=base + webhooks.DISCORD),
        MattermostResponder("mm", url=base + webhooks.MATTERMOST),
    ):
        await sink.deliver(linked())
        await sink.close()
    card = fake_api.calls(webhooks.TEAMS)[0].json()["attachments"][0]["content"]
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Open in desk", "url": PAGE}]
    discord = fake_api.calls(webhooks.DISCORD)[0].json()["content"]
    assert discord.endswith(f"\n[Open in desk](<{PAGE}>)")
    mattermost = fake_api.calls(webhooks.MATTERMOST)[0].json()["text"]
    assert mattermost.endswith(f"\n[Open in desk]({PAGE})")


async def test_a_zendesk_ticket_links_to_the_case_escaped(fake_api: FakeAPI) -> None:
    zd.ZendeskFake(fake_api)
    zendesk = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    await zendesk.deliver(linked(ODD_PAGE, kind="ticket", target="zd"))
    await zendesk.close()
    call = fake_api.calls("/api/v2/tickets.json", "POST")[0]
    html = call.json()["ticket"]["comment"]["html_body"]
    escaped = "https://desk.example.com/a&amp;b/cases/7"
    assert f'<p><b>Case page:</b> <a href="{escaped}">{escaped}</a></p>' in html


async def test_a_freshdesk_ticket_links_to_the_case_escaped(fake_api: FakeAPI) -> None:
    fd.FreshdeskFake(fake_api)
    freshdesk = FreshdeskResponder("fd", base_url=fake_api.base_url, api_key=fd.API_KEY)
    await freshdesk.deliver(linked(ODD_PAGE, kind="ticket", target="fd"))
    await freshdesk.close()
    description = fake_api.calls("/api/v2/tickets", "POST")[0].json()["description"]
    assert 'href="https://desk.example.com/a&amp;b/cases/7"' in description


async def test_a_request_tracker_ticket_has_the_case_page_on_its_own_line(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ticket = linked(kind="ticket", target="rt")
    ticket = replace(ticket, context=replace(ticket.context, case_number="MD-000071"))
    opened = await rt.deliver(ticket)
    path = f"ticket/{opened.ref}/attachments?fields=Content&per_page=100"
    contents = [a["Content"] for a in rt_call(rt_server, "GET", path)["items"]]
    assert any(f"Case: MD-000071\nCase page: {PAGE}\nAuthor:" in c for c in contents)


def test_a_mention_that_is_the_case_url_stays_text() -> None:
    ticket = linked(kind="ticket", target="zd")
    ticket = replace(
        ticket, context=replace(ticket.context, mention=replace(ticket.context.mention, text=PAGE))
    )
    html = desk_text.html_body(ticket)
    # Linked: the case page and the post's own address; the mention's words, never.
    assert html.count("<a href=") == 2 and f"<b>Mention:</b> {PAGE}</p>" in html


def test_a_text_ticket_without_a_link_has_no_case_page_line() -> None:
    assert "Case page" not in desk_text.text_body(action(kind="ticket", target="rt"))


def test_the_link_survives_the_stored_payload() -> None:
    row = outbox_row(linked(), 7, datetime.now(UTC))
    assert action_from_payload(str(row["payload"]), 1).context.case_url == PAGE
    assert json.loads(str(row["payload"]))["context"]["case_url"] == PAGE


async def test_without_a_link_the_teams_card_has_no_actions(fake_api: FakeAPI) -> None:
    webhooks.install(fake_api)
    teams = TeamsResponder("teams", url=fake_api.base_url + webhooks.TEAMS)
    await teams.deliver(action(target="teams"))
    await teams.close()
    assert "actions" not in fake_api.calls(webhooks.TEAMS)[0].json()["attachments"][0]["content"]
