"""Security audit, response headers: every answer of the desk (a page, an error, a redirect, a
file, a CSV) carries the headers that keep other sites from framing it, holding a handle on
its window, loading its answers into their pages, or using features no desk page needs."""

from __future__ import annotations

import pytest
from aiohttp import ClientResponse

from tests.desk.conftest import Desk

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _secured(response: ClientResponse) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.url.path, name)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    refused = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in refused
    assert "clipboard" not in refused  # the Copy button writes to it


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (None, "/login", 200),
        (None, "/queue", 302),  # to the login page
        (None, "/no-such-page", 404),
        (None, "/static/desk-core.js", 200),
        (None, "/healthz", 200),
        ("agent", "/queue", 200),
        ("agent", "/people", 403),  # an admin's page
        ("manager", "/dashboard.csv", 200),
    ],
)
async def test_every_answer_carries_the_headers(
    anon: Desk, as_role: object, role: str | None, path: str, status: int
) -> None:
    desk = await as_role(role) if role else anon  # type: ignore[operator]
    response = await desk.client.get(path, allow_redirects=False)
    assert response.status == status
    _secured(response)


async def test_a_refused_form_carries_them_too(anon: Desk) -> None:
    response = await anon.client.post("/mentions/1/notes", data={"text": "hi"})
    assert response.status == 403  # no session, no token: the expired form's page
    _secured(response)
