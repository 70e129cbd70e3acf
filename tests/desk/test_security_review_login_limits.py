"""Security review, login limits: an IPv6 /64 is one address to the per-address limits."""

from __future__ import annotations

import pytest

from tests.desk.conftest import Client
from tests.desk.seed import PASSWORD
from tests.desk.test_login_limits import client as client  # the fixture: behind a proxy, 12 checks
from tests.desk.test_login_limits import login_from


async def _login(client: Client, name: str, password: str, address: str) -> tuple[int, str]:
    return await login_from(client, name, password, address, language="en")


async def test_one_ipv6_subscriber_cannot_keep_everyone_else_out(client: Client) -> None:
    """A home line or a cloud server holds a whole /64: a fresh address for every guess. Each
    must not get the per-address minute anew, or 12 guesses spend the desk's budget and the
    admin, elsewhere, is told the desk is busy."""
    tried = [
        await _login(client, f"nobody{n}", "guess", f"2001:db8:5:6::{n + 1:x}") for n in range(30)
    ]
    assert [status for status, _ in tried] == [401] * 10 + [429] * 20
    assert "from your address" in tried[-1][1]
    assert (await _login(client, "admin", PASSWORD, "2001:db8:ffff:1::7"))[0] == 303


async def test_guesses_at_one_name_from_one_slash_64_lock_the_pair(client: Client) -> None:
    """Five wrong passwords for one name from one /64, each from another address in it: the
    fifteen-minute lock, as from one address."""
    statuses = [
        (await _login(client, "agent", "guess", f"2001:db8:7:8::{n + 1:x}"))[0] for n in range(7)
    ]
    assert statuses == [401] * 5 + [429] * 2
    # Its own right password from there waits too; the agent's from elsewhere does not.
    assert (await _login(client, "agent", PASSWORD, "2001:db8:7:8::99"))[0] == 429
    assert (await _login(client, "agent", PASSWORD, "2001:db8:7:9::1"))[0] == 303


@pytest.mark.parametrize("address", ["203.0.113.70:{port}", "[2001:db8:9::1]:{port}"])
async def test_a_proxy_that_adds_the_port_gives_no_fresh_minute(
    client: Client, address: str
) -> None:
    """Azure's gateway writes the client's port into X-Forwarded-For: each connection has
    another, and each would count as another address."""
    tried = [
        await _login(client, f"nobody{n}", "guess", address.format(port=40000 + n))
        for n in range(11)
    ]
    assert [status for status, _ in tried] == [401] * 10 + [429]
