"""`mentiondesk run --once` from cron while the team's Slack cannot take the alerts: Slack
answering errors (503, `internal_error`) or refusing the connection. The outbox keeps the
alerts and retries them, yet the run exited 0 and its summary said only "Outbox: 3 waiting to
retry" among its figures: a cron job read as a good run while the team got no alerts. Now its
last lines say how many alerts wait for which chat, that they will be retried, and the run
exits 75 (EX_TEMPFAIL: try again later); once Slack takes them, 0. The real Slack responder
(slack_sdk) against the fake Slack API, served from a thread of its own as the CLI runs its
own event loop."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web

from mentiondesk.tables import OUTBOX
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions

EX_TEMPFAIL = 75
TOKEN = "xoxb-test"  # the fake's


@pytest.fixture
def slack() -> Iterator[SlackFake]:
    """The fake Slack API on a loop in a thread: `run --once` runs its own loop here."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    api = FakeAPI()
    asyncio.run_coroutine_threadsafe(api.start(), loop).result(10)
    try:
        yield SlackFake(api)
    finally:
        asyncio.run_coroutine_threadsafe(api.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def config_for(tmp_path: Path, base_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three complaints read from the replay source, each alerting Slack "team-chat"."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    samples = write_mentions(
        tmp_path / "m.jsonl", [mention(n, COMPLAINT, author=f"a{n}") for n in (1, 2, 3)]
    )
    slack = (
        '\n[[responders]]\nkind = "slack"\nname = "team-chat"\nchannel = "C0TEAM"\n'
        f'approvers = ["U1"]\nbase_url = "{base_url}"\n'
        '\n[routing]\nalert = ["team-chat"]\n\n[desk]\nenabled = false\n'
    )
    return write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/s.db", samples=samples, extra=slack)


def last_lines(output: str, n: int = 2) -> list[str]:
    """The summary's last lines (stdout; the log lines on stderr are the CLI runner's too)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    ours = [line for line in lines if "waiting for" in line or line.startswith("→ not")]
    return ours[-n:]


def due_now(tmp_path: Path) -> None:
    """As if the next cron run came after the outbox's backoff."""
    engine = sa.create_engine(f"sqlite:///{tmp_path}/s.db")
    with engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(next_attempt_at=sa.func.datetime("now", "-1 minute")))
    engine.dispose()


async def _unavailable(request: web.Request) -> web.Response:
    return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)


async def _internal_error(request: web.Request) -> web.Response:
    return web.json_response({"ok": False, "error": "internal_error"})


@pytest.mark.parametrize("answer", [_unavailable, _internal_error])
def test_alerts_waiting_for_slack_are_said_last_and_exit_75(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slack: SlackFake, answer: object
) -> None:
    config = config_for(tmp_path, slack.base_url, monkeypatch)
    post = slack.api._routes[("POST", "/api/chat.postMessage")]
    slack.api.route("POST", "/api/chat.postMessage", answer)  # type: ignore[arg-type]
    code, output = run_cli(config, "run", "--once")
    assert code == EX_TEMPFAIL, output  # before: 0, as if the team had its alerts
    assert slack.api.calls("/api/chat.postMessage"), "the real client never reached the fake"
    said = last_lines(output)
    assert said[0] == "3 alerts are waiting for team-chat and will be retried", output
    assert "retried at the next run (exit status 75" in said[1], output
    assert "mentiondesk outbox list" in said[1]
    assert "parcel" not in " ".join(said)  # counts only: no mention's words
    # Slack is back: the next run delivers them, says nothing waits, and exits 0.
    slack.api.route("POST", "/api/chat.postMessage", post)
    due_now(tmp_path)
    code, output = run_cli(config, "run", "--once")
    assert code == 0 and "waiting for team-chat" not in output, output
    assert len(slack.messages) == 3  # each alert once, on the fake's channel


def test_a_refused_connection_is_said_and_exits_75(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_for(tmp_path, f"http://127.0.0.1:{closed_port()}/api/", monkeypatch)
    code, output = run_cli(config, "run", "--once")
    assert code == EX_TEMPFAIL, output
    assert last_lines(output)[0] == "3 alerts are waiting for team-chat and will be retried"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then closed): connections are refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_help_states_the_exit_codes(tmp_path: Path) -> None:
    code, output = run_cli(tmp_path / "none.toml", "run", "--help")
    text = " ".join(output.replace("│", " ").split())
    assert code == 0
    for said in ("Exit status 1 when", "Exit status 75", "Exit status 0: all read", "143"):
        assert said in text, said
    assert "wait for a team chat or help desk" in text


def test_alerts_a_revoked_token_held_are_said_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slack: SlackFake
) -> None:
    """Slack answers `invalid_auth` (a revoked token): the outbox holds the alerts until a
    person fixes it and releases them, as a source's refused token stops it. Before: exit 0,
    and "3 held" among the figures; now exit 1 and the command that sends them, last."""
    config = config_for(tmp_path, slack.base_url, monkeypatch)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    code, output = run_cli(config, "run", "--once")
    assert code == 1, output
    held = [line.strip() for line in output.splitlines() if "refused them" in line]
    assert held == [
        "3 alerts are held: team-chat refused them (a token or setting to fix); once fixed, "
        "send them with mentiondesk outbox retry --held-for team-chat"
    ], output
    # Fixed and released as it says: the next run sends them and exits 0.
    monkeypatch.setenv("SLACK_BOT_TOKEN", TOKEN)
    code, output = run_cli(config, "outbox", "retry", "--held-for", "team-chat")
    assert code == 0, output
    code, output = run_cli(config, "run", "--once")
    assert code == 0 and "refused them" not in output, output
    assert len(slack.messages) == 3
