"""The on-call review of the X poster's 404: X answers a reply to a deleted tweet with 403
"deleted or not visible" (held as deleted, tests/platforms/test_platdel_deleted_posts.py), and
a 404 "resource-not-found" where the post or the author to write to is not there. Neither
comes back by retrying: the 404 is held as the 403 is, through tweepy against the fake,
never retried as an outage, and none of X's words (which quote the id) are copied."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError
from tests.fakes._base import FakeAPI
from tests.fakes.x import POST, XFake
from tests.fakes.x_wire import problem
from tests.platforms.posting import post_action, poster

ATTEMPTS = pytest.mark.parametrize("attempt", [1, 2])  # 2: looks for an earlier send first


def _not_found(kind: str, ident: str) -> dict[str, object]:
    """X's 404 for a missing resource: problem format, the id in its words."""
    body = problem(404, "Not Found Error", f"Could not find {kind} with id: [{ident}].")
    return {**body, "type": "https://api.twitter.com/2/problems/resource-not-found"}


@pytest.fixture
async def x_fake() -> AsyncIterator[XFake]:
    async with FakeAPI() as api:
        yield XFake(api)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


async def _refused(
    x_fake: XFake, external_id: str, *, attempt: int = 1, private: bool = False
) -> str:
    responder = poster("x", x_fake.base_url)
    action = post_action("x", external_id, attempt=attempt, private=private)
    try:
        with pytest.raises(FatalError) as refused:
            await responder.deliver(action)
    finally:
        await responder.close()
    return str(refused.value)


@ATTEMPTS
async def test_a_404_for_the_tweet_to_answer_is_held_as_deleted(
    x_fake: XFake, attempt: int
) -> None:
    tweet = x_fake.publish("@lumora thanks, the lamp is lovely", author="bob")
    x_fake.fail(POST, 404, json=_not_found("tweet", tweet["id"]), method="POST")
    error = await _refused(x_fake, tweet["id"], attempt=attempt)
    assert held_reason(error) == "deleted", error
    assert "404 Not Found" in error and "gone (deleted)" in error, error
    assert "Could not find" not in error and tweet["id"] not in error, error
    assert x_fake.posted == [] and len(x_fake.api.calls(POST, method="POST")) == 1


async def test_a_404_for_the_author_of_a_direct_message_is_held_as_deleted(
    x_fake: XFake,
) -> None:
    tweet = x_fake.publish("@lumora my lamp broke", author="bob")
    path = "/2/dm_conversations/with/u1/messages"
    x_fake.fail(path, 404, json=_not_found("user", "u1"), method="POST")
    error = await _refused(x_fake, tweet["id"], private=True)
    assert held_reason(error) == "deleted", error
    assert "404 Not Found" in error and "Could not find" not in error, error
    assert x_fake.dms == []
