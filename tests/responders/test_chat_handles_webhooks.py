"""Mattermost, Discord and Teams name the author as Slack's card does, as their platform writes
them ("@bob" on X, Bluesky and Mastodon, "u/bob" on Reddit, "bob" on Hacker News): Mattermost
showed a bare "bob" everywhere. Hostile handles stay inert in each chat's markup, and an
erased author (`authors forget` blanks the queued alert's handle) is named in words, in
English, pt-BR and pt-PT, never an empty slot or a lone "u/". Through aiohttp to the fakes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, OutboxAction, Wording
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

ZWSP = "\u200b"
BR, PT = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")


def _by(platform: str, handle: str, name: str = "Bob") -> OutboxAction:
    alert = action("hello")
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle=handle, name=name))
    return replace(alert, context=replace(alert.context, mention=m))


async def _sent(hooks: FakeAPI, alert: OutboxAction, wording: Wording = ENGLISH) -> dict[str, Any]:
    """What each chat's webhook received for `alert`: Mattermost's and Discord's first line,
    Teams' whole body."""
    url = hooks.base_url
    sinks = (
        MattermostResponder("mm", url=url + webhooks.MATTERMOST, wording=wording),
        DiscordResponder("discord", url=url + webhooks.DISCORD, wording=wording),
        TeamsResponder("teams", url=url + webhooks.TEAMS, wording=wording),
    )
    for sink in sinks:
        await sink.deliver(alert)
        await sink.close()
    assert hooks.unexpected == []
    discord = hooks.calls(webhooks.DISCORD)[-1].json()
    assert discord["allowed_mentions"] == {"parse": []}  # nothing in it pings anyone
    return {
        "mattermost": hooks.calls(webhooks.MATTERMOST)[-1].json()["text"].split("\n")[0],
        "discord": discord["content"].split("\n")[0],
        "teams": hooks.calls(webhooks.TEAMS)[-1].json(),
    }


def _author_runs(teams: dict[str, Any]) -> list[str]:
    body = teams["attachments"][0]["content"]["body"]
    return [run["text"] for run in body[1]["inlines"]]


@pytest.mark.parametrize(
    ("platform", "handle", "mattermost", "discord"),
    [
        ("x", "bob", f"@{ZWSP}bob (12.3k)", "@bob (12.3k)"),
        ("bluesky", "bob.bsky.social", f"@{ZWSP}bob.bsky.social (12.3k)", "@bob.bsky.social"),
        ("mastodon", "bob", f"@{ZWSP}bob (12.3k)", "@bob (12.3k)"),
        ("reddit", "bob", "u/bob", "u/bob"),
        ("hackernews", "bob", "bob", "bob"),
    ],
)
async def test_each_chat_names_the_author_as_their_platform_does(
    hooks: FakeAPI, platform: str, handle: str, mattermost: str, discord: str
) -> None:
    sent = await _sent(hooks, _by(platform, handle))
    # Mattermost breaks every `@`: "@bob" would ping a Mattermost user named bob.
    assert sent["mattermost"].endswith(f"frustration 2/3 · {mattermost}")
    assert f"frustration 2/3 · {discord}" in sent["discord"]
    shown = mattermost.replace(ZWSP, "").removesuffix(" (12.3k)")
    assert _author_runs(sent["teams"])[:2] == ["Bob", f" {shown}"]


@pytest.mark.parametrize(
    ("handle", "mattermost", "discord"),
    [
        ("*x*", r"@\*x\*", r"@\*x\*"),
        ("everyone", f"@{ZWSP}everyone", f"@{ZWSP}everyone"),
        ("here", f"@{ZWSP}here", f"@{ZWSP}here"),
        ("<@everyone>", rf"@\<@{ZWSP}everyone\>", rf"@\<@{ZWSP}everyone\>"),
        # Mattermost: a bare URL's `://` broken too, or it links (and previews) it.
        ("[link](http://evil)", rf"@\[link\]\(http{ZWSP}://evil\)", r"@\[link\]\(http://evil\)"),
        ("`x` _y_", r"@\`x\` \_y\_", r"@\`x\` \_y\_"),
    ],
)
async def test_a_hostile_handle_stays_inert(
    hooks: FakeAPI, handle: str, mattermost: str, discord: str
) -> None:
    sent = await _sent(hooks, _by("x", handle, name="[Zed](http://evil) *x* @here"))
    assert sent["mattermost"].endswith(f" · {mattermost} (12.3k)")
    assert sent["discord"].endswith(f" · {discord} (12.3k)")
    for line in (sent["mattermost"], sent["discord"]):
        assert "@everyone" not in line and "@here" not in line
    # Teams: name and handle only in TextRuns, which show text as written (no Markdown).
    assert _author_runs(sent["teams"])[:2] == ["[Zed](http://evil) *x* @here", f" @{handle}"]
    card = sent["teams"]["attachments"][0]["content"]
    assert [block["type"] for block in card["body"]].count("TextBlock") == 0


@pytest.mark.parametrize(
    ("wording", "erased", "label"),
    [
        (ENGLISH, "erased author", "negative"),
        (BR, "perfil eliminado", "Reclamação"),
        (PT, "perfil apagado", "Reclamação"),
    ],
)
@pytest.mark.parametrize("platform", ["reddit", "hackernews", "x", "bluesky", "mastodon"])
async def test_an_erased_author_is_named_as_erased(
    hooks: FakeAPI, platform: str, wording: Wording, erased: str, label: str
) -> None:
    sent = await _sent(hooks, _by(platform, "", name=""), wording)
    for chat in ("mattermost", "discord"):
        line = sent[chat]
        assert f" · {label} · " in line
        assert f"3 · {erased}" in line, chat
        assert "u/" not in line and "@" not in line  # no platform prefix before nothing
    runs = _author_runs(sent["teams"])
    assert runs[0] == erased and not any(run.strip() in ("", "u/", "@") for run in runs)


def test_the_erased_wording_is_in_both_portuguese_catalogues() -> None:
    # LGPD's "eliminação" in Brazil, RGPD's "apagamento" in Portugal (retention_words_pt).
    assert (BR.t("erased author"), PT.t("erased author")) == ("perfil eliminado", "perfil apagado")
