"""Security review behind a reverse proxy: X-Forwarded-Proto is believed only as
X-Forwarded-For is (`[desk] behind_proxy`, from a peer in `[desk] trusted_proxies`), and over
https the session cookie carries the __Host- prefix; plain http (a demo) keeps md_session."""

from __future__ import annotations

import logging
import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from aiohttp import ClientResponse

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from mentiondesk.store import Store
from mentiondesk.web import proxy
from tests.desk.conftest import Client, desk_client, write_desk_config
from tests.desk.seed import PASSWORD
from tests.desk.test_login_limits import CSRF

HTTPS = {"X-Forwarded-Proto": "https"}


async def _login(client: Client, headers: dict[str, str]) -> ClientResponse:
    """Log in as the agent, every request carrying `headers` (as a proxy would add them).
    The login form's cookie goes back by hand: the test client keeps a Secure one to itself
    over its plain http, as a browser would not behind the proxy."""
    form_page = await client.get("/login", headers=headers)
    token = CSRF.search(await form_page.text())
    assert token
    form = {"csrf": token.group(1), "name": "agent", "password": PASSWORD}
    sent = {**headers, "Cookie": f"md_login={_set(form_page)['md_login'].value}"}
    return await client.post("/login", data=form, headers=sent, allow_redirects=False)


def _set(response: ClientResponse) -> SimpleCookie:
    cookies: SimpleCookie = SimpleCookie()
    for line in response.headers.getall("Set-Cookie", []):
        cookies.load(line)
    return cookies


async def test_a_direct_client_cannot_claim_https(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    """No proxy configured: the header is anyone's word, as X-Forwarded-For is."""
    async with desk_client(tmp_path, db_url, store, "behind_proxy = false") as client:
        response = await _login(client, HTTPS)
    assert response.status == 303
    assert "Strict-Transport-Security" not in response.headers
    cookies = _set(response)
    assert "__Host-md_session" not in cookies and not cookies["md_session"]["secure"]


async def test_a_peer_not_in_trusted_proxies_is_not_believed(
    tmp_path: Path,
    db_url: str,
    store: Store,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """behind_proxy, but the connection comes from outside the listed proxies (the test
    client is 127.0.0.1): neither header counts, and the log says which address to add."""
    monkeypatch.setattr(proxy, "_TOLD", set())  # said once a process: not yet, here
    caplog.set_level(logging.WARNING, logger="mentiondesk")
    desk = 'behind_proxy = true\ntrusted_proxies = ["10.0.0.0/8"]'
    headers = {**HTTPS, "X-Forwarded-For": "203.0.113.9"}
    async with desk_client(tmp_path, db_url, store, desk) as client:
        response = await _login(client, headers)
    assert response.status == 303 and "Strict-Transport-Security" not in response.headers
    assert "md_session" in _set(response)
    said = [r.getMessage() for r in caplog.records]
    assert any("127.0.0.1 ignored" in s and "trusted_proxies" in s for s in said)
    assert not any("203.0.113.9" in s for s in said)  # counted as the peer, not the header


async def test_over_https_the_session_cookie_has_the_host_prefix(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    async with desk_client(tmp_path, db_url, store, "behind_proxy = true") as client:
        response = await _login(client, HTTPS)
        assert response.headers["Strict-Transport-Security"]
        assert response.status == 303
        cookie = _set(response)["__Host-md_session"]
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
        token = cookie.value
        # Read under its own name only: a planted plain md_session is nobody over https.
        own = {**HTTPS, "Cookie": f"__Host-md_session={token}"}
        planted = {**HTTPS, "Cookie": f"md_session={token}"}
        assert (await client.get("/queue", headers=own, allow_redirects=False)).status == 200
        assert (await client.get("/queue", headers=planted, allow_redirects=False)).status == 302
        # Log out: the cookie cleared as browsers take it for the prefix (Secure, Path=/).
        page = await (await client.get("/queue", headers=own)).text()
        csrf = CSRF.search(page)
        assert csrf
        out = await client.post(
            "/logout", data={"csrf": csrf.group(1)}, headers=own, allow_redirects=False
        )
        assert out.status == 303
        cleared = _set(out)["__Host-md_session"]
        assert cleared.value == "" and cleared["secure"] and cleared["path"] == "/"
        assert (await client.get("/queue", headers=own, allow_redirects=False)).status == 302


@pytest.mark.parametrize("proxy", ["proxy.internal", "10.0.0.0/33", ""])
def test_a_trusted_proxy_that_is_no_address_is_a_config_error(
    tmp_path: Path, db_url: str, proxy: str
) -> None:
    desk = f'behind_proxy = true\ntrusted_proxies = ["{proxy}"]'
    with pytest.raises(ConfigError) as info:
        load_config(write_desk_config(tmp_path, db_url, desk))
    said = str(info.value)
    assert "desk.trusted_proxies" in said and f"{proxy!r} is not an IP address" in said
    assert re.search(r'trusted_proxies = \["127\.0\.0\.1", "::1"\]', said)


def test_trusted_proxies_take_addresses_and_networks(tmp_path: Path, db_url: str) -> None:
    desk = 'behind_proxy = true\ntrusted_proxies = ["10.1.2.3", "fd00::/8"]'
    config = load_config(write_desk_config(tmp_path, db_url, desk))
    assert config.settings.desk.trusted_proxies == ("10.1.2.3", "fd00::/8")
