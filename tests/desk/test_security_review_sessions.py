"""Security review, sessions: a login rotates the session id the browser held before."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.web.common import LOGIN_COOKIE, SESSION_COOKIE
from tests.desk.conftest import Client, Desk
from tests.desk.seed import PASSWORD


def _cookie(client: Client, name: str) -> str:
    return next(c.value for c in client.session.cookie_jar if c.key == name)


async def _log_in_again(client: Client, name: str) -> int:
    """Log in from the login page of a browser that already has a session."""
    await client.get("/login")
    form = {"csrf": _cookie(client, LOGIN_COOKIE), "name": name, "password": PASSWORD}
    response = await client.post("/login", data=form, allow_redirects=False)
    return response.status


async def test_a_login_ends_the_session_the_browser_had(server: TestServer) -> None:
    """A shared computer: the agent left without logging out, the manager logs in on it.
    The agent's session id must end then, not live on for its 12 hours (whoever copied it,
    or planted it, keeps no way in)."""
    async with TestClient(server) as browser, TestClient(server) as thief:
        assert await Desk(browser).login("agent") == 303
        before = _cookie(browser, SESSION_COOKIE)
        assert await _log_in_again(browser, "manager") == 303
        after = _cookie(browser, SESSION_COOKIE)
        assert after != before
        replayed = await thief.get(
            "/queue", cookies={SESSION_COOKIE: before}, allow_redirects=False
        )
        assert replayed.status == 302  # to the login page: that session is over
        assert replayed.headers["Location"].startswith("/login")
        # The new one works.
        page = await browser.get("/queue", allow_redirects=False)
        assert page.status == 200


async def _stale_tab(client: Client) -> str:
    """Log in, keep the page's token (a tab left open), log in again in another tab of the
    same browser; return the old page's token."""
    desk = Desk(client)
    assert await desk.login("agent") == 303
    assert await _log_in_again(client, "agent") == 303
    return desk.csrf


def _origin(client: Client) -> str:
    return str(client.make_url("/")).rstrip("/")


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/logout", {"Sec-Fetch-Site": "same-origin"}),  # what browsers say over https
        ("/logout", {"Origin": "ORIGIN"}),  # plain http to a named host: Origin only
        ("/logout/everywhere", {"Sec-Fetch-Site": "same-origin"}),
    ],
)
async def test_log_out_from_a_tab_older_than_the_session(
    server: TestServer, path: str, headers: dict[str, str]
) -> None:
    """Log out pressed on a desk page loaded before the person logged in again elsewhere:
    it logs them out, not "form expired" with the session still open behind it."""
    async with TestClient(server) as client:
        stale = await _stale_tab(client)
        sent = {k: v.replace("ORIGIN", _origin(client)) for k, v in headers.items()}
        response = await client.post(
            path, data={"csrf": stale}, headers=sent, allow_redirects=False
        )
        assert response.status == 303
        assert response.headers["Location"] == "/login"
        queue = await client.get("/queue", allow_redirects=False)
        assert queue.status == 302  # logged out


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site"},  # a neighbour subdomain's page
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {},  # nothing says where it came from
    ],
)
async def test_a_forged_logout_still_needs_the_token(
    server: TestServer, headers: dict[str, str]
) -> None:
    """Another site's form (or a script with no Origin) cannot log a person out."""
    async with TestClient(server) as client:
        stale = await _stale_tab(client)
        for path in ("/logout", "/logout/everywhere"):
            response = await client.post(
                path, data={"csrf": stale}, headers=headers, allow_redirects=False
            )
            assert response.status == 403
        queue = await client.get("/queue", allow_redirects=False)
        assert queue.status == 200  # still logged in
