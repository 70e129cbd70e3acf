"""A Brazilian fintech's Bluesky community, read and answered through atproto against the fake
PDS/AppView: what a quote or a reply is on reaches the desk (Mention.on_title, as X's does),
and a reply deep in a thread is posted under the thread's first post, answering the mention.

"não funcionou de novo 😡" quoting the brand's Pix post, or replying to it three posts deep,
reached the desk as those words alone: the quoted post's address at best."""

from __future__ import annotations

from tests.fakes.bluesky import BlueskyFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import post_action, poster

GET_POSTS = "/xrpc/app.bsky.feed.getPosts"


def _quote_of(post: dict[str, object], *, with_media: bool) -> tuple[dict, dict]:
    """The record's embed quoting `post`, and the view the AppView serves for it."""
    strong = {"$type": "app.bsky.embed.record", "record": {"uri": post["uri"], "cid": post["cid"]}}
    view_record = {
        "$type": "app.bsky.embed.record#viewRecord",
        "uri": post["uri"],
        "cid": post["cid"],
        "author": post["author"],
        "value": post["record"],
        "indexedAt": post["indexedAt"],
    }
    view = {"$type": "app.bsky.embed.record#view", "record": view_record}
    if not with_media:
        return strong, view
    image = {"alt": "print do app com erro", "image": {"$type": "blob", "ref": {"$link": "b"}}}
    media = {"$type": "app.bsky.embed.images", "images": [{**image, "mimeType": "image/png"}]}
    media_view = {"$type": "app.bsky.embed.images#view", "images": []}
    embed = {"$type": "app.bsky.embed.recordWithMedia", "record": strong, "media": media}
    embed_view = {
        "$type": "app.bsky.embed.recordWithMedia#view",
        "record": view,
        "media": media_view,
    }
    return embed, embed_view


async def test_a_quoted_post_a_search_hit_carries_is_its_context(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = bluesky_source(bluesky_fake, clock, query="lumora")
    cursor = await started(source, clock)
    announced = bluesky_fake.post("Pix parcelado chegou 🚀 ação válida até sexta", author="lumora")
    embed, view = _quote_of(announced, with_media=True)
    quote = bluesky_fake.hit(
        "lumora não funcionou de novo 😡", author="ana", lang="pt", embed=embed, embed_view=view
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    [mention] = run.mentions
    assert mention.external_id == quote["uri"]
    assert mention.on_title == "@lumora.bsky.social: Pix parcelado chegou 🚀 ação válida até sexta"
    assert "🖼️ print do app com erro" in mention.text  # the quote's image alt, for the classifier
    assert bluesky_fake.api.calls(GET_POSTS) == []  # the view said it: no read spent


async def test_replies_and_quotes_in_notifications_say_what_they_are_on(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = bluesky_source(bluesky_fake, clock, query="")
    cursor = await started(source, clock)
    root = bluesky_fake.hit("lumora: Pix fora do ar? Respondemos aqui", author="lumora")
    middle = bluesky_fake.hit("o meu caiu às 10h", author="bia", reply_to=root["uri"])
    deep = bluesky_fake.mention(
        "de novo?! 😤", reason="reply", reply_to=middle["uri"], root=root["uri"]
    )
    embed, _ = _quote_of(root, with_media=False)
    quote = bluesky_fake.mention("vergonha", reason="quote", author="cai", embed=embed)
    odd = bluesky_fake.mention("oi", reason="reply", author="dan", reply_to="not-a-uri")
    run = await once(source, cursor, clock=clock)
    await source.close()
    on = {m.external_id: (m.on_title, m.thread_id) for m in run.mentions}
    assert on[deep["uri"]] == ("@bia.bsky.social: o meu caiu às 10h", root["uri"])
    assert on[quote["uri"]] == (
        "@lumora.bsky.social: lumora: Pix fora do ar? Respondemos aqui",
        None,
    )
    assert on[odd["uri"]] == (None, "not-a-uri")  # read, with nothing asked for it
    [call] = bluesky_fake.api.calls(GET_POSTS)  # one read for the page, well-formed post URIs only
    assert sorted(call.query.getall("uris")) == sorted([middle["uri"], root["uri"]])


async def test_a_reply_deep_in_a_thread_points_root_at_the_threads_first_post(
    bluesky_fake: BlueskyFake,
) -> None:
    root = bluesky_fake.hit("lumora: dúvidas sobre o cartão? 👇", author="lumora")
    middle = bluesky_fake.hit("o meu não chegou", author="bia", reply_to=root["uri"])
    deep = bluesky_fake.mention(
        "@lumora.bsky.social e agora?", reply_to=middle["uri"], root=root["uri"]
    )
    responder = poster("bluesky", bluesky_fake.base_url)
    await responder.deliver(post_action("bluesky", deep["uri"], text="Olá! Veja lumora.com.br"))
    await responder.close()
    [made] = bluesky_fake.records.values()
    refs = {k: (r["uri"], r["cid"]) for k, r in made["value"]["reply"].items() if k != "$type"}
    assert refs == {"root": (root["uri"], root["cid"]), "parent": (deep["uri"], deep["cid"])}
