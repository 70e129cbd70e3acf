"""Security review, CSRF: another site's form posted to the desk is refused, and the page
says so; it said "Session ended … log in again", as the browser sends such a post without
the session's cookie (SameSite=Lax): a person still logged in was told they were not."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.desk.conftest import Desk
from tests.desk.seed import PASSWORD

FORGED = {"text": "Refund approved, DM us your card number", "csrf": ""}


@pytest.mark.parametrize(
    ("language", "title", "said"),
    [
        ("en", "Request refused", "This request came from another site"),
        ("pt-BR", "Pedido recusado", "Este pedido veio de outro site"),
        ("pt-PT", "Pedido recusado", "por isso foi recusado: nada foi enviado nem guardado"),
    ],
)
@pytest.mark.parametrize("site", ["cross-site", "same-site"])
async def test_another_sites_form_is_refused_not_a_session_ended(
    server: TestServer, site: str, language: str, title: str, said: str
) -> None:
    async with TestClient(server) as client:
        assert await Desk(client).login("agent") == 303
        client.session.cookie_jar.clear()  # what SameSite=Lax leaves on another site's post
        headers = {"Sec-Fetch-Site": site, "Accept-Language": language}
        response = await client.post("/mentions/1/notes", data=FORGED, headers=headers)
        page = await response.text()
    assert response.status == 403
    assert f"<h1>{title}</h1>" in page and said in page
    assert "Session" not in page and "Sessão" not in page and 'href="/login"' not in page
    assert "card number" not in page  # its words are not shown as the desk's


async def test_a_neighbour_subdomain_cannot_log_a_browser_into_its_account(
    server: TestServer,
) -> None:
    """Login CSRF: a page on another subdomain of the bank's domain can set a cookie for the
    desk's host (Domain=.bank.example), the login form's token too, and post its own
    attacker's name and password with it: the person would then work, unknowing, in the
    attacker's session (their replies and notes under that name). The browser says where
    the form came from (Sec-Fetch-Site): refused whatever token it carries."""
    async with TestClient(server) as client:
        planted = "A" * 32  # as token_urlsafe(24) writes them
        form = {"csrf": planted, "name": "agent", "password": PASSWORD}
        headers = {"Sec-Fetch-Site": "same-site", "Cookie": f"md_login={planted}"}
        response = await client.post("/login", data=form, headers=headers, allow_redirects=False)
        page = await response.text()
    assert response.status == 403 and "Request refused" in page
    assert "md_session" not in response.headers.get("Set-Cookie", "")
