"""X keeps a post with each link as a t.co link and a reply led by the @handle it answers:
a retry still finds its own earlier reply or DM there, through tweepy against the fake X."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from mentiondesk.models import FatalError
from tests.fakes.x import OUR_TWEETS
from tests.platforms.posting import post_action, poster

LINK = "Sorry! Track the new lamp at https://lumora.test/track?o=123&k=a."


async def test_a_retried_reply_with_a_link_is_found_not_sent_again(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    sent = await responder.deliver(post_action("x", tweet["id"], text=LINK))  # answer lost
    again = await responder.deliver(post_action("x", tweet["id"], text=LINK, attempt=2))
    await responder.close()
    [posted] = x_fake.posted
    assert posted["text"].startswith("@bob Sorry! Track the new lamp at https://t.co/")
    assert again.ref == sent.ref and again.detail == "reply (found)"


async def test_a_retried_dm_with_a_link_is_found_not_sent_again(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    dm = post_action("x", tweet["id"], author_id=tweet["author_id"], text=LINK, private=True)
    sent = await responder.deliver(dm)
    again = await responder.deliver(replace(dm, attempt=2))
    await responder.close()
    [event] = x_fake.dms
    assert "https://t.co/" in event["text"] and "lumora.test" not in event["text"]
    assert again.ref == sent.ref and again.detail == "direct message (found)"


async def test_a_reply_with_another_link_is_not_taken_for_ours(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    other = LINK.replace("o=123", "o=999")
    await responder.deliver(post_action("x", tweet["id"], text=other, key="k-other"))
    receipt = await responder.deliver(post_action("x", tweet["id"], text=LINK, attempt=2))
    await responder.close()
    assert len(x_fake.posted) == 2 and receipt.detail == "reply"


async def test_a_duplicate_refusal_finds_the_reply_the_look_up_missed(x_fake) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    responder = poster("x", x_fake.base_url)
    sent = await responder.deliver(post_action("x", tweet["id"], text=LINK))  # answer lost
    x_fake.fail(OUR_TWEETS, 200, {"meta": {"result_count": 0}})  # not listed yet
    again = await responder.deliver(post_action("x", tweet["id"], text=LINK, attempt=2))
    await responder.close()
    assert len(x_fake.posted) == 1 and again.ref == sent.ref
    assert len(x_fake.api.calls(OUR_TWEETS)) == 2  # looked again after the 403


async def test_a_duplicate_refusal_with_no_reply_of_ours_stays_fatal(x_fake, clock) -> None:
    tweet = x_fake.publish("@lumora broken lamp", author="bob")
    x_fake.tweeted(LINK, reply_to=tweet["id"])  # an earlier case's, an hour before this one
    clock.advance(timedelta(hours=1).total_seconds())
    action = replace(post_action("x", tweet["id"], text=LINK, attempt=2), created_at=clock())
    responder = poster("x", x_fake.base_url)
    with pytest.raises(FatalError, match="duplicate content"):
        await responder.deliver(action)
    await responder.close()
    assert len(x_fake.posted) == 1
