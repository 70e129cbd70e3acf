"""What a Bluesky reply carries: facets whose UTF-8 byte offsets cover the link and @handle."""

from __future__ import annotations

from tests.fakes.bluesky import RESOLVE
from tests.platforms.posting import post_action, poster

LINK = "https://lumora.example/ajuda"


async def test_reply_links_and_mentions_by_byte_offset(bluesky_fake) -> None:
    view = bluesky_fake.mention("@lumora broke", author="fern")
    text = f"Olá 😀, ação: veja {LINK} ou fale com @fern.bsky.social (não @nobody.bsky.social)"
    responder = poster("bluesky", bluesky_fake.base_url)
    await responder.deliver(post_action("bluesky", view["uri"], text=text))
    await responder.close()
    record = next(iter(bluesky_fake.records.values()))["value"]
    encoded = record["text"].encode()
    spans = [
        (encoded[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"])
        for f in record["facets"]
    ]
    assert spans == [
        (LINK, [{"$type": "app.bsky.richtext.facet#link", "uri": LINK}]),
        (
            "@fern.bsky.social",
            [{"$type": "app.bsky.richtext.facet#mention", "did": view["author"]["did"]}],
        ),
    ]  # the handle that does not resolve stays plain text
    # byte offsets, not character ones: the emoji and accents come before the link
    assert record["facets"][0]["index"]["byteStart"] > text.index(LINK)
    resolved = [c.query["handle"] for c in bluesky_fake.api.calls(RESOLVE)]
    assert sorted(resolved) == ["fern.bsky.social", "nobody.bsky.social"]
