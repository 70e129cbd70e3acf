"""A brand that signs in to Bluesky with its email (or with the handle it had before it moved
to its own domain) is still told by the handle the account has now: an @mention of it in a
search hit takes the account's locale, and its reply's address names that handle."""

from __future__ import annotations

from listener.bluesky import BlueskySource
from responders.bluesky_post import BlueskyPostResponder
from tests.fakes.bluesky_session import HANDLE
from tests.platforms.helpers import once, started
from tests.platforms.posting import post_action

EMAIL = "social@lumora.pt"  # createSession takes an email as its identifier


async def test_an_at_mention_of_the_account_signed_in_by_email_is_written_to_it(
    bluesky_fake, clock
) -> None:
    source = BlueskySource(
        name="bluesky",
        handle=EMAIL,
        password="app-pw",
        query="candeeiro",
        base_url=bluesky_fake.base_url,
        clock=clock,
        locale="pt-PT",
    )
    cursor = await started(source, clock)
    clock.advance(60)
    hit = bluesky_fake.hit(f"@{HANDLE} o candeeiro chegou partido", lang="pt")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.lang) for m in run.mentions] == [(hit["uri"], "pt-PT")]


async def test_a_reply_signed_in_by_email_links_to_the_accounts_handle(bluesky_fake) -> None:
    post = bluesky_fake.hit("lumora partiu-se")
    responder = BlueskyPostResponder(
        "bluesky-post", handle=EMAIL, password="pw", base_url=bluesky_fake.base_url
    )
    receipt = await responder.deliver(post_action("bluesky", post["uri"], author_id="did:plc:f"))
    await responder.close()
    rkey = receipt.ref.rsplit("/", 1)[-1]
    assert receipt.url == f"https://bsky.app/profile/{HANDLE}/post/{rkey}"
