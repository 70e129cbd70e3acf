"""A platform's refusal is said by its status and error code, never by its message: a server
whose error body quotes the request (the reply or DM, the token, the app password) must not
get those into the error a poster raises, which the log, `outbox list`, the desk and the
audit trail show. What to do is still said, in our words."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any

import pytest
from aiohttp import web
from mastodon import Mastodon

from mentiondesk.held_replies import held_reason
from mentiondesk.models import FatalError, TransientError
from mentiondesk.models.reddit import build_reddit
from responders.bluesky_post import BlueskyPostResponder
from responders.mastodon_post import MastodonPostResponder
from responders.reddit_post import RedditPostResponder
from responders.x_post import XPostResponder
from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.bluesky_chat import SEND
from tests.platforms.helpers import FakeClock
from tests.platforms.posting import post_action

TEXT = "PRIVATE-DM-BODY: your refund goes to the card ending 4242"
TOKEN = "S3CRETtok9"  # the bearer token, and Reddit's and Bluesky's password
FORGED = "\n2026-12-05 12:00:00 ERROR mentiondesk.outbox: forged line"
EXTERNAL = {
    "x": "1234567890",
    "mastodon": "109",
    "reddit": "t1_abc",
    "bluesky": "at://did:plc:abc/app.bsky.feed.post/3k",
}


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with FakeAPI() as fake:
        yield fake


def _poster(platform: str, base_url: str) -> Any:
    """tests/platforms/posting.py's posters, with a secret that no error word contains."""
    if platform == "x":
        return XPostResponder("x-post", token=TOKEN, base_url=base_url)
    if platform == "mastodon":
        api = Mastodon(
            access_token=TOKEN,
            api_base_url=base_url,
            ratelimit_method="throw",
            version_check_mode="none",
        )
        return MastodonPostResponder("mastodon-post", api=api)
    if platform == "reddit":
        reddit = build_reddit(
            client_id="cid",
            client_secret="secret",
            username="lumora_bot",
            password=TOKEN,
            base_url=base_url,
            auth_url=base_url,
            user_agent="test/0.1",
        )
        return RedditPostResponder("reddit-post", reddit=reddit)
    return BlueskyPostResponder(
        "bluesky-post", handle="lumora.bsky.social", password=TOKEN, base_url=base_url
    )


def _echo(status: int, code: str = "InvalidRequest") -> Any:
    """Every error field a platform has, quoting the request back (body and Authorization)."""

    async def handler(request: web.Request) -> web.Response:
        body = (await request.read()).decode(errors="replace")
        said = f"invalid request: {body} auth={request.headers.get('Authorization', '')}"
        said += FORGED
        payload = {
            "error": code,
            "message": said,
            "detail": said,
            "title": said,
            "errors": [{"message": said, "detail": said, "title": said}],
            "error_description": said,
        }
        return web.json_response(payload, status=status)

    return handler


def _private(error: str) -> None:
    assert "PRIVATE-DM" not in error and "4242" not in error
    assert TOKEN not in error and "forged" not in error
    assert "\n" not in error and "\r" not in error


async def _refusal(api: FakeAPI, platform: str, *, private: bool = False) -> str:
    responder = _poster(platform, api.base_url)
    action = post_action(platform, EXTERNAL[platform], text=TEXT, private=private)
    try:
        with pytest.raises((FatalError, TransientError)) as raised:
            await responder.deliver(action)
    finally:
        await responder.close()
    return str(raised.value)


@pytest.mark.parametrize("platform", ["x", "mastodon", "reddit", "bluesky"])
@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
@pytest.mark.parametrize("code", ["InvalidRequest", f"echo {TEXT} {TOKEN}"])
async def test_an_echoing_refusal_keeps_the_text_and_the_secret_out(
    api: FakeAPI, platform: str, status: int, code: str
) -> None:
    """Even the code's field may echo: a code that is no identifier is left out."""
    api.route_pattern("GET", r".*", _echo(status, code))
    api.route_pattern("POST", r".*", _echo(status, code))
    error = await _refusal(api, platform)
    _private(error)
    assert error.startswith(f"{platform} ")


@pytest.mark.parametrize("platform", ["x", "bluesky"])
async def test_an_echoing_refusal_of_a_direct_message_keeps_it_out(
    api: FakeAPI, platform: str
) -> None:
    api.route_pattern("GET", r".*", _echo(403))
    api.route_pattern("POST", r".*", _echo(403))
    _private(await _refusal(api, platform, private=True))


async def test_x_says_the_status_and_what_to_do_not_its_message(api: FakeAPI) -> None:
    refusal = {
        "errors": [{"code": 349, "message": f"You cannot send messages to this user: {TEXT}"}],
        "title": "Forbidden",
    }
    api.queue("POST", "/2/dm_conversations/with/u1/messages", 403, refusal)
    error = await _refusal(api, "x", private=True)
    _private(error)
    assert error == (
        "x posting: 403 Forbidden (349); the author does not take direct messages from us: "
        "reply publicly instead"
    )
    assert held_reason(error) == "dms-closed"


