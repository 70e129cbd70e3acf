"""A retried X reply or Reddit comment or message counts as sent only when ours is dated since
the action was queued: the same stock text sent in the thread after the mention, for an earlier
case, is another reply, and the retry must still send."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from mentiondesk.models import OutboxAction, TransientError
from tests.fakes.reddit import COMMENT, COMPOSE
from tests.fakes.x import POST, problem
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action, poster

STOCK = "Could you DM us your order number?"
WEEKS = timedelta(weeks=3).total_seconds()


def _queued(
    platform: str,
    thing: str,
    clock: FakeClock,
    *,
    handle: str = "alice",
    private: bool = False,
    skew: timedelta = timedelta(0),
) -> OutboxAction:
    """The action answering `thing` with the stock text, its outbox row written now (by our
    clock, `skew` ahead of the platform's)."""
    action = post_action(platform, thing, handle=handle, private=private, text=STOCK)
    return replace(action, created_at=clock() + skew)


async def test_x_reply_retry_sends_past_an_old_identical_reply(x_fake, clock) -> None:
    tweet = x_fake.publish("@lumora where is my order", author="bob")
    old = x_fake.tweeted(STOCK, reply_to=tweet["id"])  # an earlier case in the thread
    clock.advance(WEEKS)
    x_fake.fail(POST, 503, problem(503, "Service Unavailable"), method="POST")
    action = _queued("x", tweet["id"], clock)
    responder = poster("x", x_fake.base_url)
    with pytest.raises(TransientError):
        await responder.deliver(action)
    clock.advance(3600)
    receipt = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    assert [t["text"] for t in x_fake.posted] == [f"@bob {STOCK}"] * 2  # X adds the @handle
    assert receipt.detail == "reply" and receipt.ref == x_fake.posted[1]["id"] != old["id"]


async def test_x_reply_retry_still_finds_the_one_this_action_sent(x_fake, clock) -> None:
    tweet = x_fake.publish("@lumora where is my order", author="bob")
    x_fake.tweeted(STOCK, reply_to=tweet["id"])
    clock.advance(WEEKS)
    # Our clock runs two minutes ahead of X's: the reply is dated before the row, and ours.
    action = _queued("x", tweet["id"], clock, skew=timedelta(minutes=2))
    responder = poster("x", x_fake.base_url)
    sent = await responder.deliver(action)  # sent, but its answer was lost to a crash
    clock.advance(600)
    again = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    assert len(x_fake.posted) == 2 and again.ref == sent.ref
    assert again.detail == "reply (found)"


@pytest.mark.parametrize("private", [False, True], ids=["comment", "message"])
async def test_reddit_retry_sends_past_an_old_identical_reply(
    reddit_fake, clock, private: bool
) -> None:
    name = reddit_fake.mention("u/lumora_bot where is my order", author="erin")["data"]["name"]
    old = reddit_fake.messaged("erin", STOCK) if private else reddit_fake.commented(name, STOCK)
    clock.advance(WEEKS)
    reddit_fake.fail(COMPOSE if private else COMMENT, 503, {"message": "busy"}, method="POST")
    action = _queued("reddit", name, clock, handle="erin", private=private)
    responder = poster("reddit", reddit_fake.base_url)
    with pytest.raises(TransientError):
        await responder.deliver(action)
    clock.advance(3600)
    receipt = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    sent = [s["data"] for s in (reddit_fake.messages if private else reddit_fake.comments)]
    assert [s["body"] for s in sent] == [STOCK, STOCK] and sent[1]["name"] != old["name"]
    assert receipt.detail == ("private message" if private else "comment reply")


@pytest.mark.parametrize("private", [False, True], ids=["comment", "message"])
async def test_reddit_retry_still_finds_the_one_this_action_sent(
    reddit_fake, clock, private: bool
) -> None:
    name = reddit_fake.mention("u/lumora_bot where is my order", author="erin")["data"]["name"]
    reddit_fake.messaged("erin", STOCK) if private else reddit_fake.commented(name, STOCK)
    clock.advance(WEEKS)
    action = _queued("reddit", name, clock, handle="erin", private=private)
    responder = poster("reddit", reddit_fake.base_url)
    await responder.deliver(action)
    clock.advance(600)
    again = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    sent = [s["data"] for s in (reddit_fake.messages if private else reddit_fake.comments)]
    assert len(sent) == 2 and again.ref == sent[1]["name"]
    assert again.detail.endswith("(found)")
