"""Mastodon's rate-limit window is one per account (300 requests in 5 minutes, whatever the
endpoint): once an answer says none are left, the source calls no other endpoint before the
reset (each would be a 429)."""

from __future__ import annotations

from listener.mastodon import MastodonSource
from mentiondesk.models.mastodon import build_mastodon
from tests.fakes.mastodon import ACCOUNT_WINDOW, NOTIFICATIONS
from tests.platforms.helpers import once, started


async def test_a_spent_window_holds_every_endpoint_not_only_the_one_that_said_so(
    mastodon_fake, clock
) -> None:
    api = build_mastodon(mastodon_fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="#lumora", page_size=5, clock=clock)
    cursor = await started(source, clock)
    mastodon_fake.window.limit = mastodon_fake.window.used[ACCOUNT_WINDOW] + 1  # next spends it
    mastodon_fake.mention("@lumora my lamp broke", author="dan")
    before = len(mastodon_fake.request_times)
    run = await once(source, cursor, clock=clock)
    await source.close()
    reset = mastodon_fake.window.reset_at[ACCOUNT_WINDOW]
    calls = mastodon_fake.request_times[before:]
    inside = [path for path, t in calls if t < reset and not path.startswith("/api/v1/instance")]
    assert inside == [NOTIFICATIONS], calls  # the answer that spent it, no other
    assert [m.text for m in run.mentions] == ["@lumora my lamp broke"]
