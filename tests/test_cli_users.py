"""`mentiondesk users disable / enable / passwd`: a person leaves, or forgets a password,
without anyone editing the database."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common, cli_users
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, USER
from mentiondesk.web import users
from mentiondesk.web.sessions import load_session, open_session
from mentiondesk.web.users import authenticate
from tests.helpers import complaint_and_praise, run_cli

OLD, NEW = "an old secret", "a new secret"
_NOW = datetime.now(UTC)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk with one agent, "Ana", added from the terminal by "root"."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    path = complaint_and_praise(tmp_path)
    assert run_cli(path, "users", "add", "Ana", "--password-stdin", stdin=OLD + "\n")[0] == 0
    return path


@pytest.fixture
def store(config: Path) -> Iterator[Store]:
    store = Store(load_config(config).store_url())
    yield store
    store.dispose()


def _session(store: Store) -> str:
    """Ana logged in on the desk: her session's cookie value."""
    user = authenticate(store, "Ana", OLD)
    assert user is not None
    return open_session(store, user, now=_NOW, ttl=timedelta(hours=8))


def _audit(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id)
        return [(r.actor, r.action, r.detail) for r in conn.execute(query)]


def test_disable_logs_them_out_now_and_enable_lets_them_back(config: Path, store: Store) -> None:
    token = _session(store)
    code, output = run_cli(config, "users", "disable", "ana")  # any case
    assert code == 0 and "User Ana disabled" in output
    assert load_session(store, token, now=_NOW) is None and authenticate(store, "Ana", OLD) is None
    assert "│ Ana  │ agent │ no " in run_cli(config, "users", "list")[1]
    assert run_cli(config, "users", "enable", "Ana")[0] == 0
    assert authenticate(store, "Ana", OLD) is not None
    assert load_session(store, token, now=_NOW) is None  # the ended session stays ended
    assert [a[1:] for a in _audit(store)[1:]] == [("user-disable", "Ana"), ("user-enable", "Ana")]
    assert {a[0] for a in _audit(store)} == {"cli:root"}


def test_disabling_or_enabling_twice_says_so_and_audits_once(config: Path, store: Store) -> None:
    assert run_cli(config, "users", "disable", "Ana")[0] == 0
    code, output = run_cli(config, "users", "disable", "ana")
    assert code == 0 and "Ana is already disabled" in output and "logged out" not in output
    assert run_cli(config, "users", "enable", "Ana")[0] == 0
    code, output = run_cli(config, "users", "enable", "Ana")
    assert code == 0 and "Ana is already enabled" in output and "may log in" not in output
    assert [a[1:] for a in _audit(store)[1:]] == [("user-disable", "Ana"), ("user-enable", "Ana")]


def test_disable_ends_the_session_row_not_only_its_use(config: Path, store: Store) -> None:
    _session(store)
    run_cli(config, "users", "disable", "Ana")
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM web_session")) == 0


def test_passwd_prompts_twice_and_ends_their_sessions(config: Path, store: Store) -> None:
    token = _session(store)
    code, output = run_cli(config, "users", "passwd", "Ana", stdin=f"{NEW}\n{NEW}\n")
    assert code == 0 and output.count("Password") >= 2 and "sessions have ended" in output
    assert authenticate(store, "Ana", OLD) is None and authenticate(store, "Ana", NEW) is not None
    assert load_session(store, token, now=_NOW) is None
    assert _audit(store)[1:] == [("cli:root", "user-password", "Ana")]


def test_passwd_random_prints_a_new_password_once(config: Path, store: Store) -> None:
    code, output = run_cli(config, "users", "passwd", "Ana", "--random")
    found = re.search(r"New password: (\S+) \(shown only once\)", output)
    assert code == 0 and found, output
    assert authenticate(store, "Ana", found[1]) is not None


def test_passwd_refuses_a_short_password_and_keeps_the_old(config: Path, store: Store) -> None:
    eleven = "x" * 11
    code, output = run_cli(config, "users", "passwd", "Ana", "--password-stdin", stdin=eleven)
    assert code == 1 and "at least 12 characters (it has 11)" in output
    assert authenticate(store, "Ana", OLD) is not None and len(_audit(store)) == 1


def test_a_password_the_login_form_would_cut_is_refused(config: Path, store: Store) -> None:
    """The login form reads 1,024 characters: a longer password could never log in."""
    code, output = run_cli(config, "users", "add", "Bea", "--password-stdin", stdin="x" * 1025)
    assert code == 1 and "at most 1,024 characters (it has 1,025)" in output
    assert run_cli(config, "users", "add", "Bea", "--password-stdin", stdin="x" * 1024)[0] == 0
    assert authenticate(store, "Bea", "x" * 1024) is not None


