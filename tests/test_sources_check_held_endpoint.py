"""`sources check` names the endpoints a long rate limit holds in a running worker (X's
search, while its mentions are read), and until when in the desk's zone, as /healthz names
them; a source held whole is said as before, naming none."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from tests.platforms.test_cli_sources import _lisbon_config

LISBON = ZoneInfo("Europe/Lisbon")


def _check_after(tmp_path: Path, health: SourceHealth) -> str:
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    store.create_all()
    try:
        assert asyncio.run(SourceRecorder(store, writer="worker-1:4242").record([health]))
    finally:
        store.dispose()
    config = _lisbon_config(tmp_path, db)
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    return result.output


def _hhmm(at: datetime) -> str:
    return f"{at.astimezone(LISBON):%H:%M} (Europe/Lisbon)"


def test_it_names_the_endpoint_held_and_until_when(tmp_path: Path) -> None:
    search = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=14)
    output = _check_after(tmp_path, SourceHealth("hn", limited_endpoints=(("search", search),)))
    assert (
        f"  hn: rate limited in the running worker worker-1:4242: endpoint search held until"
        f" {_hhmm(search)}\n" in output
    )


def test_it_names_each_endpoint_held_with_its_own_end(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    search, mentions = now + timedelta(minutes=14), now + timedelta(minutes=3)
    held = (("search", search), ("mentions", mentions))
    output = _check_after(tmp_path, SourceHealth("hn", limited_endpoints=held))
    assert (
        f"  hn: rate limited in the running worker worker-1:4242: endpoints search held until"
        f" {_hhmm(search)}, mentions until {_hhmm(mentions)}\n" in output
    )


def test_a_source_held_whole_names_no_endpoint(tmp_path: Path) -> None:
    until = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=20)
    output = _check_after(tmp_path, SourceHealth("hn", rate_limited_until=until))
    said = f"  hn: rate limited in the running worker worker-1:4242 until {_hhmm(until)}\n"
    assert said in output
