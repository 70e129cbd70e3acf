"""What a Bluesky post shows beyond its record's `text` reaches the desk: a link the app
shortened in the text is whole (its facet's address), a link card's title and description,
images' alt text, and the address of a quoted post. A Lisbon brand named only in a link, a
card or a photo's description was read as a post that never names it."""

from __future__ import annotations

from typing import Any

from listener._bluesky_text import expanded, full_text
from tests.platforms.helpers import once, started
from tests.platforms.test_bluesky import _source

SHOP = "https://lumora.pt/loja/candeeiro-aurora-edicao-limitada"
BLOB = {"$type": "blob", "ref": {"$link": "bafkreib"}, "mimeType": "image/jpeg", "size": 9}


def _link(text: str, words: str, uri: str) -> dict[str, Any]:
    start = text.encode().index(words.encode())
    return {
        "index": {"byteStart": start, "byteEnd": start + len(words.encode())},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
    }


def _images(*alts: str) -> dict[str, Any]:
    images = [{"alt": alt, "image": BLOB} for alt in alts]
    return {"$type": "app.bsky.embed.images", "images": images}


async def test_a_shortened_link_and_a_link_card_reach_the_desk(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    text = "🇵🇹 partiu-se ao fim de 2 dias 😡 lumora.pt/loja/candeei..."
    card = {
        "$type": "app.bsky.embed.external",
        "external": {"uri": SHOP, "title": "Candeeiro Aurora | Lumora", "description": "Edição"},
    }
    post = bluesky_fake.hit(
        text, lang="pt", facets=[_link(text, "lumora.pt/loja/candeei...", SHOP)], embed=card
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [m.external_id for m in run.mentions] == [post["uri"]]
    assert run.mentions[0].text == (
        f"🇵🇹 partiu-se ao fim de 2 dias 😡 {SHOP}\n\n🔗 Candeeiro Aurora | Lumora\nEdição"
    )


async def test_alt_text_and_a_quoted_post_of_a_mention(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock, query="")
    cursor = await started(source, clock)
    quoted = bluesky_fake.hit("o novo candeeiro chegou", author="lumora")
    did, rkey = quoted["uri"].removeprefix("at://").split("/app.bsky.feed.post/")
    embed = {
        "$type": "app.bsky.embed.recordWithMedia",
        "record": {
            "$type": "app.bsky.embed.record",
            "record": {"uri": quoted["uri"], "cid": quoted["cid"]},
        },
        "media": _images("Caixa da Lumora rasgada à porta", ""),
    }
    note = bluesky_fake.mention("olhem para isto", reason="quote", lang="pt", embed=embed)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [m.external_id for m in run.mentions] == [note["uri"]]
    assert run.mentions[0].text == (
        "olhem para isto\n\n🖼️ Caixa da Lumora rasgada à porta"
        f"\n\n↪️ https://bsky.app/profile/{did}/post/{rkey}"
    )


def test_a_link_with_words_of_its_own_keeps_them() -> None:
    text = "comprei na loja deles e nada"
    said = expanded(text, [_link(text, "loja deles", SHOP)])
    assert said == f"comprei na loja deles ({SHOP}) e nada"


def test_facets_that_do_not_fit_the_text_leave_it_as_written() -> None:
    text = "olá 👋 lumora.pt/x..."
    wrong = [
        {
            "index": {"byteStart": 5, "byteEnd": 7},
            "features": [_link(text, "o", SHOP)["features"][0]],
        },
        {"index": {"byteStart": 0, "byteEnd": 999}, "features": [{"$type": "x", "uri": SHOP}]},
        {"index": {"byteStart": "0"}, "features": None},
        "not a facet",
    ]
    assert expanded(text, wrong) == text  # byte 5..7 cuts the 👋 in half
    assert (
        full_text({"text": text, "embed": {"$type": "app.bsky.embed.images", "images": 3}}) == text
    )
