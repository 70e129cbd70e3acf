"""A weekly report beside the dashboard: the same period's "mentions" and complaint reasons
read the same in `mentiondesk report`, its JSON and the desk, whatever the platforms' clocks."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.alert_routing import digest_name
from mentiondesk.cli import app as cli
from mentiondesk.config import AlertRoute, OutboxSection, load_config
from mentiondesk.digest import DigestSink, flush_due
from mentiondesk.models import Author, Mention
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.period import days_from, last_days
from mentiondesk.report import period_report, report
from mentiondesk.store import Store
from mentiondesk.tables import MENTION, OUTBOX
from mentiondesk.web.data_dash import csv_rows, load_dashboard
from responders.console import ConsoleResponder
from tests.desk.seed import add, write_config
from tests.responders._data import action


def _unread(store: Store, external_id: str, ago: timedelta) -> None:
    """A mention stored by a listener that no worker has read yet."""
    author = Author(id=f"u-{external_id}", handle=f"h{external_id}")
    post = Mention(
        platform="x",
        external_id=external_id,
        author=author,
        text="where is my parcel",
        created_at=datetime.now(UTC) - ago,
    )
    store.ingest("seed", [post], None)


def test_report_mentions_are_the_dashboards_with_the_unread_beside(
    store: Store, tmp_path: Path, db_url: str
) -> None:
    edited, _, _ = add(store, "late again", ago=timedelta(days=1))
    add(store, "love it", label="positive", reason=None, case=False, draft=None)
    _unread(store, "u1", timedelta(hours=2))
    with store.engine.begin() as conn:  # edited since: to be read again, its reading kept
        conn.execute(sa.update(MENTION).where(MENTION.c.id == edited).values(processed=False))
    now = datetime.now(UTC)
    dash = load_dashboard(store, days=7, now=now)
    on_page = sum(sum(labels.values()) for labels in dash.by_day.values())
    data = period_report(store, last_days(now, 7), now=now, zone=UTC)
    assert on_page == data["mentions"] == 2
    assert data["mentions_unread"] == 1
    config = load_config(write_config(tmp_path, db_url))
    args = ["--config", str(config.path), "report", "--days", "7"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "not read yet" in result.output


def test_a_post_stamped_ahead_of_our_clock_counts_in_the_week_it_came_in(store: Store) -> None:
    # The author's app's clock is three days fast: the complaint came in today.
    add(store, "refund still not here", reason="refund_payment", ago=-timedelta(days=3))
    now = datetime.now(UTC)
    this_week = load_dashboard(store, days=7, now=now)
    assert this_week.reasons == [("refund_payment", 1, 0)]
    # A week on, it is last week's complaint: not this week's again.
    later = now + timedelta(days=7)
    next_week = load_dashboard(store, days=7, now=later)
    assert next_week.reasons == [("refund_payment", 0, 1)]
    assert next_week.by_day == {}
    assert csv_rows(store, days=7, now=later) == [csv_rows(store, days=7, now=later)[0]]
    # Last week's report, once the week is over, still counts it.
    first = last_days(now, 7).first_day
    closed = days_from(first, days=7, now=later, zone=UTC)
    data = period_report(store, closed, now=later, zone=UTC)
    assert data["mentions"] == 1 and data["by_label"]["negative"] == 1
    assert data["complaint_reasons"] == [
        {"reason": "refund_payment", "cases": 1, "previous_period": 0}
    ]


async def test_alerts_of_a_digest_count_once_as_the_message_the_chat_got(store: Store) -> None:
    route = AlertRoute(name="praise", to=["console"], digest_minutes=60)
    with store.engine.begin() as conn:  # three praise alerts the playbook routed to the digest
        for n in range(3):
            praise = replace(action(f"love it {n}", target=digest_name(route)), key=f"alert:p{n}")
            conn.execute(sa.insert(OUTBOX), [outbox_row(praise, None, datetime.now(UTC))])
    out = io.StringIO()
    sinks = {digest_name(route): DigestSink(store, route), "console": ConsoleResponder(out=out)}
    worker = OutboxWorker(store, sinks, OutboxSection())
    assert await worker.drain() == 3  # kept for the digest
    assert flush_due(store, route, at_once=True) == 3
    assert await worker.drain() == 1  # the digest: one message
    assert out.getvalue().count("[digest]") == 1
    data = report(store)
    assert data["alerts_sent"] == 1
    assert data["alerts"] == {"queued": 1, "delivered": 1, "waiting": 0, "held": 0, "dropped": 0}
