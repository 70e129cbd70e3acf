"""`sources check` names the endpoints a long rate limit holds in a running worker (X's
search, while its mentions are read), and until when in the desk's zone, as /healthz names
them; a source held whole is said as before, naming none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentiondesk.source_health import SourceHealth
from tests.sources_fixtures import check_after, hhmm


def test_it_names_the_endpoint_held_and_until_when(tmp_path: Path) -> None:
    search = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=14)
    output = check_after(tmp_path, SourceHealth("hn", limited_endpoints=(("search", search),)))
    assert (
        f"  hn: rate limited in the running worker worker-1:4242: endpoint search held until"
        f" {hhmm(search)}\n" in output
    )


def test_it_names_each_endpoint_held_with_its_own_end(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    search, mentions = now + timedelta(minutes=14), now + timedelta(minutes=3)
    held = (("search", search), ("mentions", mentions))
    output = check_after(tmp_path, SourceHealth("hn", limited_endpoints=held))
    assert (
        f"  hn: rate limited in the running worker worker-1:4242: endpoints search held until"
        f" {hhmm(search)}, mentions until {hhmm(mentions)}\n" in output
    )


def test_a_source_held_whole_names_no_endpoint(tmp_path: Path) -> None:
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=20)
    output = check_after(tmp_path, SourceHealth("hn", rate_limited_until=until))
    said = f"  hn: rate limited in the running worker worker-1:4242 until {hhmm(until)}\n"
    assert said in output
