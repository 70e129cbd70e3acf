"""Login limits per address and per name: one address cannot spend the desk's budget and keep
everyone out (its right passwords are not counted), guesses spread over many addresses lock
the name, an admin's reset or enable ends the lock, and logins are logged."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web import create_app
from mentiondesk.web.common import DESK
from mentiondesk.web.users import set_active
from tests.desk.conftest import Client, Clock, Desk, desk_client
from tests.desk.seed import PASSWORD

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
async def client(tmp_path: Path, db_url: str, store: Store, clock: Clock) -> AsyncIterator[Client]:
    """Behind a proxy (the address is X-Forwarded-For's last), 12 checks a minute in all."""
    desk = "behind_proxy = true\nlogin_attempts_per_minute = 12"
    async with desk_client(tmp_path, db_url, store, desk, clock=clock) as client:
        yield client


async def login_from(
    client: Client, name: str, password: str, address: str, *, language: str = "pt-BR"
) -> tuple[int, str]:
    """One login by a stranger from `address` (the proxy's X-Forwarded-For): the status and
    the page, in `language`. test_security_review_login_limits logs in with it too."""
    page = await (await client.get("/login")).text()
    token = CSRF.search(page)
    assert token
    form = {"csrf": token.group(1), "name": name, "password": password}
    headers = {"X-Forwarded-For": address, "Accept-Language": language}
    async with client.post("/login", data=form, headers=headers, allow_redirects=False) as r:
        client.session.cookie_jar.clear()  # each attempt a stranger
        return r.status, await r.text()


async def test_one_address_cannot_keep_everyone_else_out(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mentiondesk")
    tried = [await login_from(client, f"nobody{n}", "guess", "203.0.113.66") for n in range(30)]
    assert [status for status, _ in tried] == [401] * 10 + [429] * 20
    assert "a partir do seu endereço" in tried[-1][1]
    # The refused twenty spent none of the desk's twelve: the admin, elsewhere, gets in.
    assert (await login_from(client, "admin", PASSWORD, "192.0.2.88"))[0] == 303
    tripped = [r for r in caplog.records if "in a minute from 203.0.113.66" in r.getMessage()]
    assert len(tripped) == 1 and tripped[0].levelno == logging.WARNING


async def test_an_office_behind_one_address_logs_in_all_at_once(
    tmp_path: Path, db_url: str, store: Store, clock: Clock
) -> None:
    # Eleven right passwords in a minute from one NAT address, at the start of a shift: the
    # per-address limit (10) is for guesses, so none is refused; guesses still are.
    desk = "behind_proxy = true\nlogin_attempts_per_minute = 40"
    async with desk_client(tmp_path, db_url, store, desk, clock=clock) as client:
        shift = [await login_from(client, "agent", PASSWORD, "198.51.100.20") for _ in range(11)]
        guesses = [
            await login_from(client, f"nobody{n}", "guess", "198.51.100.20") for n in range(11)
        ]
    assert [status for status, _ in shift] == [303] * 11
    assert [status for status, _ in guesses] == [401] * 10 + [429]


async def test_guesses_from_many_addresses_lock_the_name(
    client: Client, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mentiondesk")
    for n in range(20):
        clock.now += timedelta(seconds=10)  # within the desk's budget, within the hour
        assert (await login_from(client, "admin", f"guess {n}", f"198.51.100.{n}"))[0] == 401
    status, page = await login_from(client, "admin", PASSWORD, "192.0.2.7")  # even the right one
    assert status == 429 and "Espere uma hora" in page
    assert (await login_from(client, "manager", PASSWORD, "192.0.2.7"))[0] == 303  # others may
    messages = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert (logging.WARNING, "desk: failed sign-in to user 'admin' from 198.51.100.3") in messages
    assert any("20 failed sign-ins to user 'admin'" in m for level, m in messages if level >= 30)
    assert (logging.INFO, "desk: manager signed in from 192.0.2.7") in messages
    assert not [m for _, m in messages if "guess" in m or PASSWORD in m]  # never a password
    clock.now += timedelta(hours=1, seconds=1)
    assert (await login_from(client, "admin", PASSWORD, "192.0.2.7"))[0] == 303


async def test_a_right_password_forgets_the_names_failures(client: Client, clock: Clock) -> None:
    for n in range(19):
        clock.now += timedelta(seconds=10)
        assert (await login_from(client, "agent", "guess", f"198.51.100.{n}"))[0] == 401
    assert (await login_from(client, "agent", PASSWORD, "192.0.2.7"))[0] == 303
    clock.now += timedelta(seconds=10)
    assert (await login_from(client, "agent", "typo", "192.0.2.7"))[0] == 401  # one, not twenty
    assert (await login_from(client, "agent", PASSWORD, "192.0.2.7"))[0] == 303


async def _lock_agent(client: Client, clock: Clock) -> None:
    """20 guesses at agent's password from four addresses: the name and each pair locked."""
    for n in range(20):
        clock.now += timedelta(seconds=10)
        assert (await login_from(client, "agent", f"guess {n}", f"198.51.100.{n % 4}"))[0] == 401
    status, page = await login_from(client, "agent", PASSWORD, "192.0.2.7")
    assert status == 429 and "Gerar nova senha" in page  # the message says what helps
    assert (await login_from(client, "agent", PASSWORD, "198.51.100.1"))[0] == 429


async def _as_admin(client: Client, path: str, name: str) -> tuple[str, str]:
    """An admin's click on the People page: where it leads and the page it answers."""
    admin = Desk(client)
    assert await admin.login("admin") == 303
    async with client.post(path, data={"csrf": admin.csrf, "name": name}) as response:
        answer = response.url.path_qs, await response.text()
    client.session.cookie_jar.clear()
    return answer


async def test_an_admins_new_password_ends_the_names_lock(client: Client, clock: Clock) -> None:
    await _lock_agent(client, clock)
    _, page = await _as_admin(client, "/people/password", "Agent")
    new = re.findall(r'<code class="new-password">([^<]+)</code>', page)
    assert len(new) == 1
    assert (await login_from(client, "agent", new[0], "192.0.2.7"))[0] == 303
    assert (await login_from(client, "agent", new[0], "198.51.100.1"))[0] == 303  # its pair too


async def test_enabling_a_person_ends_the_names_lock(client: Client, clock: Clock) -> None:
    await _lock_agent(client, clock)
    path, page = await _as_admin(client, "/people/enable", "agent")
    assert path == "/people" and "User enabled: they log in again" in page
    assert (await login_from(client, "agent", PASSWORD, "198.51.100.2"))[0] == 303


async def test_enabling_a_name_leaves_other_names_locked(
    config: Config, store: Store, clock: Clock
) -> None:
    desk = create_app(config, store, clock=clock)[DESK]
    for name in ("agent", "x|agent", "agents"):
        for _ in range(5):
            assert await desk.limits.refusal(desk, "203.0.113.9", name) is None
        clock.now += timedelta(minutes=1)  # within the address's ten a minute
    set_active(store, "Agent", active=True, by="test")
    assert await desk.limits.refusal(desk, "203.0.113.9", "agent") is None
    assert await desk.limits.refusal(desk, "203.0.113.9", "x|agent") is not None
    assert await desk.limits.refusal(desk, "203.0.113.9", "agents") is not None


async def test_adding_a_person_on_the_desk_is_audited(as_role: object, store: Store) -> None:
    desk: Desk = await as_role("admin")  # type: ignore[operator]
    added = await desk.post("/people", name="zoe", role="manager", password="a long secret")
    assert await desk.said(added) == "user-added"
    short = await desk.post("/people", name="yan", role="agent", password="eleven char")
    assert short.status == 303  # to the form, saying why (test_people)
    with store.engine.connect() as conn:
        rows = conn.execute(AUDIT.select().where(AUDIT.c.action == "user-add")).all()
    found = [(r.actor, r.detail) for r in rows if r.actor != "test"]
    assert found == [("admin", "zoe manager")]
    assert not [r for r in rows if "secret" in str(r)]


async def test_the_per_address_limit_is_set_in_the_config(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    async with desk_client(tmp_path, db_url, store, "login_attempts_per_address = 2") as client:
        tried = [await login_from(client, f"nobody{n}", "guess", "ignored") for n in range(3)]
    assert [status for status, _ in tried] == [401, 401, 429]


async def test_a_locked_pair_is_logged_once(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mentiondesk")
    statuses = [(await login_from(client, "agent", "guess", "203.0.113.5"))[0] for _ in range(7)]
    assert statuses == [401] * 5 + [429] * 2
    locked = [r for r in caplog.records if "that pair is locked" in r.getMessage()]
    assert [r.getMessage() for r in locked] == [
        "desk: 5 failed sign-ins to user 'agent' from 203.0.113.5; that pair is locked for 15 "
        "minutes"
    ]


async def test_a_typed_name_that_is_nobodys_is_not_logged(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    """People type their password into the name field: a name that is no user's is not
    logged, not even when it locks its pair; a user's name is."""
    caplog.set_level(logging.INFO, logger="mentiondesk")
    typed = "Hunter2-secret!"
    statuses = [(await login_from(client, typed, "guess", "203.0.113.9"))[0] for _ in range(5)]
    assert statuses == [401] * 5
    assert (await login_from(client, "ADMIN", "guess", "203.0.113.9"))[0] == 401
    said = [r.getMessage() for r in caplog.records]
    assert "Hunter2" not in caplog.text and "secret" not in caplog.text
    nobody = "a name that is no user (15 characters)"
    assert f"desk: failed sign-in to {nobody} from 203.0.113.9" in said
    assert any(m.startswith(f"desk: 5 failed sign-ins to {nobody} from") for m in said)
    assert "desk: failed sign-in to user 'admin' from 203.0.113.9" in said
