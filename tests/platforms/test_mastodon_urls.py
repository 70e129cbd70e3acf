"""The link that opens a Mastodon post (the desk's "view on Mastodon", the chat card's, the
ticket's) is never one the author's server chose freely: a status's `url` is kept only on
the host of its ActivityPub id (`uri`) or of its account."""

from __future__ import annotations

import pytest

from listener._urls import status_url
from listener.mastodon import MastodonSource
from mentiondesk.models.mastodon import build_mastodon
from tests.platforms.helpers import FakeClock, once, started


@pytest.mark.parametrize(
    ("url", "uri", "shown"),
    [
        # Mastodon's own shape: the page on the author's server.
        ("https://remote.test/@dan/1", "https://remote.test/users/dan/statuses/1", "same"),
        # Another host: a look-alike login page. The id (on the author's server) instead.
        ("https://evil.example/login", "https://remote.test/users/dan/statuses/1", "uri"),
        ("javascript:alert(1)", "https://remote.test/users/dan/statuses/1", "uri"),
        ("http://remote.test/@dan/1", "https://remote.test/users/dan/statuses/1", "uri"),
        # No https id either (an old `tag:` one): the post on the brand's own instance.
        ("https://evil.example/x", "tag:remote.test,2017:objectId=1", "home"),
        (None, None, "home"),
    ],
)
async def test_the_post_link_stays_on_the_author_s_server(
    mastodon_fake, clock: FakeClock, url: str | None, uri: str | None, shown: str
) -> None:
    api = build_mastodon(mastodon_fake.base_url, "tok")
    source = MastodonSource(name="mastodon", api=api, query="", page_size=5, clock=clock)
    cursor = await started(source, clock)
    status = mastodon_fake.mention("hello @lumora", author="dan")
    status["url"], status["uri"] = url, uri
    run = await once(source, cursor, clock=clock)
    await source.close()
    (mention,) = run.mentions
    home = f"{mastodon_fake.base_url}/@dan@remote.test/{status['id']}"
    assert mention.url == {"same": url, "uri": uri, "home": home}[shown]


def test_the_account_s_host_counts_too() -> None:
    account = {"acct": "dan@remote.test", "url": "https://www.remote.test/@dan"}
    status = {"id": "7", "uri": "https://remote.test/s/7", "account": account}
    assert status_url({**status, "url": "https://WWW.remote.test/@dan/7"}, None) == (
        "https://WWW.remote.test/@dan/7"
    )
    assert status_url({**status, "url": "https://[bad/7"}, None) == "https://remote.test/s/7"
