"""Security review, CSRF: every POST route of the desk (but Slack's signed callback) refuses a
logged-in person's request without the session's token, whatever it asks."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from aiohttp import web

from mentiondesk.store import Store
from mentiondesk.web.guards import CSRF_EXEMPT
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _posts(app: web.Application) -> list[str]:
    """Every POST address, its {placeholders} filled with 1."""
    paths = {
        re.sub(r"\{[^}]+\}", "1", route.resource.canonical)
        for route in app.router.routes()
        if route.method == "POST" and route.resource is not None
    }
    return sorted(p for p in paths if p not in CSRF_EXEMPT)


async def test_every_post_needs_the_token(as_role: Login, store: Store) -> None:
    add(store, "Lumora lost my parcel")
    desk = await as_role("admin")
    assert desk.client.app is not None
    posts = _posts(desk.client.app)
    assert len(posts) > 20 and "/login" in posts and "/logout" in posts
    for path in posts:
        for token in ("", "wrong"):
            response = await desk.client.post(
                path, data={"csrf": token, "text": "x"}, allow_redirects=False
            )
            assert response.status in (400, 403), (path, token, response.status)
    still = await desk.client.get("/queue", allow_redirects=False)
    assert still.status == 200  # no forged /logout logged the admin out