def test_adding_a_user_is_audited_without_the_password(config: Path, store: Store) -> None:
    assert _audit(store) == [("cli:root", "user-add", "Ana agent")]
    assert (
        run_cli(config, "users", "add", "Bob", "--role", "admin", "--password-stdin", stdin=NEW)[0]
        == 0
    )
    assert _audit(store)[1] == ("cli:root", "user-add", "Bob admin")
    assert not [a for a in _audit(store) if NEW in "".join(a) or OLD in "".join(a)]


def test_a_shorter_password_set_before_the_minimum_still_logs_in(store: Store) -> None:
    short = "eight ch"  # the minimum was 8 before it became 12
    with store.engine.begin() as conn:
        conn.execute(sa.update(USER).values(password_hash=users._HASHER.hash(short)))
    assert authenticate(store, "Ana", short) is not None


@pytest.mark.parametrize("command", ["disable", "enable", "passwd"])
def test_an_unknown_user_is_named(config: Path, command: str) -> None:
    code, output = run_cli(config, "users", command, "bob", stdin=f"{NEW}\n{NEW}\n")
    assert code == 1 and "no user named 'bob'" in output


def test_a_change_the_audit_trail_cannot_record_is_not_made(config: Path, store: Store) -> None:
    with store.engine.begin() as conn:  # the audit insert fails, as a full disk would
        conn.execute(
            sa.text(
                "CREATE TRIGGER audit_down BEFORE INSERT ON audit "
                "BEGIN SELECT RAISE(ABORT, 'audit down'); END"
            )
        )
    assert run_cli(config, "users", "disable", "Ana")[0] != 0
    assert run_cli(config, "users", "passwd", "Ana", "--password-stdin", stdin=NEW + "\n")[0] != 0
    assert authenticate(store, "Ana", OLD) is not None  # still active, password unchanged
    assert run_cli(config, "users", "add", "Bob", "--password-stdin", stdin=NEW + "\n")[0] != 0
    assert authenticate(store, "Bob", NEW) is None  # not added unrecorded


def test_list_shows_each_last_login_in_the_desks_zone(config: Path, store: Store) -> None:
    code, listed = run_cli(config, "users", "list")
    assert code == 0 and "last login" in listed and "never" in listed
    with config.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\ntimezone = "America/Sao_Paulo"\n')
    user = authenticate(store, "Ana", OLD)
    assert user is not None
    at = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
    open_session(store, user, now=at, ttl=timedelta(hours=8))
    listed = run_cli(config, "users", "list")[1]
    assert "2026-11-30 22:30" in listed and "never" not in listed


def test_list_shows_the_day_each_was_added_in_the_desks_zone(config: Path, store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(USER).values(created_at=datetime(2026, 12, 1, 1, 30, tzinfo=UTC)))
    with config.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\ntimezone = "America/Sao_Paulo"\n')
    listed = run_cli(config, "users", "list")[1]
    assert "2026-11-30" in listed and "2026-12-01" not in listed, listed


@pytest.mark.parametrize("stdin", [False, True])
def test_add_refuses_a_taken_name_before_asking_for_a_password(
    config: Path, monkeypatch: pytest.MonkeyPatch, stdin: bool
) -> None:
    """No password typed (twice) or read from stdin for a name already taken, in any case."""
    read: list[bool] = []
    monkeypatch.setattr(cli_users, "_read_password", lambda from_stdin: read.append(from_stdin))
    args = ["--password-stdin"] * stdin
    code, output = run_cli(config, "users", "add", "ana", *args, stdin=f"{NEW}\n{NEW}\n")
    assert code == 1 and "a user named 'Ana' already exists" in output, output
    assert "Password" not in output and read == []


@pytest.mark.parametrize("command", [["add", "Bea"], ["passwd", "Ana"]])
def test_no_terminal_to_ask_for_a_password_names_password_stdin(
    config: Path, command: list[str]
) -> None:
    """Under cron or a pipe (no controlling terminal: a session of its own), a clear refusal,
    not Python's GetPassWarning and a password read back visibly from stdin."""
    argv = [sys.executable, "-m", "mentiondesk", "--config", str(config), "users", *command]
    done = subprocess.run(
        argv, input=f"{NEW}\n{NEW}\n", capture_output=True, text=True, start_new_session=True
    )
    assert done.returncode == 2, done.stderr
    assert "no terminal to ask for a password: use --password-stdin" in done.stderr
    assert "GetPassWarning" not in done.stderr + done.stdout and "echoed" not in done.stderr
    assert run_cli(config, "users", "list")[1].count("Bea") == 0
