"""A Brazilian fintech's Bluesky community, read through atproto against the fake AppView: a
customer who moves from ana.bsky.social to her own domain is the same person (her DID), and
the links the desk keeps to her posts still lead to them. bsky.app finds a post by the DID or
by the handle the account has now: the old handle's links led to "profile not found"."""

from __future__ import annotations

from tests.fakes.bluesky import BlueskyFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started


async def test_a_renamed_author_is_one_person_and_her_links_outlive_the_old_handle(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = bluesky_source(bluesky_fake, clock, query="")
    cursor = await started(source, clock)
    before = bluesky_fake.mention("@lumora.bsky.social meu Pix não caiu", author="ana", lang="pt")
    first = await once(source, cursor, clock=clock)
    did = before["author"]["did"]
    before["author"]["handle"] = "ana.com.br"  # she moves to her own domain
    del bluesky_fake.handles["ana.bsky.social"]  # the old handle is no one's now
    clock.advance(60)
    after = bluesky_fake.mention("@lumora.bsky.social e agora?", author="ana", lang="pt")
    after["author"]["handle"] = "ana.com.br"
    second = await once(source, first.cursor, clock=clock)
    await source.close()
    [old], [new] = first.mentions, second.mentions
    assert (old.author.id, new.author.id) == (did, did)
    assert (old.author.handle, new.author.handle) == ("ana.bsky.social", "ana.com.br")
    for mention, view in ((old, before), (new, after)):
        rkey = view["uri"].rsplit("/", 1)[-1]
        assert mention.url == f"https://bsky.app/profile/{did}/post/{rkey}"