async def test_x_says_an_expired_token_is_to_renew(api: FakeAPI) -> None:
    api.queue("POST", "/2/tweets", 401, {"title": "Unauthorized", "detail": f"Bearer {TOKEN}"})
    error = await _refusal(api, "x")
    _private(error)
    assert error.startswith("x posting: 401 Unauthorized; ") and "renew it" in error
    assert held_reason(error) == "setup"


async def test_x_says_an_app_outside_a_project_is_set_up_wrong(api: FakeAPI) -> None:
    # X's 403 client-not-enrolled: its words held "token", which made it a set-up problem on
    # the desk; without them it read as a plain refusal.
    refusal = {
        "title": "Client Forbidden",
        "reason": "client-not-enrolled",
        "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use "
        "keys and tokens from a Twitter developer App that is attached to a Project.",
        "type": "https://api.twitter.com/2/problems/client-forbidden",
    }
    api.queue("POST", "/2/tweets", 403, refusal)
    error = await _refusal(api, "x")
    assert held_reason(error) == "setup", error


async def test_a_bluesky_message_refused_with_its_text_quoted(api: FakeAPI) -> None:
    """The reviewer's case: 400 InvalidRequest "Invalid message text: <the DM>"."""
    fake = BlueskyFake(api, clock=FakeClock())
    post = fake.mention("@lumora my order never came", author="fern")
    api.queue("POST", SEND, 400, {"error": "InvalidRequest", "message": f"Invalid text: {TEXT}"})
    responder = _poster("bluesky", fake.base_url)
    action = post_action(
        "bluesky", post["uri"], author_id=post["author"]["did"], private=True, text=TEXT
    )
    with pytest.raises(FatalError) as refused:
        await responder.deliver(action)
    await responder.close()
    error = str(refused.value)
    _private(error)
    assert error == "bluesky posting: 400 Bad Request (InvalidRequest)"


@pytest.mark.parametrize(
    ("code", "message", "said", "reason"),
    [
        (
            "InvalidRequest",
            "recipient requires incoming messages to come from someone they follow",
            "the author does not take direct messages from us: reply publicly instead",
            "dms-closed",
        ),
        ("InvalidToken", "Bad token method", '"Allow access to your direct messages"', "setup"),
    ],
)
async def test_bluesky_hints_survive_without_the_pds_words(
    api: FakeAPI, code: str, message: str, said: str, reason: str
) -> None:
    fake = BlueskyFake(api, clock=FakeClock())
    post = fake.mention("@lumora still broken", author="hal")
    api.queue("POST", SEND, 400, {"error": code, "message": f"{message} {TEXT}"})
    responder = _poster("bluesky", fake.base_url)
    action = post_action("bluesky", post["uri"], author_id=post["author"]["did"], private=True)
    with pytest.raises(FatalError) as refused:
        await responder.deliver(action)
    await responder.close()
    error = str(refused.value)
    assert said in error and held_reason(error) == reason
    assert message not in error


async def test_mastodon_says_too_long_without_its_message(api: FakeAPI) -> None:
    said = f"Validation failed: Text character limit of 500 exceeded ({TEXT})"
    api.queue("POST", "/api/v1/statuses", 422, {"error": said})
    error = await _refusal(api, "mastodon")
    _private(error)
    assert error == (
        f"mastodon refused the post (422 {HTTPStatus(422).phrase}): the text is over the server's "
        "character limit; shorten it and approve it again"
    )
    assert held_reason(error) == "too-long"


async def test_mastodon_401_says_to_check_the_token(api: FakeAPI) -> None:
    api.queue("POST", "/api/v1/statuses", 401, {"error": f"invalid token {TOKEN}{FORGED}"})
    error = await _refusal(api, "mastodon")
    assert error == "mastodon posting: 401 Unauthorized; check the token"


async def test_reddit_sign_in_refused_names_its_error_type_not_its_description(
    api: FakeAPI,
) -> None:
    """Reddit's token endpoint answers 200 with an OAuth error; its description may quote
    the form it was sent (the password)."""

    async def token(request: web.Request) -> web.Response:
        body = (await request.read()).decode()
        said = {"error": "invalid_grant", "error_description": f"bad grant {body}{FORGED}"}
        return web.Response(text=json.dumps(said), content_type="application/json")

    api.route_pattern("POST", r".*access_token.*", token)
    error = await _refusal(api, "reddit")
    _private(error)
    assert error.startswith("reddit posting: Reddit gave no access token (invalid_grant); ")
    assert "username and password" in error and held_reason(error) == "setup"
