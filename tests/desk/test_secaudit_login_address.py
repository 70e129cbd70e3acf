"""Security audit, login limits: one address trying name after name (password spraying) is
locked for the hour after `3 * login_attempts_per_address` failures; before, the minute's
limit alone let it guess 600 times an hour and lock every name of the desk, the admins' too."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Client, Clock, desk_client
from tests.desk.seed import PASSWORD
from tests.desk.test_login_limits import login_from

SPRAYER = "203.0.113.66"
CAP = 30  # 3 × the default 10 attempts a minute from one address


@pytest.fixture
async def client(tmp_path: Path, db_url: str, store: Store, clock: Clock) -> AsyncIterator[Client]:
    desk = "behind_proxy = true\nlogin_attempts_per_minute = 1000"
    async with desk_client(tmp_path, db_url, store, desk, clock=clock) as client:
        yield client


async def _spray(client: Client, clock: Clock, count: int, first: int = 0) -> list[int]:
    """`count` wrong passwords from SPRAYER, each at another name, under the minute's limit."""
    statuses = []
    for n in range(first, first + count):
        clock.now += timedelta(seconds=7)
        statuses.append((await login_from(client, f"name{n}", "Summer2026!", SPRAYER))[0])
    return statuses


async def test_an_address_that_sprays_names_is_locked_for_the_hour(
    client: Client, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mentiondesk")
    assert await _spray(client, clock, CAP) == [401] * CAP
    clock.now += timedelta(seconds=7)
    status, page = await login_from(client, "admin", PASSWORD, SPRAYER)  # even a right one
    assert status == 429
    assert "a partir do seu endereço. Espere uma hora" in page
    status, page = await login_from(client, "admin", PASSWORD, SPRAYER, language="pt-PT")
    assert status == 429 and "Aguarde uma hora" in page
    # Only that address: the admin, elsewhere, gets in; the names it tried are not locked.
    assert (await login_from(client, "admin", PASSWORD, "192.0.2.8"))[0] == 303
    told = [r.getMessage() for r in caplog.records if "refusing that address" in r.getMessage()]
    assert told == [
        f"desk: {CAP} failed sign-ins in an hour from {SPRAYER}; refusing that address for now"
    ]
    clock.now += timedelta(hours=1, seconds=1)
    assert (await login_from(client, "admin", PASSWORD, SPRAYER))[0] == 303


async def test_typos_a_person_then_got_past_do_not_count(client: Client, clock: Clock) -> None:
    """An office behind one NAT address: its people's typos, each followed by the right
    password, are forgiven; they never add up to a lock of the whole office."""
    assert await _spray(client, clock, CAP - 5) == [401] * (CAP - 5)
    for _ in range(4):
        clock.now += timedelta(seconds=7)
        assert (await login_from(client, "agent", "typo", SPRAYER))[0] == 401
    assert (await login_from(client, "agent", PASSWORD, SPRAYER))[0] == 303
    # 25 failures left: five more, then the lock.
    assert await _spray(client, clock, 6, first=100) == [401] * 5 + [429]
