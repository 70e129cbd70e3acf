"""Every place people read an author's handle writes it as their platform does (handle_shown):
"@ana" on X, "u/ana" on Reddit, "ana" on Hacker News, never "@ana" for a Reddit or Hacker
News author (where "@" is no part of a name) nor a bare "ana" for an X one."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime
from typing import cast

import pytest

from mentiondesk.audit_trail import AuditEntry
from mentiondesk.cli_text import addressee
from mentiondesk.models import OutboxAction
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import LOCALES
from responders import _helpdesk as desk
from responders.console import ConsoleResponder
from responders.discord import content
from responders.slack_blocks import alert_blocks
from responders.teams import card_body
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action

# (platform, handle as stored, as shown, a form that must not be shown)
CASES = [
    ("reddit", "bob", "u/bob", "@bob"),
    ("hackernews", "bob", "bob", "@bob"),
    ("x", "bob", "@bob", None),
]


def by(platform: str, handle: str) -> OutboxAction:
    """The test alert, written by `handle` on `platform`."""
    alert = action()
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle=handle))
    return replace(alert, context=replace(alert.context, mention=m))


def _check(text: str, shown: str, wrong: str | None) -> None:
    words = [w.strip("(),*") for w in text.split()]
    assert shown in words, text
    if wrong is not None:
        assert wrong not in text, text


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_cases_list(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    _check(addressee(platform, handle, 40), shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_audit_trail(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    entry = AuditEntry(
        id=1,
        at=datetime(2026, 11, 9, tzinfo=UTC),
        actor="demo",
        action="allow-contact",
        mention_id=None,
        case_id=None,
        draft_id=None,
        detail=f"{platform} {handle}",
    )
    for loc in LOCALES.values():
        _check(audit_line(loc, entry), shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_console_alert(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    console = ConsoleResponder("console", out=io.StringIO())
    _check(console.format(by(platform, handle)), shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_discord_alert(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    head = content(by(platform, handle)).split("\n")[0].replace("\\", "")
    _check(head.replace("·", " "), shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_slack_card(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    line = cast(str, alert_blocks(by(platform, handle))[0]["text"]["text"])
    _check(line, shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_teams_card(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    author = card_body(by(platform, handle))[1]
    _check("".join(run["text"] for run in author["inlines"]), shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
def test_help_desk_ticket(platform: str, handle: str, shown: str, wrong: str | None) -> None:
    alert = replace(by(platform, handle), kind="ticket", target="zendesk")
    (author,) = [value for label, value in desk.lines(alert) if label == "Author"]
    _check(author, shown, wrong)


@pytest.mark.parametrize(("platform", "handle", "shown", "wrong"), CASES)
async def test_zendesk_requester(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
    platform: str,
    handle: str,
    shown: str,
    wrong: str | None,
) -> None:
    responder, fake = zendesk
    await responder.deliver(replace(by(platform, handle), kind="ticket", target="desk"))
    user = fake.api.calls("/api/v2/users/create_or_update.json", "POST")[0].json()["user"]
    _check(user["name"], shown, wrong)
