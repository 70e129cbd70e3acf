"""`run --once` from cron, as an SRE reads its summary: a source whose catch-up CRASHED (a bug
in mentiondesk or a source plugin: file it) is said apart from one whose platform kept failing
(their outage: wait), with the exception's class and where it was raised, never its message
(it may quote a post). Both used to read "kept failing (1 failed try; the log says why)"."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mentiondesk.catch_up_crashes import Crash, with_crashes
from mentiondesk.source_health import SourceHealth, unread_lines
from tests.config_blocks import console_desk

POST = "my Lumora lamp set my curtains on fire"
AT = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
# A third-party source plugin with a bug: the page it returns crashes the poll loop.
PLUGIN = f"""
from mentiondesk.models import SourceConfig


class Page:
    @property
    def skipped(self):
        raise KeyError("post {POST!r} has no author")


class BuggySource:
    Config = SourceConfig
    poll_seconds = 60.0

    def __init__(self, name):
        self.name = name

    @classmethod
    def from_config(cls, config, context):
        return cls(config.name or config.kind)

    async def poll(self, cursor):
        return Page()

    async def close(self):
        return None
"""


def test_a_crash_and_an_outage_read_differently() -> None:
    outage = SourceHealth("hn", failing_since=AT, failures=6, cause="hn search: 503")
    health = with_crashes(
        [SourceHealth("forum"), outage], {"forum": Crash("KeyError", AT, "plugin.py:7 in poll")}
    )
    assert unread_lines(health, listening=False) == [
        "forum not caught up: its catch-up crashed (KeyError at plugin.py:7 in poll): a bug, "
        "not the platform; report it with the log's line; the next run reads on from its cursor",
        "hn not caught up: kept failing (6 failed tries; the log says why); the next run reads "
        "on from its cursor",
    ]
    (forum, _) = health
    assert forum.cause == "its poll loop crashed (KeyError)"  # /healthz's: the class only


def test_a_crash_after_failed_polls_is_still_said_as_a_crash() -> None:
    """Its polls failed twice, then the loop crashed: the crash is what ended its catch-up."""
    since = AT - timedelta(minutes=1)
    failing = SourceHealth("forum", failing_since=since, failures=2, cause="forum: 502")
    (health,) = with_crashes([failing], {"forum": Crash("TypeError", AT)})
    assert health.failing_since == since and health.failures == 2  # the outage's, kept
    assert unread_lines([health], listening=True) == [
        "forum not caught up: its catch-up crashed (TypeError): a bug, not the platform; "
        "report it with the log's line; retrying while listening"
    ]


def test_a_stopped_source_that_crashed_is_said_as_stopped() -> None:
    stopped = SourceHealth("forum", stopped=True, error="FatalError", reason="401")
    assert with_crashes([stopped], {"forum": Crash("KeyError", AT)}) == [stopped]
    assert unread_lines([stopped], listening=False) == []


def test_run_once_says_the_crash_with_its_class_and_place_and_exits_1(
    tmp_path: Path, pg_url: str
) -> None:
    """The real CLI, on PostgreSQL, with the plugin installed as third parties do (an entry
    point of `mentiondesk.sources`)."""
    plugins = tmp_path / "plugins"
    meta = plugins / "buggy_source-0.1.dist-info"
    meta.mkdir(parents=True)
    (plugins / "buggy_source.py").write_text(PLUGIN)
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: buggy-source\nVersion: 0.1\n")
    (meta / "entry_points.txt").write_text(
        "[mentiondesk.sources]\nbuggy = buggy_source:BuggySource\n"
    )
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[store]
url = "{pg_url}"
[desk]
enabled = false
[sentiment]
classifier = "vader"
{console_desk()}
[[sources]]
kind = "buggy"
name = "forum"
""")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugins), *sys.path])}
    ran = subprocess.run(
        [sys.executable, "-m", "mentiondesk", "--config", str(config), "run", "--once"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    output = ran.stdout + ran.stderr
    raised = PLUGIN.splitlines().index(f'        raise KeyError("post {POST!r} has no author")')
    where = f"KeyError at buggy_source.py:{raised + 1} in skipped"
    assert f"source forum: its catch-up failed ({where}); the other sources were read on" in output
    assert (
        f"  Source forum not caught up: its catch-up crashed ({where}): a bug, not the platform; "
        "report it with the log's line; the next run reads on from its cursor" in output
    )
    assert "kept failing" not in output and POST not in output
    assert ran.returncode == 1, output
