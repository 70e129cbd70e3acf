"""X's 24-hour posting caps, through tweepy: a spent cap waits for its own reset, not for the
15-minute window's, so the outbox does not retry (and look up our timeline) every 15 minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import RateLimited
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.platforms.posting import post_action, poster

DAY = timedelta(hours=24)


async def test_a_spent_user_cap_waits_until_its_reset(x_fake, clock) -> None:
    x_fake.cap_daily(1)
    first, second = (x_fake.publish(f"@lumora lamp {n}", author="bob") for n in range(2))
    responder = poster("x", x_fake.base_url)
    await responder.deliver(post_action("x", first["id"]))
    clock.advance(60)
    with pytest.raises(RateLimited, match="24-hour cap") as refused:
        await responder.deliver(post_action("x", second["id"], key="k2"))
    await responder.close()
    assert refused.value.until == clock() - timedelta(seconds=60) + DAY
    assert len(x_fake.posted) == 1


async def test_a_spent_app_cap_on_direct_messages_waits_until_its_reset(x_fake, clock) -> None:
    x_fake.cap_daily(1, scope="app")
    tweet = x_fake.publish("@lumora where is my order", author="bob")
    responder = poster("x", x_fake.base_url)

    def dm(key: str) -> object:
        return post_action("x", tweet["id"], author_id=tweet["author_id"], private=True, key=key)

    await responder.deliver(dm("k1"))
    with pytest.raises(RateLimited) as refused:
        await responder.deliver(dm("k2"))
    await responder.close()
    assert refused.value.until == clock() + DAY
    assert len(x_fake.dms) == 1


async def test_the_outbox_does_not_retry_a_capped_post_every_15_minutes(
    db_url, x_fake, clock
) -> None:
    x_fake.cap_daily(1)
    first, second = (x_fake.publish(f"@lumora lamp {n}", author="bob") for n in range(2))
    responder = poster("x", x_fake.base_url)
    await responder.deliver(post_action("x", first["id"]))  # the day's one post
    store = Store(db_url)
    store.create_all()
    with store.engine.begin() as conn:
        action = post_action("x", second["id"], key="k2")
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, clock())))
    worker = OutboxWorker(store, {"x-post": responder}, OutboxSection(), clock=clock)
    refused = await worker.drain()
    calls = len(x_fake.api.requests)
    waits = []
    for _ in range(8):  # two hours, 15 minutes at a time: nothing is called
        clock.advance(15 * 60)
        waits.append(await worker.drain())
    idle = len(x_fake.api.requests)
    clock.advance(DAY.total_seconds())
    sent = await worker.drain()
    await responder.close()
    store.dispose()
    assert (refused, waits, sent) == (0, [0] * 8, 1)
    assert idle == calls
    assert len(x_fake.posted) == 2
