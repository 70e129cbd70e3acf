"""A link in a hostile mention must not become a preview card (the attacker's title, text
and image) under the alert in the team's Discord channel, as Slack's alerts unfurl nothing."""

from __future__ import annotations

from responders.discord import DiscordResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

PHISH = "Seu reembolso foi aprovado ✅ confirme em https://suporte-marca.example/login?id=1 hoje"


async def test_a_link_in_a_mention_is_not_unfurled(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD)
    try:
        receipt = await sink.deliver(action(PHISH))
    finally:
        await sink.close()
    body = hooks.calls(webhooks.DISCORD)[0].json()
    assert "confirme em https://suporte" in body["content"]  # still there to read
    assert webhooks.discord_previews(body) == []
    assert receipt.ref == "9001"  # the flag is one Discord takes from a webhook


def test_the_fake_unfurls_a_bare_link_as_discord_does() -> None:
    assert webhooks.discord_previews({"content": "see https://a.example/x"}) == [
        "https://a.example/x"
    ]
    assert webhooks.discord_previews({"content": "see <https://a.example/x>"}) == []
