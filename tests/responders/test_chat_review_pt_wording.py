"""The team-chat alerts as a Lisbon (pt-PT) and a São Paulo (pt-BR) team read them, through
the real clients and the fake webhooks: no English left in a Portuguese alert, and counts
that agree with their nouns."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.erasure_payloads import ERASED, blank_context
from mentiondesk.models import ENGLISH, CaseContext, OutboxAction, Wording
from responders._text import followers
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from responders.teams import TeamsResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

ROUTE = AlertRoute(name="elogios", to=["chat"], digest_minutes=60)
# Each law's word, as the desk's Privacy log says it: LGPD's in Brazil, RGPD's in Portugal.
SAID = {"pt-PT": "• perfil apagado", "pt-BR": "• perfil eliminado", "en": "• erased author"}


def erased_digest(language: str) -> OutboxAction:
    """A digest queued before `authors forget` blanked one author's line, as erasure leaves
    it in the stored text (always English: erasure knows no team's language)."""
    first, second = action("obrigada!"), action("adorei")
    wording = wording_for(language, "Europe/Lisbon")
    text = summary(ROUTE, [first.context, second.context], timedelta(minutes=60), wording)
    head, _, kept = text.split("\n")
    text = "\n".join([head, f"• {ERASED}", kept])
    return replace(first, key="digest:elogios:1:chat", text=text, extra={"digest": 2})


@pytest.mark.parametrize("language", ["pt-PT", "pt-BR", "en"])
async def test_webhook_digests_name_an_erased_author_in_the_teams_language(
    hooks: FakeAPI, language: str
) -> None:
    """Slack's digest said "perfil apagado"; Discord, Mattermost and Teams said the stored
    English "(erased on request)" to a Portuguese team."""
    wording = wording_for(language, "Europe/Lisbon")
    sinks = (
        DiscordResponder("d", url=hooks.base_url + webhooks.DISCORD, wording=wording),
        MattermostResponder("m", url=hooks.base_url + webhooks.MATTERMOST, wording=wording),
        TeamsResponder("t", url=hooks.base_url + webhooks.TEAMS, wording=wording),
    )
    for sink in sinks:
        await sink.deliver(erased_digest(language))
        await sink.close()
    discord = hooks.calls(webhooks.DISCORD)[0].json()["content"].split("\n")
    mattermost = hooks.calls(webhooks.MATTERMOST)[0].json()["text"].split("\n")
    card = hooks.calls(webhooks.TEAMS)[0].json()["attachments"][0]["content"]
    teams = [block["inlines"][0]["text"] for block in card["body"]]
    for lines in (discord, mattermost, teams):
        assert lines[1] == SAID[language], lines
        assert "angry" in lines[2] and "adorei" in lines[2], lines  # the other line kept


def test_one_follower_is_singular_in_english_too() -> None:
    """pt said "1 seguidor"; English said "1 followers"."""
    assert followers(1) == "1 follower"
    assert followers(1, wording_for("pt-PT", "UTC")) == "1 seguidor"
    assert followers(12_300) == "12.3k followers" and followers(0) == "0 followers"
    assert followers(1, ENGLISH) == "1 follower"


def erased_alert() -> OutboxAction:
    """An alert as `authors forget` leaves it queued (erasure_payloads.blank_context): no
    handle, no name, no text, and 0 followers, which are no one's."""
    alert = action()
    context = CaseContext.from_dict(blank_context(alert.context.to_dict()))
    return replace(alert, context=replace(context, draft_text=None))


@pytest.mark.parametrize("language", ["pt-PT", "pt-BR", "en"])
async def test_an_erased_author_has_no_follower_count_in_webhook_chats(
    hooks: FakeAPI, language: str
) -> None:
    """Slack's card names them with no count; Discord and Mattermost said "perfil apagado
    (0)" and Teams "perfil apagado · 0 seguidores", a count of nobody."""
    wording = wording_for(language, "Europe/Lisbon")
    erased = SAID[language].removeprefix("• ")
    sent = await _delivered(hooks, erased_alert(), wording)
    for chat in ("discord", "mattermost"):
        head = sent[chat].split("\n")[0]
        assert head.endswith(f"{wording.t('frustration {n}/3', n=2)} · {erased}"), head
    card = sent["teams"]["attachments"][0]["content"]
    author = [run["text"] for run in card["body"][1]["inlines"]]
    assert author == [erased], author


async def _delivered(hooks: FakeAPI, alert: OutboxAction, wording: Wording) -> dict[str, Any]:
    """What Discord, Mattermost and Teams were sent for `alert`, through the real clients."""
    sinks = {
        "discord": DiscordResponder("d", url=hooks.base_url + webhooks.DISCORD, wording=wording),
        "mattermost": MattermostResponder(
            "m", url=hooks.base_url + webhooks.MATTERMOST, wording=wording
        ),
        "teams": TeamsResponder("t", url=hooks.base_url + webhooks.TEAMS, wording=wording),
    }
    for sink in sinks.values():
        await sink.deliver(alert)
        await sink.close()
    paths = {"discord": webhooks.DISCORD, "mattermost": webhooks.MATTERMOST}
    sent: dict[str, Any] = {
        "discord": hooks.calls(paths["discord"])[-1].json()["content"],
        "mattermost": hooks.calls(paths["mattermost"])[-1].json()["text"],
        "teams": hooks.calls(webhooks.TEAMS)[-1].json(),
    }
    return sent
