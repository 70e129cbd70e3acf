"""A crisis day's `run` summary as the on-call community lead reads it. Alerts only waiting
their turn at a chat's pace (Slack, 1 a second) are not "waiting to retry", which read as a
chat failing; and alerts a digest route is gathering are counted, where "Alerts 0 queued"
read as no alerts at all while thousands came in."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console

from mentiondesk.cli_render import print_summary
from mentiondesk.config import Config
from mentiondesk.digest import DigestSink, flush_due
from mentiondesk.outbox_drain import SET_ASIDE
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.report import report
from mentiondesk.run_waits import left_waiting
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import config_for
from tests.responders._data import action

_DIGEST = '\n[[routing.alert_routes]]\nname = "crise"\nto = ["console"]\ndigest_minutes = {m}\n'


def _queue(store: Store, target: str, count: int, **values: object) -> None:
    now = datetime.now(UTC)
    rows = []
    for n in range(count):
        alert = replace(action(target=target), key=f"alert:{target}:x:m{n}:complaint")
        rows.append({**outbox_row(alert, None, now), **values})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), rows)


def _summary(store: Store, config: Config) -> str:
    console = Console(record=True, width=200)
    print_summary(console, report(store), config, new=0)
    return console.export_text()


def test_alerts_paced_for_a_chat_are_not_waiting_to_retry(store: Store, tmp_path: Path) -> None:
    _queue(store, "slack", 1_200, last_error=f"{SET_ASIDE}1 per 1 s")  # waiting their turn
    _queue(store, "teams", 2, last_error="ClientConnectorError: teams unreachable")
    _queue(store, "discord", 1, status="held", last_error="refused: invalid_auth")
    config = config_for(tmp_path, "sqlite:///unused.db", [])

    said = _summary(store, config)

    assert "Outbox: 2 waiting to retry, 1,200 queued at a chat's pace, 1 held" in said, said
    # The same count as the summary's last lines ("… queued for slack, sent at its pace").
    paced = left_waiting(store).paced
    assert report(store)["outbox_paced"] == sum(n for w in paced for _, n in w.kinds) == 1_200


def test_no_pace_no_pace_words(store: Store, tmp_path: Path) -> None:
    _queue(store, "teams", 3, last_error="ClientConnectorError: teams unreachable")
    said = _summary(store, config_for(tmp_path, "sqlite:///unused.db", []))
    assert "Outbox: 3 waiting to retry, 0 held" in said, said


async def test_alerts_gathered_for_a_digest_are_counted(store: Store, tmp_path: Path) -> None:
    config = config_for(tmp_path, "sqlite:///unused.db", [], extra=_DIGEST.format(m=60))
    route = config.settings.routing.alert_routes[0]
    sink = DigestSink(store, route)
    for n in range(3):  # collected: delivered to the digest, in no outbox count
        alert = action(f"a bateria pegou fogo {n}", target="digest:crise")
        await sink.deliver(replace(alert, key=f"alert:digest:crise:x:p{n}:complaint"))
    _queue(store, "digest:crise", 2)  # queued for the digest, not collected yet

    said = _summary(store, config)
    assert report(store)["alerts_for_digest"] == 5
    alerts = next(line for line in said.splitlines() if line.strip().startswith("Alerts"))
    assert alerts.endswith("0   queued, 0 delivered; 5 collected for the hourly digest"), said

    # Sent: the digest is one alert queued for the chat; none is still being gathered.
    assert flush_due(store, route, at_once=True) == 3
    data = report(store)
    assert data["alerts_for_digest"] == 2 and data["alerts"]["queued"] == 1
    # Another period is named as people name it.
    for minutes, named in ((15, "15-minute"), (120, "2-hour"), (1440, "daily")):
        config = config_for(tmp_path, "sqlite:///unused.db", [], extra=_DIGEST.format(m=minutes))
        assert f"; 2 collected for the {named} digest" in _summary(store, config)
