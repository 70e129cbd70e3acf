"""`run --once` from cron when a platform's rate limit holds a source past a minute: the
catch-up goes on without it (cursor kept), the summary names it, says it was rate-limited and
until when (UTC, and how long from now), and the run exits 75 (EX_TEMPFAIL: try again later)
unless something needing a person (a stopped source, one down) makes it 1. The real clients
against the platform fakes, their 429s carrying the platforms' own headers."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from listener.replay import ReplaySource
from mentiondesk.models import Batch, FatalError
from mentiondesk.source_health import SourceHealth
from tests.fakes._base import FakeAPI
from tests.fakes.hackernews import SEARCH as HN_SEARCH
from tests.fakes.hackernews import HackerNewsFake
from tests.fakes.x import SEARCH, XFake
from tests.fakes.x_read import MENTIONS
from tests.fakes.x_wire import problem
from tests.helpers import mention, run_cli, write_config, write_mentions
from tests.platforms.helpers import FakeClock, fake_in_thread

LIMITED = re.compile(
    r"  Source (?P<name>\w+) not caught up: rate-limited by the platform until "
    r"(?P<until>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC \(in (?P<left>[^)]+)\); "
    r"a run from then reads on from its cursor"
)


@pytest.fixture
def api() -> Iterator[FakeAPI]:
    with fake_in_thread() as fake:
        yield fake


def _config(tmp_path: Path, source: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    return write_config(tmp_path, db_url="sqlite:///run.db", samples=samples, extra=source)


def _hn(tmp_path: Path, api: FakeAPI) -> tuple[HackerNewsFake, Path]:
    """Hacker News (and the samples), its first run done: from now on it reads what is new."""
    hn = HackerNewsFake(api, clock=FakeClock())
    source = f'\n[[sources]]\nkind = "hackernews"\nname = "hn"\nbase_url = "{hn.base_url}"\n'
    config = _config(tmp_path, source)
    code, output = run_cli(config, "run", "--once")
    assert code == 0, output
    hn.comment("lumora lamps, after the limit")
    return hn, config


def _limited_line(output: str) -> re.Match[str]:
    lines = [ln for ln in output.splitlines() if ln.startswith("  Source ")]
    assert len(lines) == 1, output
    found = LIMITED.fullmatch(lines[0])
    assert found, lines[0]
    return found


def test_a_long_rate_limit_is_named_with_its_time_and_exits_75(
    tmp_path: Path, api: FakeAPI
) -> None:
    hn, config = _hn(tmp_path, api)
    hn.fail(HN_SEARCH, 429, {"message": "Too many requests"}, headers={"Retry-After": "900"})
    before = datetime.now(UTC).replace(microsecond=0)
    code, output = run_cli(config, "run", "--once")
    after = datetime.now(UTC)
    assert code == 75, output
    line = _limited_line(output)
    assert line["name"] == "hn"
    until = datetime.strptime(line["until"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    assert before + timedelta(seconds=899) <= until <= after + timedelta(seconds=900)
    assert line["left"] in {"14m", "15m"}, line[0]
    # The cursor was kept: once the platform answers again the comment is read.
    code, output = run_cli(config, "run", "--once")
    assert code == 0, output
    assert "(1 new in this run)" in output and "  Source " not in output, output


def test_x_limited_on_both_endpoints_says_xs_own_reset(tmp_path: Path, api: FakeAPI) -> None:
    clock = FakeClock()
    x = XFake(api, clock=clock)
    keys = 'query = "lumora"\nusername = "lumora"'
    config = _config(tmp_path, f'\n[[sources]]\nkind = "x"\nbase_url = "{x.base_url}"\n{keys}\n')
    reset = clock() + timedelta(minutes=15)
    headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(reset.timestamp()))}
    for path in (SEARCH, MENTIONS):
        x.fail(path, 429, problem(429, "Too Many Requests"), headers=headers)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("X_BEARER_TOKEN", "test-bearer")
        code, output = run_cli(config, "run", "--once")
    assert code == 75, output
    line = _limited_line(output)
    assert (line["name"], line["until"]) == ("x", f"{reset:%Y-%m-%d %H:%M:%S}"), line[0]
    assert "(1 new in this run)" in output, output  # the other source was read


def test_a_short_rate_limit_is_waited_out_and_exits_0(tmp_path: Path, api: FakeAPI) -> None:
    hn, config = _hn(tmp_path, api)
    hn.fail(HN_SEARCH, 429, {"message": "Too many requests"}, headers={"Retry-After": "1"})
    code, output = run_cli(config, "run", "--once")
    assert code == 0, output
    assert "(1 new in this run)" in output and "  Source " not in output, output


def test_a_stopped_source_beside_a_limited_one_exits_1(
    tmp_path: Path, api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def revoked(self: object, cursor: str | None) -> Batch:
        raise FatalError("samples: 401 Unauthorized; check the token")

    hn, config = _hn(tmp_path, api)
    hn.fail(HN_SEARCH, 429, {"message": "Too many requests"}, headers={"Retry-After": "900"})
    monkeypatch.setattr(ReplaySource, "poll", revoked)
    code, output = run_cli(config, "run", "--once")
    assert code == 1, output  # a person must fix the token: more than "try again later"
    said = [ln for ln in output.splitlines() if ln.startswith("  Source ")]
    assert [ln.split(" ", 4)[3] for ln in said] == ["samples", "hn"], output


def test_run_help_documents_exit_75(tmp_path: Path) -> None:
    config = _config(tmp_path, "")
    _, output = run_cli(config, "run", "--help")
    said = " ".join(output.replace("│", " ").split())  # the help's box, at whatever width
    assert "Exit status 75 (EX_TEMPFAIL)" in said and "rate limit" in said, said


def test_a_reset_already_past_says_how_long_ago_and_listening_says_so() -> None:
    from mentiondesk.source_health import limited_lines

    now = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    health = [
        SourceHealth("reddit", limited_until=now - timedelta(minutes=3)),
        SourceHealth("bluesky", limited_until=now + timedelta(hours=2)),
        SourceHealth("x", stopped=True, limited_until=now + timedelta(hours=2)),
        SourceHealth("mastodon"),
    ]
    assert limited_lines(health, now, listening=True) == [
        "reddit not caught up: rate-limited by the platform until 2026-12-06 09:57:00 UTC "
        "(3m ago); read on from its cursor then, while listening",
        "bluesky not caught up: rate-limited by the platform until 2026-12-06 12:00:00 UTC "
        "(in 2h 00m); read on from its cursor then, while listening",
    ]


def test_ctrl_c_during_a_rate_limit_wait_names_the_source_still_limited(
    tmp_path: Path, api: FakeAPI
) -> None:
    """A short limit is waited out, but a stop (Ctrl-C, or cron's `timeout` sending SIGTERM)
    during the wait leaves the source unread: said, with the time, not a silent exit 0."""
    hn, config = _hn(tmp_path, api)
    hn.fail(HN_SEARCH, 429, {"message": "Too many requests"}, headers={"Retry-After": "50"})
    command = [sys.executable, "-m", "mentiondesk", "-c", str(config), "run", "--once"]
    with subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        assert run.stderr is not None
        for line in run.stderr:  # the log says when the wait begins
            if "source hn is rate limited; waiting" in line:
                break
        run.send_signal(signal.SIGINT)
        output, errors = run.communicate(timeout=60)
    assert run.returncode == 130, output + errors  # Ctrl-C's, over the limit's 75
    said = _limited_line(output)
    assert said["name"] == "hn" and said["left"].endswith("s"), said[0]  # "in 49s"
    assert "Stopping:" in errors
