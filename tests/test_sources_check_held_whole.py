"""`sources check` on a source whose endpoint is held (X's search) and whose others were
refused since (a 429 on its mentions: the poller waits for the whole source): the endpoint
alone would read as if the rest were read, so the line says the whole source is held too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentiondesk.source_health import SourceHealth
from tests.sources_fixtures import check_after, hhmm


def test_it_says_every_endpoint_is_held_while_the_poller_waits(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    search, whole = now + timedelta(minutes=14), now + timedelta(minutes=5)
    health = SourceHealth("hn", rate_limited_until=whole, limited_endpoints=(("search", search),))
    output = check_after(tmp_path, health)
    assert (
        f"  hn: rate limited in the running worker worker-1:4242: endpoint search held until"
        f" {hhmm(search)}; its others refused too: nothing read from it until {hhmm(whole)}\n"
        in output
    )


def test_a_held_endpoint_alone_says_nothing_of_the_others(tmp_path: Path) -> None:
    search = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=14)
    output = check_after(tmp_path, SourceHealth("hn", limited_endpoints=(("search", search),)))
    assert f"endpoint search held until {hhmm(search)}\n" in output
    assert "nothing read" not in output
