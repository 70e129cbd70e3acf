"""Reddit's listings give no follower count (its listener stores 0), as Hacker News has none:
no alert, ticket or desk page says "0 followers" of such an author (it would read as nobody
listening), and a rule asking for reach on Reddit alone is refused (it could never match)."""

from __future__ import annotations

import html
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace

import pytest
from pydantic import ValidationError

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction, has_followers
from mentiondesk.store import Store
from playbooks.rules import When
from responders import discord, mattermost, teams
from responders._helpdesk import lines
from responders.console import ConsoleResponder
from responders.slack_blocks import alert_blocks
from tests.desk.conftest import Desk
from tests.desk.seed import add
from tests.responders._data import action

Login = Callable[[str], Awaitable[Desk]]


def _on(platform: str) -> OutboxAction:
    alert = action("Lumora lost my parcel")
    mention = replace(alert.context.mention, platform=platform)
    return replace(alert, context=replace(alert.context, mention=mention))


def _every_alert(alert: OutboxAction) -> dict[str, str]:
    return {
        "slack": json.dumps(alert_blocks(alert), ensure_ascii=False),
        "slack pt": json.dumps(
            alert_blocks(alert, wording_for("pt-BR", "America/Sao_Paulo")), ensure_ascii=False
        ),
        "teams": json.dumps(teams.card_body(alert), ensure_ascii=False),
        "discord": discord.content(alert),
        "mattermost": mattermost.text(alert),
        "console": ConsoleResponder().format(alert),
        "ticket": dict(lines(alert))["Author"],
    }


def test_reddit_like_hacker_news_has_no_follower_count() -> None:
    assert not has_followers("reddit") and not has_followers("hackernews")
    assert has_followers("x") and has_followers("mastodon") and has_followers("bluesky")


@pytest.mark.parametrize("platform", ["reddit", "hackernews"])
def test_no_alert_or_ticket_counts_followers_where_none_are_known(platform: str) -> None:
    for where, said in _every_alert(_on(platform)).items():
        assert "12.3k" not in said and "follower" not in said and "seguidor" not in said, where
        assert "angry" in said, where
    shown = {"reddit": "u/angry_ann", "hackernews": "angry_ann"}[platform]  # as each writes it
    assert dict(lines(_on(platform)))["Author"] == f"Ann <b> ({shown})"


def test_elsewhere_every_alert_still_says_the_reach() -> None:
    for where, said in _every_alert(_on("x")).items():
        assert "12.3k" in said or "12.300" in said, where
    assert dict(lines(_on("x")))["Author"] == "Ann <b> (@angry_ann, 12.3k followers)"


def test_a_rule_asking_for_reach_on_reddit_alone_is_refused() -> None:
    with pytest.raises(ValidationError, match="authors on reddit carry no follower count"):
        When(platform=["reddit"], min_reach=1000)
    assert When(platform=["reddit", "x"], min_reach=1000).min_reach == 1000


async def test_the_desk_shows_no_followers_for_a_reddit_author(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Lumora lost my parcel", platform="reddit", draft=None)
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}")).text())
    assert "follower" not in page.replace("gives no follower count: no reach is counted", "")
    assert "Reddit gives no follower count" in page
    queue = html.unescape(await (await desk.client.get("/queue")).text())
    assert "Reddit" in queue and "follower" not in queue
