"""A Brazilian fintech answering its Bluesky community through atproto against the fake PDS:
a 429 on a reply waits as long as it is told. The chat service and proxies in front of a PDS
say `Retry-After` without `ratelimit-reset`; the responder waited a minute whatever it said,
so a spent hour-long write window met a refused reply every minute. Once the wait is over the
reply is posted once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.models import RateLimited
from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import CREATE, BlueskyFake
from tests.fakes.bluesky_chat import SEND
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action, poster

REFUSED = {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}


@pytest.fixture
async def fake() -> AsyncIterator[BlueskyFake]:
    async with FakeAPI() as api:
        yield BlueskyFake(api, clock=FakeClock())
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


async def test_a_429_saying_retry_after_alone_is_waited_out_then_posted_once(
    fake: BlueskyFake,
) -> None:
    view = fake.mention("@lumora.bsky.social meu Pix sumiu 😡", lang="pt")
    fake.fail(CREATE, 429, REFUSED, method="POST", headers={"Retry-After": "1800"})
    responder = poster("bluesky", fake.base_url)
    text = "Oi! Chama a gente na DM 🙏"
    action = post_action("bluesky", view["uri"], text=text)
    with pytest.raises(RateLimited) as limited:
        await responder.deliver(action)
    waited = limited.value.until - datetime.now(UTC)
    assert timedelta(minutes=29) < waited <= timedelta(minutes=30)
    assert fake.records == {}
    await responder.deliver(action)  # after the wait: posted
    again = post_action("bluesky", view["uri"], text=text, attempt=2)
    assert (await responder.deliver(again)).detail == "reply (found)"  # not posted again
    await responder.close()
    assert len(fake.records) == 1


async def test_a_429_naming_its_reset_waits_until_then(fake: BlueskyFake) -> None:
    view = fake.mention("@lumora.bsky.social cartão bloqueado", author="bia", lang="pt")
    reset = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=40)
    headers = {"ratelimit-reset": str(int(reset.timestamp())), "Retry-After": "5"}
    fake.fail(SEND, 429, REFUSED, method="POST", headers=headers)
    responder = poster("bluesky", fake.base_url)
    action = post_action("bluesky", view["uri"], text="Oi, Bia! Vamos ver isso", private=True)
    with pytest.raises(RateLimited) as limited:
        await responder.deliver(action)
    await responder.close()
    assert limited.value.until == reset  # the window's own reset, over the proxy's guess
    assert fake.chat.sent() == []
