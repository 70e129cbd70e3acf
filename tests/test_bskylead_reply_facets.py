"""A Brazilian fintech's Bluesky replies, posted through atproto to the fake PDS: facets.

The author is the DID, not the handle: a reply greeting "@ana.bsky.social" after Ana moved to
her own domain (and someone else took the old handle) notified that stranger, with the brand's
answer about Ana's card. And the offsets are UTF-8 bytes: a link after "ação 🚀" covers the
link's bytes exactly, and a #tag with accents is one tag."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import RESOLVE, BlueskyFake
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action, poster

LINK = "https://lumora.com.br/ajuda/pix?origem=bsky"
STRANGER = "did:plc:someoneelse"


@pytest.fixture
async def fake() -> AsyncIterator[BlueskyFake]:
    async with FakeAPI() as api:
        yield BlueskyFake(api, clock=FakeClock())
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


def _spans(record: dict) -> list[tuple[str, dict]]:
    data = record["text"].encode()
    return [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"][0])
        for f in record["facets"]
    ]


async def test_the_author_greeted_by_an_old_handle_is_the_one_notified(fake: BlueskyFake) -> None:
    view = fake.mention("@lumora.bsky.social cadê meu cartão?", author="ana", lang="pt")
    ana = view["author"]["did"]
    fake.handles["ana.bsky.social"] = STRANGER  # Ana moved to ana.com.br; the old one was taken
    fake.handles["bia.bsky.social"] = "did:plc:bia"
    text = f"Oi @ana.bsky.social! Sua ação 🚀 está aqui: {LINK}. #Promoção (cc @bia.bsky.social)"
    action = post_action("bluesky", view["uri"], author_id=ana, handle="ana.bsky.social", text=text)
    responder = poster("bluesky", fake.base_url)
    await responder.deliver(action)
    await responder.close()
    [made] = fake.records.values()
    assert _spans(made["value"]) == [
        ("@ana.bsky.social", {"$type": "app.bsky.richtext.facet#mention", "did": ana}),
        (LINK, {"$type": "app.bsky.richtext.facet#link", "uri": LINK}),  # not its "."
        ("#Promoção", {"$type": "app.bsky.richtext.facet#tag", "tag": "Promoção"}),
        ("@bia.bsky.social", {"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:bia"}),
    ]
    # Only the handle that is no one's we know is asked after.
    assert [c.query["handle"] for c in fake.api.calls(RESOLVE)] == ["bia.bsky.social"]
