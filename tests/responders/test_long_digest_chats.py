"""A full digest (20 mentions listed, more counted) in Discord and Mattermost: no mention
vanishes past a cut; what does not fit is counted, in the alerts' language."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.models import OutboxAction
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

ROUTE = AlertRoute(name="reclamacoes", to=["chat"], digest_minutes=60)
PT = wording_for("pt-BR", "America/Sao_Paulo")
COMPLAINT = "Pedido #123 não chegou - já são 15 dias (prazo era 7) e nada *mesmo* 😡 @marca_oficial"


def digest(text: str, count: int) -> OutboxAction:
    contexts = [action(f"{text} [{i}]").context for i in range(count)]
    body = summary(ROUTE, contexts, timedelta(minutes=60), PT)
    return replace(action(), key="digest:reclamacoes:1:chat", text=body, extra={"digest": count})


async def test_discord_digest_counts_the_mentions_it_cannot_show(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD, wording=PT)
    try:
        await sink.deliver(digest(COMPLAINT, 30))
    finally:
        await sink.close()
    content = hooks.calls(webhooks.DISCORD)[0].json()["content"]
    assert len(content) <= 2000
    head, *listed, more = content.split("\n")
    assert head.startswith("reclamacoes: 30 menç")
    assert all(line.startswith("• @angry\\_ann") for line in listed)
    # Every line whole (each mention's own number closes it), the rest counted.
    assert [line.rsplit("\\[", 1)[1] for line in listed] == [f"{i}\\]" for i in range(len(listed))]
    assert more == f"… e mais {30 - len(listed)}"


async def test_discord_digest_that_fits_is_unchanged(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD, wording=PT)
    try:
        await sink.deliver(digest("ok", 25))
    finally:
        await sink.close()
    lines = hooks.calls(webhooks.DISCORD)[0].json()["content"].split("\n")
    assert len(lines) == 22 and lines[-1] == "… e mais 5"


async def test_mattermost_digest_of_markup_keeps_every_line(hooks: FakeAPI) -> None:
    sink = MattermostResponder("mm", url=hooks.base_url + webhooks.MATTERMOST, wording=PT)
    try:
        await sink.deliver(digest("*_" * 70, 30))  # each character escaped: twice as long
    finally:
        await sink.close()
    lines = hooks.calls(webhooks.MATTERMOST)[0].json()["text"].split("\n")
    assert len(lines) == 22 and lines[-1] == "… e mais 10"
    assert all(line.startswith("• @\u200bangry\\_ann") for line in lines[1:-1])
