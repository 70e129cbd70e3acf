"""A retried private message counts as sent only when ours is dated since the action was
queued: the same stock text sent to the author weeks before is another message."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import TransientError
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from tests.fakes.bluesky_chat import SEND
from tests.fakes.x import problem
from tests.platforms.posting import post_action, poster

STOCK = "Could you DM us your order number?"
WEEKS_AGO = timedelta(weeks=3)


async def test_x_dm_retry_sends_past_an_old_identical_dm(db_url, x_fake, clock) -> None:
    tweet = x_fake.publish("@lumora where is my order", author="bob")
    old = x_fake.dm_sent(tweet["author_id"], STOCK, at=clock() - WEEKS_AGO)
    dm_path = f"/2/dm_conversations/with/{tweet['author_id']}/messages"
    x_fake.fail(dm_path, 503, problem(503, "Service Unavailable"), method="POST")
    store = Store(db_url)
    store.create_all()
    action = post_action("x", tweet["id"], author_id=tweet["author_id"], private=True, text=STOCK)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, clock())))
    responder = poster("x", x_fake.base_url)
    worker = OutboxWorker(store, {"x-post": responder}, OutboxSection(), clock=clock)
    first = await worker.drain()  # the send fails: retried later
    clock.advance(3600)
    second = await worker.drain()  # attempt 2 looks first: the old DM is not this one
    await responder.close()
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
    store.dispose()
    assert (first, second) == (0, 1)
    assert [d["text"] for d in x_fake.dms] == [STOCK, STOCK]
    assert ref == x_fake.dms[1]["id"] != old["id"]


async def test_x_dm_retry_still_finds_the_one_this_action_sent(x_fake, clock) -> None:
    tweet = x_fake.publish("@lumora where is my order", author="bob")
    x_fake.dm_sent(tweet["author_id"], STOCK, at=clock() - WEEKS_AGO)
    action = post_action("x", tweet["id"], author_id=tweet["author_id"], private=True, text=STOCK)
    # Our clock runs two minutes ahead of X's: the DM is dated before the row, and still ours.
    action = replace(action, created_at=clock() + timedelta(minutes=2))
    responder = poster("x", x_fake.base_url)
    sent = await responder.deliver(action)  # sent, but its answer was lost to a crash
    clock.advance(600)
    again = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    assert len(x_fake.dms) == 2 and again.ref == sent.ref
    assert again.detail == "direct message (found)"


def _bluesky_dm(view: dict, clock) -> object:
    action = post_action(
        "bluesky", view["uri"], author_id=view["author"]["did"], private=True, text=STOCK
    )
    return replace(action, created_at=clock())


async def test_bluesky_chat_retry_sends_past_an_old_identical_message(bluesky_fake, clock) -> None:
    post = bluesky_fake.mention("@lumora where is my order", author="fern")
    old = bluesky_fake.chat.message(post["author"]["did"], STOCK, at=clock() - WEEKS_AGO)
    bluesky_fake.fail(SEND, 502, {"error": "UpstreamFailure"}, method="POST")
    action = _bluesky_dm(post, clock)
    responder = poster("bluesky", bluesky_fake.base_url)
    with pytest.raises(TransientError):
        await responder.deliver(action)
    clock.advance(3600)
    receipt = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    sent = bluesky_fake.chat.sent()
    assert [m["text"] for m in sent] == [STOCK, STOCK]
    assert receipt.detail == "direct message" and receipt.ref.endswith(sent[1]["id"])
    assert sent[1]["id"] != old["id"]


async def test_bluesky_chat_retry_still_finds_the_one_this_action_sent(bluesky_fake, clock) -> None:
    post = bluesky_fake.mention("@lumora where is my order", author="fern")
    bluesky_fake.chat.message(post["author"]["did"], STOCK, at=clock() - WEEKS_AGO)
    action = _bluesky_dm(post, clock)
    responder = poster("bluesky", bluesky_fake.base_url)
    first = await responder.deliver(action)
    clock.advance(600)
    again = await responder.deliver(replace(action, attempt=2))
    await responder.close()
    assert len(bluesky_fake.chat.sent()) == 2
    assert again.ref == first.ref and again.detail == "direct message (found)"
