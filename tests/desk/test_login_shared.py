"""Login limits counted in the store: desk workers on one database share a name's lock, a
restart keeps it, the terminal's `users passwd` ends it, and an hour's counts are pruned."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import LOGIN_COUNT
from mentiondesk.web import create_app
from mentiondesk.web.common import DESK
from tests.desk.conftest import Client, Clock, write_desk_config
from tests.desk.seed import PASSWORD
from tests.helpers import run_cli

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_BEHIND_PROXY = "behind_proxy = true"


def count_rows(store: Store) -> int:
    """How many login counts the store keeps (the desk itself never needs to know)."""
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(LOGIN_COUNT)) or 0)


@pytest.fixture
async def workers(
    tmp_path: Path, db_url: str, store: Store, clock: Clock
) -> AsyncIterator[list[Client]]:
    """Three desks on one store, as `mentiondesk run` workers (or a restarted one) are."""
    config = load_config(write_desk_config(tmp_path, db_url, _BEHIND_PROXY))
    async with AsyncExitStack() as stack:
        clients = []
        for _ in range(3):
            server = TestServer(create_app(config, store, clock=clock))
            clients.append(await stack.enter_async_context(TestClient(server)))
        yield clients


async def _token(client: Client) -> str:
    token = _CSRF.search(await (await client.get("/login")).text())
    assert token
    return token.group(1)


async def _login(client: Client, name: str, password: str, address: str) -> int:
    form = {"csrf": await _token(client), "name": name, "password": password}
    headers = {"X-Forwarded-For": address}
    async with client.post("/login", data=form, headers=headers, allow_redirects=False) as r:
        client.session.cookie_jar.clear()
        return r.status


async def _lock_agent(desk: Client, clock: Clock) -> None:
    """20 guesses at agent's password, from four addresses, on one desk."""
    for n in range(20):
        clock.now += timedelta(seconds=10)
        assert await _login(desk, "Agent", f"guess {n}", f"198.51.100.{n % 4}") == 401


async def test_a_names_lock_holds_on_every_worker(workers: list[Client], clock: Clock) -> None:
    one, two, restarted = workers
    await _lock_agent(one, clock)
    assert await _login(two, "agent", PASSWORD, "192.0.2.7") == 429  # another worker
    assert await _login(restarted, "agent", PASSWORD, "192.0.2.8") == 429
    assert await _login(two, "manager", PASSWORD, "192.0.2.7") == 303  # others may
    clock.now += timedelta(hours=1, seconds=1)
    assert await _login(two, "agent", PASSWORD, "192.0.2.7") == 303


async def test_a_pairs_lock_holds_on_every_worker(workers: list[Client]) -> None:
    one, two, _ = workers
    for _ in range(5):
        assert await _login(one, "agent", "guess", "203.0.113.5") == 401
    assert await _login(two, "agent", PASSWORD, "203.0.113.5") == 429
    assert await _login(two, "agent", PASSWORD, "203.0.113.6") == 303


async def test_guesses_sent_at_once_to_two_workers_get_five_checks(
    workers: list[Client],
) -> None:
    async def guess(desk: Client, token: str) -> int:
        form = {"csrf": token, "name": "agent", "password": "guess"}
        async with desk.post("/login", data=form, allow_redirects=False) as response:
            return response.status

    one, two, _ = workers
    tokens = {desk: await _token(desk) for desk in (one, two)}
    statuses = await asyncio.gather(*[guess(d, tokens[d]) for d in (one, two) * 5])
    # Exactly the pair's limit: each failure is counted in turn, so none is refused for a
    # guess that was itself taken back, and none gets past the fifth.
    assert sorted(statuses) == [401] * 5 + [429] * 5


async def test_the_terminals_new_password_ends_the_lock(
    tmp_path: Path, workers: list[Client], clock: Clock
) -> None:
    one, two, _ = workers
    await _lock_agent(one, clock)
    code, output = run_cli(tmp_path / "config.toml", "users", "passwd", "agent", "--random")
    new = re.search(r"New password: (\S+)", output)
    assert code == 0 and new
    assert await _login(two, "agent", new.group(1), "192.0.2.7") == 303
    assert await _login(one, "agent", new.group(1), "198.51.100.1") == 303  # its pairs too


async def test_the_terminals_enable_ends_the_lock(
    tmp_path: Path, workers: list[Client], clock: Clock
) -> None:
    one, two, _ = workers
    await _lock_agent(one, clock)
    assert run_cli(tmp_path / "config.toml", "users", "enable", "agent")[0] == 0
    assert await _login(two, "agent", PASSWORD, "198.51.100.2") == 303


async def test_counts_an_hour_old_are_pruned(config: Config, store: Store, clock: Clock) -> None:
    desk = create_app(config, store, clock=clock)[DESK]
    for n in range(120):  # made-up names, never asked about again
        clock.now += timedelta(seconds=3)  # within the desk's thirty checks a minute
        assert await desk.limits.refusal(desk, f"203.0.113.{n % 40}", f"nobody{n}") is None
    assert count_rows(store) == 3 * 120  # an attempt, a failure of the pair and of the name
    clock.now += timedelta(hours=1, seconds=1)  # past the longest window
    assert await desk.limits.refusal(desk, "192.0.2.1", "ana") is None
    assert count_rows(store) == 3


async def test_a_served_desk_prunes_without_logins(
    config: Config, store: Store, clock: Clock
) -> None:
    desk = create_app(config, store, clock=clock)[DESK]
    assert await desk.limits.refusal(desk, "203.0.113.1", "nobody") is None
    clock.now += timedelta(hours=1, minutes=1)
    async with TestServer(create_app(config, store, clock=clock)):
        for _ in range(100):  # it prunes as it starts, in a task of its own
            if not count_rows(store):
                break
            await asyncio.sleep(0.02)
    assert count_rows(store) == 0
