"""A refusal of a private message or reply, in our words, read by the desk as what it is.

Reddit refuses a message or comment inside a 200 answer (`json.errors`): a message to an
author who takes them only from people they chose (NOT_WHITELISTED_BY_USER_MESSAGE), a reply
to a comment or post deleted meanwhile. The desk must read these as what they are (reply
publicly instead; nothing to answer), as it does for X, Bluesky and Mastodon, in our words."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError
from tests.fakes._base import FakeAPI
from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action, poster


@pytest.fixture
async def reddit() -> AsyncIterator[RedditFake]:
    async with FakeAPI() as api:
        yield RedditFake(api, clock=FakeClock())


async def _refusal(reddit: RedditFake, external_id: str, *, private: bool) -> str:
    responder = poster("reddit", reddit.base_url)
    action = post_action("reddit", external_id, handle="Alice", private=private)
    try:
        with pytest.raises(FatalError) as refused:
            await responder.deliver(action)
    finally:
        await responder.close()
    return str(refused.value)


async def test_a_message_to_an_author_who_takes_none_says_reply_publicly(
    reddit: RedditFake,
) -> None:
    reddit.no_messages.add("alice")
    error = await _refusal(reddit, "t1_abc", private=True)
    assert "NOT_WHITELISTED_BY_USER_MESSAGE" in error and "reply publicly" in error, error
    assert held_reason(error) == "dms-closed"
    assert "Can't send" not in error and not reddit.messages


@pytest.mark.parametrize("parent", ["t1_abc", "t3_xyz"])
async def test_a_reply_to_a_deleted_comment_or_post_says_it_is_gone(
    reddit: RedditFake, parent: str
) -> None:
    reddit.deleted.add(parent)
    error = await _refusal(reddit, parent, private=False)
    assert "gone (deleted)" in error, error
    assert held_reason(error) == "deleted" and not reddit.comments


async def test_x_a_message_to_an_author_who_does_not_follow_us_says_reply_publicly() -> None:
    """X's "You cannot send messages to users who are not following you." (code 150): the
    author takes messages only from accounts they follow."""
    said = "You cannot send messages to users who are not following you."
    async with FakeAPI() as api:
        api.queue(
            "POST",
            "/2/dm_conversations/with/u1/messages",
            403,
            {"errors": [{"code": 150, "message": said}], "title": "Forbidden"},
        )
        responder = poster("x", api.base_url)
        try:
            with pytest.raises(FatalError) as refused:
                await responder.deliver(post_action("x", "1234567890", private=True))
        finally:
            await responder.close()
    error = str(refused.value)
    assert "(150)" in error and "reply publicly" in error, error
    assert held_reason(error) == "dms-closed" and said not in error
