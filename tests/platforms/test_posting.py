"""The four posting responders against the platform fakes: what got posted, and only once."""

from __future__ import annotations

import pytest

from mentiondesk.models import FatalError
from tests.fakes.x import BRAND_ID
from tests.platforms.posting import post_action, poster


async def test_x_reply_and_dm(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    reply = await responder.deliver(post_action("x", tweet["id"]))
    dm = await responder.deliver(
        post_action("x", tweet["id"], author_id=tweet["author_id"], private=True, key="k2")
    )
    await responder.close()
    assert x_fake.posted[0]["referenced_tweets"] == [{"type": "replied_to", "id": tweet["id"]}]
    assert reply.ref == x_fake.posted[0]["id"]
    assert x_fake.dms[0]["participant"] == tweet["author_id"]
    assert dm.ref == x_fake.dms[0]["id"]
    assert x_fake.api.calls("/2/tweets")[0].headers["Authorization"] == "Bearer user-token"


async def test_x_retry_finds_earlier_reply_and_dm(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    first = await responder.deliver(post_action("x", tweet["id"]))
    again = await responder.deliver(post_action("x", tweet["id"], attempt=2))
    dm = post_action("x", tweet["id"], author_id=tweet["author_id"], private=True, key="k2")
    sent = await responder.deliver(dm)
    dm_again = await responder.deliver(
        post_action(
            "x", tweet["id"], author_id=tweet["author_id"], private=True, key="k2", attempt=3
        )
    )
    await responder.close()
    assert (len(x_fake.posted), len(x_fake.dms)) == (1, 1)
    assert (again.ref, dm_again.ref) == (first.ref, sent.ref)
    assert x_fake.api.calls(f"/2/users/{BRAND_ID}/tweets")


async def test_x_retry_posts_when_nothing_was_sent(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    await responder.deliver(post_action("x", tweet["id"], attempt=2))
    await responder.close()
    assert len(x_fake.posted) == 1


async def test_reddit_comment_and_message(reddit_fake) -> None:
    item = reddit_fake.mention("u/lumora_bot help", author="erin")
    name = item["data"]["name"]
    responder = poster("reddit", reddit_fake.base_url)
    reply = await responder.deliver(post_action("reddit", name, handle="erin"))
    await responder.deliver(post_action("reddit", name, handle="erin", private=True, key="k2"))
    again = await responder.deliver(post_action("reddit", name, handle="erin", attempt=2))
    await responder.deliver(
        post_action("reddit", name, handle="erin", private=True, key="k2", attempt=2)
    )
    await responder.close()
    assert [c["data"]["parent_id"] for c in reddit_fake.comments] == [name]
    assert [m["data"]["dest"] for m in reddit_fake.messages] == ["erin"]
    assert again.ref == reply.ref == reddit_fake.comments[0]["data"]["name"]
    form = reddit_fake.api.calls("/api/comment/")[0].form()
    assert (form["thing_id"], form["api_type"]) == (name, "json")


async def test_reddit_action_limit_becomes_rate_limited(reddit_fake) -> None:
    from mentiondesk.models import RateLimited

    error = {"json": {"errors": [["RATELIMIT", "try again in 9 minutes.", "ratelimit"]]}}
    reddit_fake.fail("/api/comment/", 200, error, method="POST")
    responder = poster("reddit", reddit_fake.base_url)
    with pytest.raises(RateLimited):
        await responder.deliver(post_action("reddit", "t1_x"))
    await responder.close()
    assert reddit_fake.comments == []


async def test_reddit_refused_token_is_retried_with_a_new_one(reddit_fake) -> None:
    from mentiondesk.models import TransientError

    name = reddit_fake.mention("u/lumora_bot help", author="erin")["data"]["name"]
    refused = {"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'}
    reddit_fake.fail(
        "/api/comment/", 401, {"message": "Unauthorized"}, method="POST", headers=refused
    )
    responder = poster("reddit", reddit_fake.base_url)
    with pytest.raises(TransientError, match="token"):
        await responder.deliver(post_action("reddit", name, handle="erin"))
    await responder.deliver(post_action("reddit", name, handle="erin", attempt=2))
    await responder.close()
    assert len(reddit_fake.comments) == 1
    assert len(reddit_fake.api.calls("/api/v1/access_token")) == 2


async def test_mastodon_reply_direct_and_idempotency_key(mastodon_fake) -> None:
    status = mastodon_fake.mention("@lumora broke", author="dan")
    responder = poster("mastodon", mastodon_fake.base_url)
    await responder.deliver(post_action("mastodon", status["id"]))
    again = await responder.deliver(post_action("mastodon", status["id"], attempt=2))
    await responder.deliver(
        post_action("mastodon", status["id"], handle="dan@remote.test", private=True, key="k2")
    )
    await responder.close()
    assert [p["visibility"] for p in mastodon_fake.posted] == ["public", "direct"]
    assert again.ref == mastodon_fake.posted[0]["id"]
    mention = '<a href="https://remote.test/@dan" class="u-url mention">@<span>dan</span></a>'
    assert mastodon_fake.posted[1]["content"].startswith(
        f'<p><span class="h-card" translate="no">{mention}'
    )
    calls = mastodon_fake.api.calls("/api/v1/statuses")
    # the retry found our reply in the thread, so it sent nothing; each post carries its key
    assert [c.headers["Idempotency-Key"] for c in calls] == ["post:draft:1", "k2"]
    assert calls[0].form()["in_reply_to_id"] == status["id"]


async def test_bluesky_reply_in_thread_once(bluesky_fake) -> None:
    root = bluesky_fake.hit("lumora thread start")
    child = bluesky_fake.mention("@lumora broke", reply_to=root["uri"])
    responder = poster("bluesky", bluesky_fake.base_url)
    first = await responder.deliver(post_action("bluesky", child["uri"]))
    again = await responder.deliver(post_action("bluesky", child["uri"], attempt=2))
    await responder.close()
    assert len(bluesky_fake.records) == 1
    assert again.ref == first.ref
    record = next(iter(bluesky_fake.records.values()))["value"]
    assert record["reply"]["root"]["uri"] == root["uri"]
    assert record["reply"]["parent"]["uri"] == child["uri"]


def _dm(view: dict, **kw) -> object:
    """A private action to the author of a Bluesky post view."""
    return post_action("bluesky", view["uri"], author_id=view["author"]["did"], private=True, **kw)


async def test_bluesky_direct_message_once(bluesky_fake) -> None:
    post = bluesky_fake.mention("@lumora my order never came", author="fern")
    responder = poster("bluesky", bluesky_fake.base_url)
    first = await responder.deliver(_dm(post, key="k1"))
    again = await responder.deliver(_dm(post, key="k1", attempt=2))
    other = await responder.deliver(_dm(post, key="k2", text="Any news? We are on it."))
    await responder.close()
    chat = bluesky_fake.chat
    assert [m["text"] for m in chat.sent()] == [
        "Sorry about that, we sent a new lamp.",
        "Any news? We are on it.",
    ]
    assert list(chat.convos) == [post["author"]["did"]]  # one conversation with the author
    assert again.ref == first.ref and again.detail == "direct message (found)"
    assert first.ref.endswith(chat.sent()[0]["id"]) and other.ref != first.ref
    assert bluesky_fake.records == {}  # nothing was posted publicly
    sends = bluesky_fake.api.calls("/xrpc/chat.bsky.convo.sendMessage")
    assert {c.headers["atproto-proxy"] for c in sends} == {"did:web:api.bsky.chat#bsky_chat"}


async def test_bluesky_retry_sends_when_the_message_is_not_there(bluesky_fake) -> None:
    post = bluesky_fake.mention("@lumora refund?", author="gus")
    responder = poster("bluesky", bluesky_fake.base_url)
    receipt = await responder.deliver(_dm(post, attempt=2))
    await responder.close()
    assert len(bluesky_fake.chat.sent()) == 1 and receipt.detail == "direct message"


async def test_bluesky_direct_message_refusals_say_what_to_do(bluesky_fake) -> None:
    post = bluesky_fake.mention("@lumora still broken", author="hal")
    bluesky_fake.chat.closed_to_us.add(post["author"]["did"])
    responder = poster("bluesky", bluesky_fake.base_url)
    with pytest.raises(FatalError, match=r"does not take direct messages.*reply publicly"):
        await responder.deliver(_dm(post))
    await responder.close()

    bluesky_fake.dm_access = False  # an app password made without direct-message access
    responder = poster("bluesky", bluesky_fake.base_url)
    with pytest.raises(FatalError, match=r'InvalidToken.*"Allow access to your direct'):
        await responder.deliver(_dm(bluesky_fake.mention("@lumora hi", author="ivy")))
    await responder.close()
    assert bluesky_fake.chat.sent() == []


async def test_post_to_wrong_platform_is_held(x_fake) -> None:
    responder = poster("x", x_fake.base_url)
    with pytest.raises(FatalError, match="routing"):
        await responder.deliver(post_action("reddit", "t1_x"))
    await responder.close()


async def test_posters_check_their_credentials(x_fake, reddit_fake, mastodon_fake, bluesky_fake):
    fakes = {"x": x_fake, "reddit": reddit_fake, "mastodon": mastodon_fake, "bluesky": bluesky_fake}
    found = {}
    for platform, fake in fakes.items():
        responder = poster(platform, fake.base_url)
        found[platform] = await responder.check()
        await responder.close()
    assert found == {
        "x": f"token valid for X user {BRAND_ID}",
        "reddit": "signed in as u/lumora_bot",
        "mastodon": "signed in as @lumora",
        "bluesky": "signed in as lumora.bsky.social (did:plc:lumorabrand); "
        "private messages allowed",
    }


async def test_bluesky_check_says_when_private_messages_will_be_held(bluesky_fake) -> None:
    bluesky_fake.dm_access = False
    responder = poster("bluesky", bluesky_fake.base_url)
    said = await responder.check()
    await responder.close()
    assert said.startswith("signed in as lumora.bsky.social (did:plc:lumorabrand); private")
    assert "will be held" in said and "Allow access to your direct messages" in said


async def test_poster_check_fails_on_bad_token(mastodon_fake) -> None:
    mastodon_fake.fail("/api/v1/accounts/verify_credentials", 401, {"error": "invalid"})
    responder = poster("mastodon", mastodon_fake.base_url)
    with pytest.raises(FatalError, match="refused"):
        await responder.check()
    await responder.close()


async def test_x_retry_finds_an_earlier_reply_behind_many_newer_tweets(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    first = await responder.deliver(post_action("x", tweet["id"]))
    for n in range(150):  # a busy brand tweets a lot after replying
        other = x_fake.publish(f"@lumora question {n}", author=f"u{n}")
        await responder.deliver(post_action("x", other["id"], key=f"k{n}", text=f"Hi {n}!"))
    again = await responder.deliver(post_action("x", tweet["id"], attempt=2))
    await responder.close()
    assert again.ref == first.ref and len(x_fake.posted) == 151
    assert len(x_fake.api.calls(f"/2/users/{BRAND_ID}/tweets")) == 2  # two pages of 100


async def test_reddit_retry_finds_an_earlier_reply_behind_many_newer_comments(reddit_fake) -> None:
    item = reddit_fake.mention("u/lumora_bot help", author="erin")
    responder = poster("reddit", reddit_fake.base_url)
    reply = await responder.deliver(post_action("reddit", item["data"]["name"], handle="erin"))
    ours = reddit_fake.comments[0]
    for n in range(150):  # a busy brand comments a lot after replying (added straight to the fake)
        data = {**ours["data"], "name": f"t1_busy{n}", "id": f"busy{n}", "parent_id": "t3_other"}
        reddit_fake.comments.append({"kind": "t1", "data": data})
    again = await responder.deliver(
        post_action("reddit", item["data"]["name"], handle="erin", attempt=2)
    )
    await responder.close()
    assert again.ref == reply.ref and len(reddit_fake.comments) == 151
    assert len(reddit_fake.api.calls("/user/lumora_bot/comments")) == 2  # two pages of 100


async def test_reddit_refusal_with_a_reason_is_held_not_retried(reddit_fake) -> None:
    from mentiondesk.models import FatalError

    error = {"json": {"errors": [["THREAD_LOCKED", "that thread is locked", "parent"]]}}
    reddit_fake.fail("/api/comment/", 400, error, method="POST")
    responder = poster("reddit", reddit_fake.base_url)
    with pytest.raises(FatalError, match="400 Bad Request"):
        await responder.deliver(post_action("reddit", "t1_x"))
    await responder.close()
    assert reddit_fake.comments == []
