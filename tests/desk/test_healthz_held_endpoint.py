"""A source with one endpoint held by a long rate limit (X's search, while its mentions are
read) is not "ok" on /healthz nor on the managers' banner: /healthz gives it the
`rate_limited_until` a source held whole has, and names the endpoints held (still a 200 and
not degraded: a rate limit is no failure); the banner says what is not read (in a community
manager's words), until when in the desk's timezone and language. As a worker in another
process recorded it in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mentiondesk.config import Config
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from tests.desk.banner_sources_helpers import config as config  # the fixture, re-exported
from tests.sources_fixtures import healthz, queue_pages, worker_records

ZONE = ZoneInfo("America/Sao_Paulo")


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


async def test_healthz_says_a_source_with_its_search_held_is_rate_limited(
    config: Config, store: Store
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    search, whole = now + timedelta(minutes=14), now + timedelta(minutes=20)
    await worker_records(
        config,
        [
            SourceHealth("x", limited_endpoints=(("search", search),)),
            SourceHealth("reddit", rate_limited_until=whole),
            SourceHealth("bluesky"),
        ],
    )
    body = await healthz(config, store, datetime.now(UTC))  # which asserts a 200
    assert body["status"] == "ok"  # held is not failing
    assert body["sources"] == {
        "x": {
            "status": "ok",
            "rate_limited_until": _iso(search),
            "rate_limited_endpoints": {"search": _iso(search)},
        },
        # as before: a source held whole names no endpoint
        "reddit": {"status": "ok", "rate_limited_until": _iso(whole)},
        "bluesky": {"status": "ok"},
    }


async def test_healthz_names_each_endpoint_held_and_forgets_a_hold_past(
    config: Config, store: Store
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    search, mentions = now + timedelta(minutes=14), now + timedelta(minutes=3)
    past = now - timedelta(minutes=1)
    await worker_records(
        config,
        [
            SourceHealth("x", limited_endpoints=(("search", search), ("mentions", mentions))),
            SourceHealth("x2", limited_endpoints=(("search", past),)),
        ],
    )
    body = await healthz(config, store, datetime.now(UTC))
    assert body["sources"]["x"] == {
        "status": "ok",
        "rate_limited_until": _iso(search),  # the last of them: until then, not all read
        "rate_limited_endpoints": {"search": _iso(search), "mentions": _iso(mentions)},
    }
    assert body["sources"]["x2"] == {"status": "ok"}  # read again since: nothing held


async def _pages(config: Config, store: Store, who: str) -> list[str]:
    return await queue_pages(config, store, datetime.now(UTC), who=who)


async def test_the_banner_says_what_is_not_read_until_when_in_the_desks_zone(
    config: Config, store: Store
) -> None:
    """In a community manager's words (posts found by search), not the API's ("endpoint")."""
    search = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=14)
    held = SourceHealth("x", limited_endpoints=(("search", search),))
    await worker_records(config, [held, SourceHealth("reddit")])
    english, brazil, portugal = await _pages(config, store, "manager")
    hhmm = f"{search.astimezone(ZONE):%H:%M}"
    assert hhmm != f"{search:%H:%M}"  # São Paulo's time, not UTC's
    assert (
        f"Source “x”: posts found by search are not read until {hhmm} (the platform’s rate "
        "limit); everything else from it is still read." in english
    )
    assert "reddit" not in english
    assert (
        f"Na fonte “x”, as publicações encontradas pela busca ficam de fora até {hhmm} (limite "
        "de requisições da plataforma); todo o resto dela continua sendo lido." in brazil
    )
    assert (
        f"Na fonte “x”, as publicações encontradas pela pesquisa ficam de fora até às {hhmm} "
        "(limite de pedidos da plataforma); todo o resto dela continua a ser lido." in portugal
    )
    assert not [page for page in (english, brazil, portugal) if "endpoint" in page.lower()]


async def test_the_banner_words_each_endpoint_and_falls_back_to_its_name(
    config: Config, store: Store
) -> None:
    """The endpoints listeners read (listener/*.py: search, mentions, Reddit's comments) said
    as what they read, in one line for the source (test_banner_held_sources); one it does not
    know by its own name, escaped."""
    until = datetime.now(UTC) + timedelta(minutes=14)
    held = (("mentions", until), ("comments", until), ("<b>feed</b>", until))
    await worker_records(config, [SourceHealth("r", limited_endpoints=held)])
    english, brazil, portugal = await _pages(config, store, "manager")
    assert (
        "Source “r”: mentions of the brand’s account, comments that name the brand and posts "
        "from “&lt;b&gt;feed&lt;/b&gt;” are not read until" in english
    )
    assert "<b>feed</b>" not in english
    assert (
        "Na fonte “r”, as menções à conta da marca, os comentários que citam a marca e as "
        "publicações de “&lt;b&gt;feed&lt;/b&gt;” ficam de fora até" in brazil
    )
    assert "Na fonte “r”, as menções à conta da marca, os comentários" in portugal
    assert "ficam de fora até às" in portugal


async def test_an_agent_is_not_told_of_a_held_endpoint(config: Config, store: Store) -> None:
    search = datetime.now(UTC) + timedelta(minutes=14)
    await worker_records(config, [SourceHealth("x", limited_endpoints=(("search", search),))])
    english, _, _ = await _pages(config, store, "agent")
    assert "rate-limited" not in english and "source-held" not in english
