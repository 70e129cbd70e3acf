"""Who sees a reply, through Mastodon.py against the fake server, when the stored mention does
not say who saw the post (a row stored before visibility was kept reads as public): the post
as Mastodon has it now still narrows the reply, so a customer's direct message is never
answered in public."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.fakes.mastodon import STATUSES
from tests.platforms.posting import poster
from tests.platforms.test_mastodon_visibility import DAN, _answer, _read


@pytest.mark.parametrize(
    ("seen_by", "sent"),
    [
        ("direct", "direct"),
        ("private", "private"),
        ("local", "direct"),  # a fork's visibility this version does not know
        ("public", "public"),
    ],
)
async def test_a_reply_is_narrowed_by_the_post_as_mastodon_has_it(
    mastodon_fake, clock, seen_by: str, sent: str
) -> None:
    status, mention = await _read(mastodon_fake, clock, visibility=seen_by)
    unsaid = replace(mention, visibility=None)  # as a row stored without it reads
    responder = poster("mastodon", mastodon_fake.base_url)
    receipt = await responder.deliver(_answer(unsaid, text="Obrigado pelo aviso!"))
    await responder.close()
    [posted] = mastodon_fake.posted
    assert (posted["visibility"], receipt.detail) == (sent, sent)
    assert posted["in_reply_to_id"] == status["id"]
    form = mastodon_fake.api.calls(STATUSES)[0].form()
    assert form["status"] == f"@{DAN} Obrigado pelo aviso!"


async def test_a_post_we_may_not_read_is_answered_as_the_stored_mention_says(
    mastodon_fake, clock
) -> None:
    status, mention = await _read(mastodon_fake, clock, visibility="private")
    mastodon_fake.fail(f"{STATUSES}/{status['id']}", 403, {"error": "This action is not allowed"})
    responder = poster("mastodon", mastodon_fake.base_url)
    receipt = await responder.deliver(_answer(mention))
    await responder.close()
    assert [p["visibility"] for p in mastodon_fake.posted] == ["private"] == [receipt.detail]
