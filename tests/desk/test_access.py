"""Access control over HTTP: every route checks the role server-side; CSRF; sessions; login."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk import saved_desk
from mentiondesk.config import Config
from mentiondesk.saved_replies import SavedReply
from mentiondesk.store import Store
from mentiondesk.web import create_app, pages_login, users
from tests.desk.conftest import Desk, desk_client
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PUBLIC = {
    "/",
    "/login",
    "/logout",
    "/favicon.ico",
    "/static/{name}",  # the desk's style, script and icon
    "/lang/{code}",
    "/healthz",
}  # the switch: login page too

# (method, path template, the lowest role allowed)
ROUTES = [
    ("GET", "/queue", "agent"),
    ("GET", "/cases/{case}", "agent"),
    ("GET", "/mentions/{mention}", "agent"),
    ("POST", "/drafts/{draft}/save", "agent"),
    ("POST", "/drafts/{draft}/restore", "agent"),
    ("POST", "/drafts/{draft}/posted", "agent"),  # Mark as posted: approving, by hand
    ("POST", "/mentions/{mention}/notes", "agent"),
    ("POST", "/mentions/{mention}/reply", "agent"),  # sent at once, as approving a draft
    ("POST", "/mentions/{mention}/correct", "agent"),
    ("POST", "/mentions/{mention}/do-not-contact", "agent"),
    ("POST", "/mentions/{mention}/allow-contact", "manager"),  # lets DMs reach them again
    ("POST", "/cases/{case}/assign", "manager"),  # to someone else: an agent may take it
    ("GET", "/dashboard", "manager"),
    ("GET", "/dashboard.csv", "manager"),
    ("GET", "/playbooks", "manager"),
    ("GET", "/drafts/bulk-reject", "manager"),  # previews what a rule left waiting
    ("POST", "/drafts/bulk-reject", "manager"),  # rejects the drafts a preview listed
    ("GET", "/people", "admin"),
    ("POST", "/people", "admin"),
    ("POST", "/people/disable", "admin"),
    ("POST", "/people/enable", "admin"),
    ("POST", "/people/password", "admin"),
    ("GET", "/saved-replies", "manager"),
    ("POST", "/saved-replies", "manager"),  # adds the form's reply ("new-one")
    ("GET", "/saved-replies/{saved}", "manager"),
    ("POST", "/saved-replies/{saved}", "manager"),
    ("GET", "/saved-replies/{saved}/delete", "manager"),
    ("POST", "/saved-replies/{saved}/delete", "manager"),
    ("POST", "/logout/everywhere", "agent"),
]
RANK = {"agent": 1, "manager": 2, "admin": 3}


def test_every_route_declares_a_role(config: Config, store: Store) -> None:
    app = create_app(config, store)
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter") or ""
        if path in PUBLIC or "prefix" in info or route.method == "HEAD":
            continue
        assert hasattr(route.handler, "required_role"), f"{route.method} {path} has no role check"


def _fill(path: str, ids: dict[str, int | str]) -> str:
    return path.format(**ids)


@pytest.fixture
def ids(store: Store) -> dict[str, int | str]:
    """What the routes name: a mention, its case and draft, a saved reply made in the desk
    and its version (the edit and delete forms carry it)."""
    mention, case, draft = add(store, "My parcel is lost")
    assert case
    assert draft
    reply = SavedReply(id="thanks", title="Thanks", lang="en", text="Thanks, {{ agent }}")
    saved_desk.add_reply(store, reply, by="test", reserved=())
    stored = saved_desk.stored_reply(store, "thanks")
    assert stored
    ids: dict[str, int | str] = {"mention": mention, "case": case, "draft": draft}
    return {**ids, "saved": stored.id, "seen": stored.version}


@pytest.mark.parametrize(("method", "path", "lowest"), ROUTES)
@pytest.mark.parametrize("role", ["agent", "manager", "admin"])
async def test_role_is_checked(
    as_role: Login, ids: dict[str, int | str], method: str, path: str, lowest: str, role: str
) -> None:
    desk = await as_role(role)
    url = _fill(path, ids)
    if method == "GET":
        response = await desk.client.get(url, allow_redirects=False)
    else:
        form = {"text": "hi there", "label": "neutral", "assignee": "manager", "name": ""}
        if path.startswith("/saved-replies"):  # the reply as the page showed it
            form |= {"id": "new-one", "title": "Hi", "lang": "en", "seen": str(ids["seen"])}
        response = await desk.post(url, **form)
    if RANK[role] < RANK[lowest]:
        assert response.status == 403
    elif path.endswith("/posted"):  # past the role check: an X draft is approved, not marked
        assert response.status == 303 and "?kept=" in response.headers["Location"]
    elif (method, path) == ("POST", "/people"):  # past the role check: "" refused as a name
        assert 'id="person-refusal"' in await (await desk.follow(response)).text()
    else:
        assert response.status in (200, 303), await response.text()


@pytest.mark.parametrize(("method", "path", "lowest"), ROUTES)
async def test_anonymous_is_sent_to_login(
    anon: Desk, ids: dict[str, int | str], method: str, path: str, lowest: str
) -> None:
    url = _fill(path, ids)
    if method == "GET":
        response = await anon.client.get(url, allow_redirects=False)
        assert response.status == 302
        assert response.headers["Location"].startswith("/login?next=")
    else:
        response = await anon.client.post(url, data={"csrf": "x"}, allow_redirects=False)
        assert response.status == 403


async def test_post_without_csrf_token_is_refused(
    as_role: Login, ids: dict[str, int | str]
) -> None:
    desk = await as_role("admin")
    url = f"/drafts/{ids['draft']}/approve"
    response = await desk.client.post(url, data={"text": "x"}, allow_redirects=False)
    assert response.status == 403
    assert "form has expired" in await response.text()
    wrong = await desk.client.post(url, data={"csrf": "forged"}, allow_redirects=False)
    assert wrong.status == 403


async def test_wrong_password_then_throttled(anon: Desk) -> None:
    for _ in range(5):
        assert await anon.login("agent", "wrong password") == 401
    assert await anon.login("agent") == 429  # even the right password, for a while


async def test_padding_the_name_gets_no_fresh_guesses(anon: Desk) -> None:
    # The login strips the name, so " agent" is agent: it must count against the same limit.
    for padded in ("agent", " agent", "agent ", "\tagent", "  agent  "):
        assert await anon.login(padded, "wrong password") == 401
    assert await anon.login(" agent ") == 429
    assert await anon.login("agent") == 429


async def test_guesses_sent_at_once_are_throttled_too(
    anon: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []

    def slow(store: Store, name: str, password: str) -> users.User | None:
        tried.append(password)
        time.sleep(0.05)  # argon2's real cost: the guesses overlap while it runs
        return users.authenticate(store, name, password)

    monkeypatch.setattr(pages_login, "authenticate", slow)
    page = await (await anon.client.get("/login")).text()
    token = page.split('name="csrf" value="')[1].split('"')[0]
    forms = [{"csrf": token, "name": "agent", "password": f"guess {i}"} for i in range(12)]
    answers = await asyncio.gather(
        *(anon.client.post("/login", data=form, allow_redirects=False) for form in forms)
    )
    assert sorted(a.status for a in answers) == [401] * 5 + [429] * 7
    assert len(tried) == 5


async def test_cookie_flags_and_security_headers(tmp_path: Path, db_url: str, store: Store) -> None:
    # Over https, as the (trusted, local) proxy says: the cookie is the __Host- one.
    async with desk_client(tmp_path, db_url, store, "behind_proxy = true") as client:
        page = await (await client.get("/login")).text()
        token = page.split('name="csrf" value="')[1].split('"')[0]
        form = {"csrf": token, "name": "agent", "password": "correct horse battery"}
        response = await client.post(
            "/login", data=form, headers={"X-Forwarded-Proto": "https"}, allow_redirects=False
        )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-md_session=")
    for flag in ("HttpOnly", "SameSite=Lax", "Secure", "Path=/"):
        assert flag in cookie
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


async def test_the_icon_is_served_to_anyone(anon: Desk) -> None:
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = await anon.client.get(path, allow_redirects=False)
        assert response.status == 200, path
        assert response.content_type == "image/svg+xml"
        assert (await response.text()).startswith("<svg")


async def test_logout_ends_the_session(as_role: Login) -> None:
    desk = await as_role("agent")
    assert (await desk.post("/logout")).status == 303
    response = await desk.client.get("/queue", allow_redirects=False)
    assert response.status == 302


async def test_session_expires(config: Config, store: Store) -> None:
    now = [datetime.now(UTC)]
    app = create_app(config, store, clock=lambda: now[0], session_ttl=timedelta(hours=1))
    async with TestClient(TestServer(app)) as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        assert (await client.get("/queue", allow_redirects=False)).status == 200
        now[0] += timedelta(hours=2)
        assert (await client.get("/queue", allow_redirects=False)).status == 302


async def test_logging_out_after_the_session_ended_clears_the_cookie(
    config: Config, store: Store
) -> None:
    now = [datetime.now(UTC)]
    app = create_app(config, store, clock=lambda: now[0], session_ttl=timedelta(hours=12))
    async with TestClient(TestServer(app)) as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        # With a live session, logging out still needs its token (no forced logouts).
        assert (await client.post("/logout", allow_redirects=False)).status == 403
        now[0] += timedelta(hours=13)  # the tab left open overnight, then "Log out"
        response = await desk.post("/logout")
        assert response.status == 303
        assert response.headers["Location"] == "/login"
        assert 'md_session=""' in response.headers["Set-Cookie"]
        assert "md_session" not in client.session.cookie_jar.filter_cookies(client.make_url("/"))


async def test_login_redirects_only_to_local_paths(anon: Desk) -> None:
    page = await (await anon.client.get("/login")).text()
    token = page.split('name="csrf" value="')[1].split('"')[0]
    form = {"csrf": token, "name": "agent", "password": "correct horse battery"}
    form["next"] = "//evil.example/steal"
    response = await anon.client.post("/login", data=form, allow_redirects=False)
    assert response.headers["Location"] == "/queue"


@pytest.mark.parametrize(
    "away", ["/\t/evil.example/steal", "/\n/evil.example", "/\r\n/evil.example"]
)
async def test_login_refuses_next_paths_that_parsers_turn_into_another_site(
    anon: Desk, away: str
) -> None:
    # yarl and browsers drop tabs and newlines: "/\t/evil.example" would be "//evil.example".
    page = await (await anon.client.get("/login")).text()
    token = page.split('name="csrf" value="')[1].split('"')[0]
    form = {"csrf": token, "name": "agent", "password": "correct horse battery", "next": away}
    response = await anon.client.post("/login", data=form, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/queue"


async def test_signed_callbacks_skip_the_csrf_check(config: Config, store: Store) -> None:
    async def slack(request: web.Request) -> web.Response:
        return web.Response(text="handled by its own signature check")

    app = create_app(config, store)
    app.router.add_post("/slack/actions", slack)
    async with TestClient(TestServer(app)) as client:
        response = await client.post("/slack/actions", data={"payload": "{}"})
        assert await response.text() == "handled by its own signature check"


async def test_health_needs_no_login_and_names_only_counts(anon: Desk, store: Store) -> None:
    add(store, "My parcel is lost, Ana Souza here")
    response = await anon.client.get("/healthz", allow_redirects=False)
    assert response.status == 200
    body = await response.json()
    assert body == {
        "status": "ok",
        "unread_mentions": 0,
        "outbox_waiting": 0,
        "outbox_oldest_waiting_seconds": None,
        "outbox_held": 0,
    }
    with store.engine.begin() as conn:  # the store breaks: a supervisor sees it at once
        conn.execute(sa.text("ALTER TABLE outbox RENAME TO outbox_gone"))
    broken = await anon.client.get("/healthz")
    assert broken.status == 503 and (await broken.json())["status"] == "error"
