"""`responders check` for Mastodon, through Mastodon.py against the fake server: the brand's
server advertises how long a status may be (/api/v2/instance), and the desk counts replies
against Mastodon's default 500 unless the poster's table says otherwise. A server that allows
fewer refuses a longer reply only when it is sent; the check says so, and the line to write,
before the first reply does (test_mastodon_instance_limit_check: with the line written)."""

from __future__ import annotations

import pytest

from mentiondesk.models.mastodon import build_mastodon
from responders.mastodon_post import MastodonPostResponder
from tests.fakes.mastodon import MastodonFake


async def _checked(fake: MastodonFake) -> str:
    responder = MastodonPostResponder("mastodon-post", api=build_mastodon(fake.base_url, "tok"))
    try:
        return await responder.check()
    finally:
        await responder.close()


@pytest.mark.parametrize(
    ("most", "said"),
    [
        (500, "signed in as @lumora"),
        (
            400,
            "signed in as @lumora; this server allows 400 characters a status and the desk "
            "counts to 500: a longer reply is refused when it is sent (held as too long); "
            'write max_characters = 400 in the [[responders]] table with name = "mastodon-post"',
        ),
        (
            5000,
            "signed in as @lumora; this server allows 5000 characters a status and the desk "
            "counts to 500: a longer reply the server would take is refused at approval; "
            'write max_characters = 5000 in the [[responders]] table with name = "mastodon-post"',
        ),
    ],
)
async def test_the_check_says_the_servers_status_limit(mastodon_fake, most: int, said: str) -> None:
    mastodon_fake.max_characters = most
    assert await _checked(mastodon_fake) == said


async def test_a_server_that_hides_its_instance_document_is_checked_all_the_same(
    mastodon_fake,
) -> None:
    mastodon_fake.fail(
        "/api/v2/instance/", 401, {"error": "This API requires an authenticated user"}
    )
    mastodon_fake.max_characters = 400
    assert await _checked(mastodon_fake) == "signed in as @lumora"
