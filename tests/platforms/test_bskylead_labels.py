"""A Brazilian fintech's Bluesky community, read through atproto against the fake AppView:
moderation labels. A post Bluesky's moderation hides from everyone ("!hide"), or by an account
it took down, is not put on the desk to be answered in public under a post nobody sees; a
post labelled for its content (by its author or a labeler) reaches the desk saying so."""

from __future__ import annotations

from tests.fakes.bluesky import BlueskyFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started

MOD = "did:plc:ar7c4by46qjdydhdevvrndac"  # Bluesky's moderation service


def _label(uri: str, val: str, *, neg: bool = False) -> dict[str, object]:
    label: dict[str, object] = {"src": MOD, "uri": uri, "val": val, "cts": "2026-01-01T00:00:00Z"}
    return {**label, "neg": True} if neg else label


async def test_hidden_posts_are_left_out_and_content_labels_are_said(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = bluesky_source(bluesky_fake, clock, query="lumora")
    cursor = await started(source, clock)
    spam = bluesky_fake.hit("lumora pix grátis 💸 clique aqui", author="spam1", lang="pt")
    spam["labels"] = [_label(spam["uri"], "!hide")]
    banned = bluesky_fake.mention(
        "@lumora.bsky.social golpe", author="gone", author_labels=[_label("did:x", "!takedown")]
    )
    nsfw = bluesky_fake.mention(
        "@lumora.bsky.social olha isso", author="ana", lang="pt", self_labels=["porn"]
    )
    gore = bluesky_fake.hit("lumora acidente na agência", author="bia", lang="pt")
    gore["labels"] = [_label(gore["uri"], "graphic-media"), _label(gore["uri"], "!no-promote")]
    cleared = bluesky_fake.hit("lumora meu cartão chegou 🎉", author="cai", lang="pt")
    cleared["labels"] = [_label(cleared["uri"], "!hide"), _label(cleared["uri"], "!hide", neg=True)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    texts = {m.external_id: m.text for m in run.mentions}
    assert spam["uri"] not in texts and banned["uri"] not in texts
    assert texts[nsfw["uri"]] == "⚠️ porn\n\n@lumora.bsky.social olha isso"
    assert texts[gore["uri"]] == "⚠️ graphic-media\n\nlumora acidente na agência"
    assert texts[cleared["uri"]] == "lumora meu cartão chegou 🎉"  # the label taken back
