"""A Lisbon brand on a pt Mastodon instance: what a status shows beside its text (its photos'
alt text, the link card) reaches the desk, and a reply to a post behind a content warning
carries that warning, as Mastodon's own apps do."""

from __future__ import annotations

from dataclasses import replace

import pytest

from listener.mastodon import MastodonSource
from mentiondesk.models import FatalError, Mention
from mentiondesk.models.mastodon import build_mastodon
from tests.fakes.mastodon import STATUSES
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import poster
from tests.platforms.test_mastodon_visibility import _answer

CARD = {
    "url": "https://lumora.pt/loja/candeeiro-aurora",
    "title": "Candeeiro Aurora | Lumora",
    "description": "Edição limitada",
    "type": "link",
}


async def _read(fake, clock: FakeClock, text: str, **kw) -> tuple[dict, Mention]:
    api = build_mastodon(fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="", clock=clock)
    cursor = await started(source, clock)
    status = fake.mention(text, author="rita", lang=None, **kw)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [status["id"]]
    return status, run.mentions[0]


async def test_alt_text_and_the_link_card_reach_the_desk(mastodon_fake, clock) -> None:
    media = [
        {"id": "9", "type": "image", "description": "Caixa da Lumora rasgada à porta"},
        {"id": "10", "type": "image", "description": None},
    ]
    _, mention = await _read(
        mastodon_fake, clock, "@lumora isto chegou assim 😡", media=media, card=CARD
    )
    assert mention.text == (
        "@lumora isto chegou assim 😡\n\n🖼️ Caixa da Lumora rasgada à porta"
        "\n\n🔗 Candeeiro Aurora | Lumora\nEdição limitada\nhttps://lumora.pt/loja/candeeiro-aurora"
    )
    assert mention.lang is None  # `language` null: no hint


async def test_a_photo_alone_is_its_alt_text(mastodon_fake, clock) -> None:
    media = [{"id": "9", "type": "image", "description": "Lumora: candeeiro partido"}]
    _, mention = await _read(mastodon_fake, clock, "", media=media)
    assert mention.text == "🖼️ Lumora: candeeiro partido"


async def test_a_reply_to_a_post_behind_a_warning_carries_it(mastodon_fake, clock) -> None:
    status, mention = await _read(
        mastodon_fake, clock, "@lumora fiquei doente depois", spoiler="intoxicação alimentar"
    )
    assert mention.text.startswith("\u26a0\ufe0f intoxicação alimentar\n\n")
    responder = poster("mastodon", mastodon_fake.base_url)
    receipt = await responder.deliver(_answer(mention, text="Lamentamos muito."))
    await responder.close()
    [posted] = mastodon_fake.posted
    form = mastodon_fake.api.calls(STATUSES)[-1].form()
    assert form["spoiler_text"] == "intoxicação alimentar"
    assert posted["spoiler_text"] == "intoxicação alimentar"
    assert receipt.ref == posted["id"] and posted["in_reply_to_id"] == status["id"]


async def test_a_reply_to_a_post_without_a_warning_has_none(mastodon_fake, clock) -> None:
    _, mention = await _read(mastodon_fake, clock, "@lumora adoro o candeeiro")
    responder = poster("mastodon", mastodon_fake.base_url)
    await responder.deliver(_answer(mention))
    await responder.close()
    assert "spoiler_text" not in mastodon_fake.api.calls(STATUSES)[-1].form()


async def test_a_reply_to_a_deleted_post_is_refused_as_gone(mastodon_fake, clock) -> None:
    status, mention = await _read(mastodon_fake, clock, "@lumora já apaguei")
    mastodon_fake.delete(status)
    responder = poster("mastodon", mastodon_fake.base_url)
    with pytest.raises(FatalError, match=r"^mastodon refused the post \(404"):
        await responder.deliver(_answer(mention))
    await responder.close()
    assert mastodon_fake.posted == []


async def test_a_quote_says_which_status_it_quotes(mastodon_fake, clock) -> None:
    """Mastodon 4.5: a quote of the brand's status says nothing of it in its own text."""
    ours = mastodon_fake.status("Novo candeeiro Aurora!", author="lumora")
    quote = {"state": "accepted", "quoted_status": ours}
    _, mention = await _read(mastodon_fake, clock, "partiu-se ao fim de um dia", quote=quote)
    assert mention.text == f"partiu-se ao fim de um dia\n\n↪️ {ours['url']}"


async def test_a_reply_is_tagged_with_the_language_it_answers_in(mastodon_fake, clock) -> None:
    """Without `language`, Mastodon tags a status with the account's default posting
    language: a Portuguese reply from an account set to English reads as English."""
    _, mention = await _read(mastodon_fake, clock, "@lumora o candeeiro partiu-se")
    action = _answer(mention, text="Lamentamos muito!")
    reading = replace(action.context.reading, lang="pt-PT")
    responder = poster("mastodon", mastodon_fake.base_url)
    await responder.deliver(replace(action, context=replace(action.context, reading=reading)))
    und = replace(action.context.reading, lang="und")
    again = replace(action, key="k2", text="Obrigado", context=replace(action.context, reading=und))
    await responder.deliver(again)
    await responder.close()
    first, second = (c.form() for c in mastodon_fake.api.calls(STATUSES, "POST"))
    assert first["language"] == "pt"
    assert "language" not in second
