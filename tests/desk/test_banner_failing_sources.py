"""The managers' banner names a source whose polls keep failing past their grace, as /healthz
says "degraded" for it: since when nothing is read, how often it failed and why, or the
database as the cause where the store refused its pages. A blip is not named; a hostile name
or reason stays inert. In en, pt-BR and pt-PT, the desk's clock fixed (10:00 in São Paulo)."""

from __future__ import annotations

from datetime import timedelta

from mentiondesk.config import Config
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from tests.desk.banner_sources_helpers import banner_pages
from tests.desk.banner_sources_helpers import config as config  # the fixture, re-exported
from tests.sources_fixtures import AT_9_48, NOW, WHY


async def test_a_source_failing_past_its_grace_is_named_with_why(
    config: Config, store: Store
) -> None:
    failing = SourceHealth("hn", failing_since=AT_9_48, failures=9, cause=WHY, poll_seconds=60)
    english, brazil, portugal = await banner_pages(config, store, [failing])
    assert english.count("source-failing") == 1
    assert (
        "Source “hn”: nothing has been read from it since 09:48: its polls keep "
        f"failing (9 failed tries): {WHY}. mentiondesk keeps trying." in english
    )
    assert "nada foi lido dela desde 09:48: as consultas continuam falhando (9 tentativas" in brazil
    assert "nada foi lido dela desde as 09:48: os pedidos continuam a falhar (9 tentativas" in (
        portugal
    )


async def test_the_store_refusing_its_pages_is_named_as_the_database(
    config: Config, store: Store
) -> None:
    unstored = SourceHealth(
        "hn", unstored_since=AT_9_48, unstored_tries=1, unstored_cause="the database failed"
    )
    english, brazil, portugal = await banner_pages(config, store, [unstored])
    assert "the database keeps refusing its pages (1 failed try)" in english
    assert "polls keep failing" not in english
    assert "o banco de dados continua recusando as páginas dela (1 tentativa" in brazil
    assert "a base de dados continua a recusar as suas páginas (1 tentativa" in portugal


async def test_a_blip_is_not_named(config: Config, store: Store) -> None:
    blip = SourceHealth("hn", failing_since=NOW - timedelta(minutes=2), failures=3, cause=WHY)
    english, _, _ = await banner_pages(config, store, [blip])
    assert "source-failing" not in english


async def test_a_hostile_name_and_reason_stay_inert(config: Config, store: Store) -> None:
    why = "x search: 503 <img src=x onerror=alert(1)>"
    hostile = SourceHealth("<b>x</b>", failing_since=AT_9_48, failures=5, cause=why)
    english, _, _ = await banner_pages(config, store, [hostile])
    assert "<img src=x" not in english and "<b>x</b>" not in english
    assert "&lt;img src=x onerror=alert(1)&gt;" in english
