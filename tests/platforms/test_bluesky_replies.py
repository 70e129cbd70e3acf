"""What a Bluesky reply carries: facets whose UTF-8 byte offsets cover the link and @handle;
and a thread whose author limits replies is not answered in public."""

from __future__ import annotations

import pytest

from mentiondesk.models import FatalError
from tests.fakes.bluesky import CREATE, RESOLVE
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


async def test_a_thread_closed_to_replies_is_not_answered_unseen(bluesky_fake) -> None:
    root = bluesky_fake.hit("lumora thread start, replies: people I follow")
    child = bluesky_fake.mention("@lumora broke", reply_to=root["uri"])
    open_thread = bluesky_fake.mention("@lumora also broke", author="gus")
    bluesky_fake.gated.add(root["uri"])
    responder = poster("bluesky", bluesky_fake.base_url)
    with pytest.raises(FatalError, match="the author limits replies to this thread: reply priv"):
        await responder.deliver(post_action("bluesky", child["uri"]))
    await responder.deliver(post_action("bluesky", open_thread["uri"], key="k2"))
    await responder.close()
    [made] = bluesky_fake.records.values()  # the PDS would have taken the gated one too
    assert made["value"]["reply"]["parent"]["uri"] == open_thread["uri"]
    assert len(bluesky_fake.api.calls(CREATE)) == 1
