"""Security review, CSRF refusals: the refused form's text is shown back only to the desk's
own pages, never as words another site's form put there."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.desk.conftest import Desk

BAIT = "Your desk moved: log in at https://desk-login.evil.example"


@pytest.mark.parametrize(
    ("site", "shown"),
    [("cross-site", False), ("same-site", False), ("same-origin", True), (None, True)],
)
async def test_a_refused_forms_text_is_shown_only_to_its_own_pages(
    server: TestServer, site: str | None, shown: bool
) -> None:
    """No token (another site's form, or a session that ended): refused either way; the
    text comes back to copy when the desk's own page sent it (or nothing says otherwise:
    an old browser), not when the browser says another site's page did."""
    headers = {"Sec-Fetch-Site": site} if site else {}
    async with TestClient(server) as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        response = await client.post(
            "/mentions/1/notes", data={"text": BAIT, "csrf": "x"}, headers=headers
        )
        assert response.status == 403
        page = await response.text()
        assert ("evil.example" in page) is shown
        # Another site's form expired nothing: the page says where it came from.
        expired, refused = "This form has expired" in page, "came from another site" in page
        assert (expired, refused) == (shown, not shown)


@pytest.mark.parametrize(
    ("site", "status"),
    [("cross-site", 403), ("same-site", 403), ("same-origin", 303), (None, 303)],
)
async def test_a_logout_without_a_session_is_another_sites_only_when_it_says_so(
    server: TestServer, site: str | None, status: int
) -> None:
    """A post to /logout with no session cookie: the desk's own page of a session that ended
    (logged out, quietly), or another site's form, whose post the browser sends without the
    cookie (SameSite): its answer must not clear the cookie of a session that goes on."""
    headers = {"Sec-Fetch-Site": site} if site else {}
    async with TestClient(server) as client:
        response = await client.post("/logout", headers=headers, allow_redirects=False)
        assert response.status == status
        clears = "md_session" in response.headers.get("Set-Cookie", "")
        assert clears is (status == 303)
