"""The Slack notification for an erased author (`authors forget` blanks the handle in the
queued alert) says so in words: "MD-000007: negative mention by an erased author", never a
"by" with nothing after it. In English, pt-BR and pt-PT (gender-neutral: "perfil", as the
alert's Author row says), through the real slack_sdk client to the fake Slack Web API."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import OutboxAction, Wording
from responders.slack_blocks import fallback_text
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action
from tests.test_alert_handles_fallback_slack import _sent

BR, PT = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")


def _erased(platform: str, *, follow_up: bool = False) -> OutboxAction:
    """An alert as erasure leaves it queued: handle and name blanked."""
    alert = action()
    m = alert.context.mention
    m = replace(m, platform=platform, author=replace(m.author, handle="", name=""))
    return replace(alert, context=replace(alert.context, mention=m, follow_up=follow_up))


@pytest.fixture
def fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


@pytest.mark.parametrize("platform", ["reddit", "hackernews", "x", "bluesky", "mastodon"])
async def test_an_erased_author_is_named_as_erased(fake: SlackFake, platform: str) -> None:
    text = await _sent(fake, _erased(platform))
    assert text == "MD-000007: negative mention by an erased author"
    assert "u/" not in text and "@" not in text  # no platform prefix before nothing


@pytest.mark.parametrize(("wording", "lang"), [(BR, "pt-BR"), (PT, "pt-PT")])
async def test_portuguese_too(fake: SlackFake, wording: Wording, lang: str) -> None:
    assert wording.lang == lang
    text = await _sent(fake, _erased("reddit"), wording)
    # LGPD's word in Brazil, RGPD's in Portugal, as the desk's Privacy log says each.
    said = {"pt-BR": "eliminado", "pt-PT": "apagado"}[lang]
    assert text == f"MD-000007: menção de perfil {said} (Reclamação)"


def test_a_follow_up_too() -> None:
    again = _erased("x", follow_up=True)
    assert fallback_text(again) == "MD-000007 follow-up: negative mention by an erased author"
    pt = fallback_text(again, BR)
    assert pt == "MD-000007 (nova menção): menção de perfil eliminado (Reclamação)"
    assert fallback_text(again, PT).endswith("menção de perfil apagado (Reclamação)")
