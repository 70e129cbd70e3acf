"""Security audit, a chain of proxies (a load balancer in front of nginx, both in `[desk]
trusted_proxies`, `proxy_hops = 2`): the login limits count the client's address, not the
balancer's; and no hop further left than the chain's own is believed."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.web.proxy import forwarded_client
from tests.desk.conftest import desk_app, write_desk_config
from tests.desk.seed import PASSWORD

Client = TestClient[web.Request, web.Application]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_TRUSTED = 'behind_proxy = true\ntrusted_proxies = ["127.0.0.1", "::1", "10.0.0.0/8"]'
_BALANCER = "10.0.0.5"  # the outer proxy: nginx (the test client, 127.0.0.1) appends it


async def _login(client: Client, password: str, forwarded_for: str) -> int:
    page = await (await client.get("/login")).text()
    token = _CSRF.search(page)
    assert token
    form = {"csrf": token.group(1), "name": "agent", "password": password, "next": "/queue"}
    headers = {"X-Forwarded-For": forwarded_for}
    response = await client.post("/login", data=form, headers=headers, allow_redirects=False)
    client.session.cookie_jar.clear()
    return response.status


@pytest.fixture
async def client(
    request: pytest.FixtureRequest, store: Store, tmp_path: Path, db_url: str
) -> AsyncIterator[Client]:
    desk = f"{_TRUSTED}\nproxy_hops = {request.param}"
    config = load_config(write_desk_config(tmp_path, db_url, desk))
    async with TestServer(desk_app(config, store)) as server, TestClient(server) as client:
        yield client


@pytest.mark.parametrize("client", [2], indirect=True)
async def test_one_clients_typos_through_a_chain_lock_only_that_client(client: Client) -> None:
    """Five wrong passwords from one customer of the balancer lock that customer's pair, not
    the agent's logins from every other address (all of them seen as the balancer's)."""
    for _ in range(5):
        assert await _login(client, "wrong password", f"203.0.113.7, {_BALANCER}") == 401
    assert await _login(client, PASSWORD, f"203.0.113.7, {_BALANCER}") == 429
    assert await _login(client, PASSWORD, f"198.51.100.20, {_BALANCER}") == 303


@pytest.mark.parametrize("client", [2], indirect=True)
async def test_a_client_cannot_hide_behind_forged_hops(client: Client) -> None:
    """The hops left of the chain's own are the client's word: a forged trusted "10.0.0.9"
    and a forged address before it give no fresh guesses."""
    for n in range(5):
        forged = f"192.0.2.{n}, 10.0.0.9, 203.0.113.7, {_BALANCER}"
        assert await _login(client, "wrong password", forged) == 401
    assert await _login(client, PASSWORD, f"203.0.113.7, {_BALANCER}") == 429


@pytest.mark.parametrize("client", [1], indirect=True)
async def test_one_proxy_believes_its_own_hop_only(client: Client) -> None:
    """nginx alone (the default), its staff network in trusted_proxies: someone on it who
    writes another address in front of their own gets no fresh guesses."""
    for n in range(5):
        assert await _login(client, "wrong password", f"203.0.113.{n}, 10.20.30.40") == 401
    assert await _login(client, PASSWORD, "198.51.100.1, 10.20.30.40") == 429


@pytest.mark.parametrize(
    ("hops", "depth", "client_address"),
    [
        (["203.0.113.7", "10.0.0.5"], 1, "10.0.0.5"),  # one proxy: its hop, as it is
        (["203.0.113.7", "10.0.0.5"], 2, "203.0.113.7"),
        (["198.51.100.1", "203.0.113.7", "10.0.0.5"], 3, "203.0.113.7"),  # a client's hop
        (["10.0.0.9", "10.0.0.8", "10.0.0.5"], 2, "10.0.0.8"),  # never past the chain's own
        (["10.0.0.8"], 2, "10.0.0.8"),  # straight to nginx from inside: the left-most
        (["198.51.100.1", "203.0.113.7"], 2, "203.0.113.7"),  # straight to nginx
        (["203.0.113.7", ""], 2, ""),  # no address from the proxy: the peer's, then
        ([" 203.0.113.7 ", " 10.0.0.5"], 2, "203.0.113.7"),
    ],
)
def test_the_client_is_the_hop_the_chain_appended_first(
    hops: list[str], depth: int, client_address: str
) -> None:
    assert forwarded_client(hops, ("10.0.0.0/8",), depth) == client_address
