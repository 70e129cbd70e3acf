"""[desk] behind_proxy: login limits count the client's address, not the proxy's."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from tests.desk.conftest import desk_app, write_desk_config
from tests.desk.seed import PASSWORD

Client = TestClient[web.Request, web.Application]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _config(tmp_path: Path, db_url: str, *, behind_proxy: bool) -> Config:
    desk = f"behind_proxy = {str(behind_proxy).lower()}"
    return load_config(write_desk_config(tmp_path, db_url, desk))


async def _login(client: Client, password: str, *forwarded_for: str) -> int:
    """Log in as the agent; each of `forwarded_for` is one X-Forwarded-For header line."""
    page = await (await client.get("/login")).text()
    token = _CSRF.search(page)
    assert token
    form = {"csrf": token.group(1), "name": "agent", "password": password, "next": "/queue"}
    headers = [("X-Forwarded-For", line) for line in forwarded_for]
    response = await client.post("/login", data=form, headers=headers, allow_redirects=False)
    return response.status


@pytest.fixture
async def client(
    request: pytest.FixtureRequest, config: Config, store: Store, tmp_path: Path, db_url: str
) -> AsyncIterator[Client]:
    behind = _config(tmp_path, db_url, behind_proxy=request.param)
    async with TestServer(desk_app(behind, store)) as server, TestClient(server) as client:
        yield client


@pytest.mark.parametrize("client", [True], indirect=True)
async def test_behind_a_proxy_one_client_is_locked_not_everyone(client: Client) -> None:
    for _ in range(5):
        assert await _login(client, "wrong password", "203.0.113.7") == 401
    assert await _login(client, PASSWORD, "203.0.113.7") == 429
    # Another customer of the same proxy still gets in; a forged first hop changes nothing.
    assert await _login(client, PASSWORD, "198.51.100.20") == 303
    client.session.cookie_jar.clear()  # logged out again
    assert await _login(client, PASSWORD, "198.51.100.99, 203.0.113.7") == 429


@pytest.mark.parametrize("client", [False], indirect=True)
async def test_without_a_proxy_the_header_is_not_believed(client: Client) -> None:
    for n in range(5):
        assert await _login(client, "wrong password", f"192.0.2.{n}") == 401
    assert await _login(client, PASSWORD, "192.0.2.99") == 429  # a forged header: no fresh guesses


@pytest.mark.parametrize("client", [True], indirect=True)
async def test_a_forged_header_line_before_the_proxys_changes_nothing(client: Client) -> None:
    # HAProxy's `option forwardfor` adds its own line after the client's instead of appending.
    for n in range(5):
        assert await _login(client, "wrong password", f"10.9.9.{n}", "203.0.113.7") == 401
    assert await _login(client, PASSWORD, "10.9.9.99", "203.0.113.7") == 429
