"""`sources check` says a source is failing in a running worker, as /healthz counts it: how
often, since when, why, and whether /healthz says degraded yet (past its grace) or it is a blip
so far; the store is named where it refused the pages. It used to say "read by the running
worker … since" for a source that had read nothing for an hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentiondesk.source_health import SourceHealth
from tests.sources_fixtures import WHY, check_after, flat, hhmm, record_in_sqlite, sources_check


def test_a_source_failing_past_its_grace_is_said_as_healthz_says_it(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(minutes=12)
    health = SourceHealth("hn", failing_since=since, failures=9, cause=WHY)
    output = flat(check_after(tmp_path, health))
    assert (
        "hn: failing (9 failed tries; /healthz says degraded) in the running worker "
        f"worker-1:4242 since {hhmm(since)}: {WHY}" in output
    )
    assert "read by the running worker" not in output


def test_a_blip_is_said_as_one(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(seconds=30)
    health = SourceHealth("hn", failing_since=since, failures=1, cause=WHY)
    output = flat(check_after(tmp_path, health))
    assert "hn: failing (1 failed try; a blip so far: /healthz still ok)" in output


def test_the_store_is_named_where_it_refused_the_pages(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(minutes=8)
    said = "cannot reach the database (connection refused)"
    health = SourceHealth("hn", unstored_since=since, unstored_tries=6, unstored_cause=said)
    output = flat(check_after(tmp_path, health))
    assert "hn: failing (the store refusing its pages, 6 failed tries; /healthz says" in output
    assert said in output


def test_a_gone_workers_failing_row_claims_nothing_of_healthz(tmp_path: Path) -> None:
    """A worker stopped cleanly: what it last saw, with no word on how /healthz counts it."""
    since = datetime.now(UTC) - timedelta(seconds=30)
    failing = SourceHealth("hn", failing_since=since, failures=2, cause=WHY)
    output = flat(sources_check(tmp_path, record_in_sqlite(tmp_path, failing, close=True)))
    assert f"it last recorded: failing (2 failed tries) since {hhmm(since)}: {WHY}" in output
    assert "/healthz" not in output
