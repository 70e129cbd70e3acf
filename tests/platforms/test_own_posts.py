"""The brand's own replies, found again by search as X, Bluesky and Mastodon find them (the
fakes index what our responders post), are never read back as mentions."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from listener._own import local_handle
from listener.bluesky import BlueskySource
from listener.mastodon import MastodonSource
from listener.x import XSource, XSourceConfig
from mentiondesk.models import Brand, PluginContext
from mentiondesk.models.mastodon import build_mastodon
from tests.fakes.bluesky import DID, HANDLE
from tests.fakes.x import SEARCH, problem
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.posting import post_action, poster

THANKS = "Thank you! It made our day at Lumora."  # the shipped thank-you names the brand
X_LOOKUP = "/2/users/by/username/lumora"
VERIFY = "/api/v1/accounts/verify_credentials"


@pytest.fixture
def own_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="listener._own")
    return caplog


def _x(fake, clock: FakeClock, **kw) -> XSource:
    options = {"query": "lumora", "username": "lumora", "page_size": 10} | kw
    return XSource(name="x", bearer_token="tok", base_url=fake.base_url, clock=clock, **options)


async def _reply(platform: str, fake, external_id: str, text: str = THANKS) -> None:
    responder = poster(platform, fake.base_url)
    await responder.deliver(post_action(platform, external_id, handle="carol", text=text))
    await responder.close()


async def test_x_search_finds_our_reply_as_x_does(x_fake, clock) -> None:
    source = _x(x_fake, clock, username=None)  # no account known: nothing is left out
    cursor = await started(source, clock)
    praise = x_fake.publish("lumora lamps are lovely", author="carol", mention=False)
    await _reply("x", x_fake, praise["id"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert set(run.ids) == {praise["id"], x_fake.posted[0]["id"]}


async def test_x_leaves_out_our_own_reply(x_fake, clock, own_log) -> None:
    source = _x(x_fake, clock)
    cursor = await started(source, clock)
    praise = x_fake.publish("lumora lamps are lovely", author="carol", mention=False)
    run = await once(source, cursor, clock=clock)
    await _reply("x", x_fake, praise["id"])
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids) == ([praise["id"]], [])
    assert "source x search: 1 of the brand's own posts skipped" in own_log.messages
    assert THANKS not in own_log.text  # counted, never shown


async def test_x_looks_its_account_up_once_and_again_after_a_failure(x_fake, clock) -> None:
    source = _x(x_fake, clock, username=None, account="lumora")  # search only
    x_fake.fail(X_LOOKUP, 503, problem(503, "Service Unavailable"))
    cursor = await started(source, clock)
    await _reply("x", x_fake, x_fake.publish("lumora is great", author="carol")["id"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [x_fake.tweets[0]["id"]]
    reads = [c.path for c in x_fake.api.requests if c.method == "GET"]
    assert reads == [X_LOOKUP, X_LOOKUP, SEARCH, SEARCH]  # no search before it is known


def test_x_takes_the_first_brand_handle_x_could_have(secrets) -> None:
    brand = Brand("Lumora", ("@lumora@mastodon.social", "lumora.com.br", "@lumora_br"))
    config = XSourceConfig(kind="x", mentions=False, query="lumora")
    source = XSource.from_config(config, PluginContext(brand=brand, base_dir=Path(".")))
    assert source.account == "lumora_br"


async def test_x_search_reads_on_when_x_has_no_such_account(x_fake, clock, caplog) -> None:
    """A search-only source whose `username` X refuses (a typo, a deleted account) read its
    search before own posts were told apart: it still does, and says what to fix."""
    source = _x(x_fake, clock, username=None, account="lumora")
    invalid = {"title": "Invalid Request", "detail": "One or more parameters was invalid."}
    x_fake.fail(X_LOOKUP, 400, invalid)
    cursor = await started(source, clock)
    complaint = x_fake.publish("lumora lamp broke after a week", author="carol", mention=False)
    run = await once(source, cursor, clock=clock)
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids) == ([complaint["id"]], [])
    assert "set `username` to the brand's X handle" in caplog.text
    assert len([c for c in x_fake.api.requests if c.path == X_LOOKUP]) == 1  # asked once


async def test_bluesky_leaves_out_our_own_reply(bluesky_fake, clock, own_log) -> None:
    source = BlueskySource(
        name="bluesky", handle=HANDLE, password="pw", query="Lumora",
        base_url=bluesky_fake.base_url, page_size=25, clock=clock,
    )  # fmt: skip
    cursor = await started(source, clock)
    praise = bluesky_fake.hit("Lumora lamps are lovely", author="fern")
    run = await once(source, cursor, clock=clock)
    await _reply("bluesky", bluesky_fake, praise["uri"])
    clock.advance(60)
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids) == ([praise["uri"]], [])
    assert bluesky_fake.ours[0]["author"]["did"] == DID  # searchPosts found ours, and it was
    assert "source bluesky search: 1 of the brand's own posts skipped" in own_log.messages


def _mastodon(fake, clock: FakeClock, query: str) -> MastodonSource:
    api = build_mastodon(fake.base_url, "tok")
    return MastodonSource(name="mastodon", api=api, query=query, page_size=5, clock=clock)


@pytest.mark.parametrize(
    ("query", "text"), [("Lumora", THANKS), ("#lumora", "Thank you, Carol! #lumora")]
)
async def test_mastodon_leaves_out_our_own_status(mastodon_fake, clock, own_log, query, text):
    source = _mastodon(mastodon_fake, clock, query)
    cursor = await started(source, clock)
    praise = mastodon_fake.hit("Lumora lamps are lovely #lumora")
    run = await once(source, cursor, clock=clock)
    clock.advance(1)
    await _reply("mastodon", mastodon_fake, praise["id"], text)
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids) == ([praise["id"]], [])
    assert "source mastodon search: 1 of the brand's own posts skipped" in own_log.messages


async def test_mastodon_looks_its_account_up_once(mastodon_fake, clock) -> None:
    source = _mastodon(mastodon_fake, clock, "#lumora")
    cursor = await started(source, clock)
    mastodon_fake.hit("Lumora lamps are lovely #lumora")
    await once(source, cursor, clock=clock)
    await source.close()
    assert len(mastodon_fake.api.calls(VERIFY)) == 1


async def test_mastodon_token_without_read_accounts_tells_ours_by_handle(
    mastodon_fake, clock, own_log
) -> None:
    """The README's token (read:notifications, read:search) may not read its own account:
    Mastodon answers verify_credentials 403. The source keeps reading and tells the brand's
    statuses by `[brand] handles` instead, saying what scope to add."""
    mastodon_fake.fail(VERIFY, 403, {"error": "This action is outside the authorized scopes"})
    api = build_mastodon(mastodon_fake.base_url, "tok")
    source = MastodonSource(
        name="mastodon", api=api, query="Lumora", page_size=5, clock=clock, handles=["@Lumora"]
    )
    cursor = await started(source, clock)
    praise = mastodon_fake.hit("Lumora lamps are lovely")
    run = await once(source, cursor, clock=clock)
    clock.advance(1)
    await _reply("mastodon", mastodon_fake, praise["id"])
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids) == ([praise["id"]], [])
    warned = [r.getMessage() for r in own_log.records if r.levelno == logging.WARNING]
    assert any("add the read:accounts scope" in m and "(lumora)" in m for m in warned)


@pytest.mark.parametrize(
    ("handle", "local"),
    [
        ("@lumora", "lumora"),
        ("@lumora@mastodon.social", "lumora"),
        ("@lumora@Mastodon.Social", "lumora"),  # as people write a server's name
        (" lumora@MASTODON.SOCIAL ", "lumora"),
        ("@lumora@other.example", "lumora@other.example"),
    ],
)
def test_a_brand_handle_on_this_server_is_its_local_name_in_any_case(
    handle: str, local: str
) -> None:
    assert local_handle(handle, "mastodon.social") == local
