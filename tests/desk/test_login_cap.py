"""The desk's global cap on password checks: a flood of logins under fresh names is refused
past the minute's budget, runs two checks at a time, and a normal login still gets in."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from mentiondesk.store import Store
from mentiondesk.web import pages_login, users
from tests.desk.conftest import Clock, Desk, desk_client, write_desk_config
from tests.desk.seed import PASSWORD

PT = {"Accept-Language": "pt-PT,pt;q=0.9"}


@pytest.fixture
async def capped(tmp_path: Path, db_url: str, store: Store, clock: Clock) -> AsyncIterator[Desk]:
    """The desk with a budget of three password checks a minute."""
    budget = "login_attempts_per_minute = 3"
    async with desk_client(tmp_path, db_url, store, budget, clock=clock) as client:
        yield Desk(client)


async def _token(desk: Desk) -> str:
    page = await (await desk.client.get("/login", headers=PT)).text()
    return page.split('name="csrf" value="')[1].split('"')[0]


async def _post(desk: Desk, token: str, name: str, password: str = "guess") -> int:
    form = {"csrf": token, "name": name, "password": password}
    async with desk.client.post("/login", data=form, headers=PT, allow_redirects=False) as r:
        return r.status


async def test_past_the_budget_logins_wait_a_minute(capped: Desk, clock: Clock) -> None:
    for name in ("ana", "bia", "caio"):  # made-up names: the per-name limit never trips
        assert await capped.login(name, "guess") == 401
    form = {"csrf": await _token(capped), "name": "agent", "password": PASSWORD}
    async with capped.client.post("/login", data=form, headers=PT) as refused:
        assert refused.status == 429
        assert refused.headers["Retry-After"] == "60"
        assert "Tente de novo daqui a um minuto" in await refused.text()
    clock.now += timedelta(seconds=61)
    assert await capped.login("agent") == 303  # the next minute: a normal login gets in


async def test_a_locked_name_spends_none_of_the_budget(capped: Desk, clock: Clock) -> None:
    for _ in range(5):  # a minute apart: the budget is never spent
        assert await capped.login("agent", "guess") == 401
        clock.now += timedelta(seconds=61)
    for _ in range(5):  # the pair is locked: refused without a check
        assert await capped.login("agent", "guess") == 429
    assert await capped.login("manager") == 303  # in that same minute


async def test_no_more_than_two_checks_run_at_once(
    anon: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, most, lock = [0], [0], threading.Lock()

    def slow(store: Store, name: str, password: str) -> users.User | None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)  # argon2's real cost: the checks overlap while it runs
        with lock:
            running[0] -= 1
        return users.authenticate(store, name, password)

    monkeypatch.setattr(pages_login, "authenticate", slow)
    token = await _token(anon)
    logins = [_post(anon, token, f"stranger{n}") for n in range(8)]
    assert await asyncio.gather(*logins) == [401] * 8  # the others waited their turn
    assert most[0] == 2


def test_the_budget_must_be_a_positive_number(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    path = write_desk_config(tmp_path, url, "login_attempts_per_minute = 0")
    with pytest.raises(ConfigError, match="login_attempts_per_minute"):
        load_config(path)
