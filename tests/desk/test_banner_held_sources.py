"""The managers' banner during a rate-limit storm: one line per source, naming every endpoint
held (X's search AND its mentions) and until when, the soonest first; "everything else from it
is still read" only where the store shows it (one endpoint held, the source not held whole);
a hold ending on another day says its date; hostile names stay inert. In en, pt-BR, pt-PT,
with the desk's clock fixed (10:00 in São Paulo) so the times read the same on any day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentiondesk.config import Config
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from tests.desk.banner_sources_helpers import banner_pages
from tests.desk.banner_sources_helpers import config as config  # the fixture, re-exported
from tests.sources_fixtures import NOW

AT_10_14, AT_10_20 = NOW + timedelta(minutes=14), NOW + timedelta(minutes=20)
REST = "everything else from it is still read"


async def test_both_endpoints_held_make_one_line_that_claims_nothing_else_is_read(
    config: Config, store: Store
) -> None:
    held = (("search", AT_10_14), ("mentions", AT_10_14))
    english, brazil, portugal = await banner_pages(
        config, store, [SourceHealth("x", limited_endpoints=held)]
    )
    assert english.count("source-held") == 1
    assert (
        "Source “x”: posts found by search and mentions of the brand’s account are not read "
        "until 10:14 (the platform’s rate limit)." in english
    )
    assert REST not in english
    assert (
        "Na fonte “x”, as publicações encontradas pela busca e as menções à conta da marca "
        "ficam de fora até 10:14 (limite de requisições da plataforma)." in brazil
    )
    assert (
        "Na fonte “x”, as publicações encontradas pela pesquisa e as menções à conta da marca "
        "ficam de fora até às 10:14 (limite de pedidos da plataforma)." in portugal
    )
    assert "todo o resto" not in brazil + portugal


async def test_endpoints_held_until_different_times_say_each_the_soonest_first(
    config: Config, store: Store
) -> None:
    held = (("mentions", AT_10_20), ("search", AT_10_14))  # as recorded: not in time order
    english, brazil, portugal = await banner_pages(
        config, store, [SourceHealth("x", limited_endpoints=held)]
    )
    assert english.count("source-held") == 1
    assert (
        "Source “x”: posts found by search are not read until 10:14, mentions of the brand’s "
        "account until 10:20 (the platform’s rate limit)." in english
    )
    assert REST not in english
    assert (
        "Na fonte “x”, as publicações encontradas pela busca ficam de fora até 10:14, e as "
        "menções à conta da marca até 10:20 (limite de requisições da plataforma)." in brazil
    )
    assert (
        "Na fonte “x”, as publicações encontradas pela pesquisa ficam de fora até às 10:14, e "
        "as menções à conta da marca até às 10:20 (limite de pedidos da plataforma)." in portugal
    )


async def test_three_endpoints_over_two_times_are_listed_in_words(
    config: Config, store: Store
) -> None:
    """Reddit's shared window holds all three of its endpoints; a later one joins them."""
    held = (("search", AT_10_14), ("comments", AT_10_14), ("mentions", AT_10_20))
    english, _, _ = await banner_pages(
        config, store, [SourceHealth("reddit", limited_endpoints=held)]
    )
    assert (
        "Source “reddit”: posts found by search and comments that name the brand are not read "
        "until 10:14, mentions of the brand’s account until 10:20 (the platform’s rate limit)."
        in english
    )


async def test_one_endpoint_held_says_the_rest_is_read_only_while_the_source_is_not_held_whole(
    config: Config, store: Store
) -> None:
    """X's search held till 10:20 (its mentions read: the claim stands); Bluesky's search held
    too, but its mentions refused since (a 429: the poller waits for the source till 10:05),
    which the endpoints' list does not name: nothing is read there till 10:05."""
    search = (("search", AT_10_20),)
    whole = NOW + timedelta(minutes=5)
    english, brazil, portugal = await banner_pages(
        config,
        store,
        [
            SourceHealth("x", limited_endpoints=search),
            SourceHealth("bluesky", rate_limited_until=whole, limited_endpoints=search),
        ],
    )
    said = "posts found by search are not read until 10:20 (the platform’s rate limit)"
    assert f"Source “x”: {said}; {REST}." in english
    assert (
        "Source “bluesky”: nothing from it is read until 10:05, nor posts found by search until "
        "10:20 (the platform’s rate limit)." in english
    )
    assert english.count(REST) == 1
    assert brazil.count("todo o resto dela continua sendo lido") == 1
    assert (
        "Na fonte “bluesky”, nada é lido até 10:05, nem as publicações encontradas pela busca "
        "até 10:20 (limite de requisições da plataforma)." in brazil
    )
    assert portugal.count("todo o resto dela continua a ser lido") == 1
    assert (
        "Na fonte “bluesky”, nada é lido até às 10:05, nem as publicações encontradas pela "
        "pesquisa até às 10:20 (limite de pedidos da plataforma)." in portugal
    )


async def test_every_endpoint_held_while_the_poller_waits_says_nothing_is_read(
    config: Config, store: Store
) -> None:
    """X's search held till 10:14 and its mentions till 10:20, the poller waiting for the
    sooner (every endpoint refused); an endpoint held no longer than that is not said apart."""
    both = (("search", AT_10_14), ("mentions", AT_10_20))
    english, _, _ = await banner_pages(
        config,
        store,
        [
            SourceHealth("x", rate_limited_until=AT_10_14, limited_endpoints=both),
            SourceHealth("x2", rate_limited_until=AT_10_20, limited_endpoints=both[:1]),
        ],
    )
    assert (
        "Source “x”: nothing from it is read until 10:14, nor mentions of the brand’s account "
        "until 10:20 (the platform’s rate limit)." in english
    )
    assert (
        "Source “x2”: nothing from it is read until 10:20 (the platform’s rate limit)." in english
    )
    assert english.count("source-held") == 2


async def test_a_hold_ending_another_day_says_its_date(config: Config, store: Store) -> None:
    tomorrow = datetime(2026, 12, 7, 12, 5, tzinfo=UTC)  # 09:05 on the 7th in São Paulo
    held = SourceHealth("bluesky", limited_endpoints=(("search", tomorrow),))
    english, brazil, portugal = await banner_pages(config, store, [held])
    assert "posts found by search are not read until 2026-12-07 09:05 (the" in english
    assert "ficam de fora até 07/12/2026 09:05 (limite" in brazil
    assert "ficam de fora até às 07/12/2026 09:05 (limite" in portugal


async def test_hostile_source_and_endpoint_names_are_escaped_and_isolated(
    config: Config, store: Store
) -> None:
    """A right-to-left override in a name must not turn the sentence after it around."""
    held = (("feed\u202e<i>", AT_10_14),)
    name = "x\u202e<b>"
    english, _, _ = await banner_pages(config, store, [SourceHealth(name, limited_endpoints=held)])
    assert (
        "Source “\u2068x\u202e&lt;b&gt;\u2069”: posts from “\u2068feed\u202e&lt;i&gt;\u2069”"
        in english
    )
    assert "<b>" not in english and "<i>" not in english


async def test_a_stopped_sources_name_and_reason_are_isolated(config: Config, store: Store) -> None:
    stopped = SourceHealth(
        "x", stopped=True, error="FatalError", reason="401 \u202eUnauthorized", since=NOW
    )
    english, _, _ = await banner_pages(config, store, [stopped])
    assert "stopped: \u2068401 \u202eUnauthorized\u2069. No new mentions are read" in english
