"""A logged-in (or anonymous) HTTP client of the desk that knows its CSRF token, and what the
page a redirect lands on says (notice keys): the desk tests' way of working the desk by HTTP."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime

from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient

from mentiondesk.store import Store
from mentiondesk.web import flash
from mentiondesk.web.common import CASE_NOTICES, NOTICES, SESSION_COOKIE
from tests.desk.seed import PASSWORD

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_NOTICE = re.compile(r'<div class="notice notice-\w+" role="status" id="notice">(.*?)</div>', re.S)
_KEPT_AT = re.compile(r"/(cases|mentions)/\d+\?kept=[\w-]{16,32}")


class Desk:
    """A logged-in (or anonymous) HTTP client that knows its CSRF token."""

    def __init__(self, client: TestClient[web.Request, web.Application]) -> None:
        self.client = client
        self.csrf = ""

    async def login(self, name: str, password: str = PASSWORD) -> int:
        page = await (await self.client.get("/login")).text()
        token = _CSRF.search(page)
        assert token
        form = {"csrf": token.group(1), "name": name, "password": password, "next": "/queue"}
        response = await self.client.post("/login", data=form, allow_redirects=False)
        if response.status == 303:
            self.csrf = await self.token("/queue")
        return response.status

    async def token(self, path: str) -> str:
        found = _CSRF.search(await (await self.client.get(path)).text())
        return found.group(1) if found else ""

    async def post(self, path: str, **form: str) -> web.StreamResponse:
        data = {"csrf": self.csrf, **form}
        return await self.client.post(path, data=data, allow_redirects=False)  # type: ignore[return-value]

    async def said(self, response: web.StreamResponse | ClientResponse) -> str:
        """What the page a redirect (303) lands on says, once: its notice's key as the URL
        carried it before (`approved&case=86`), "" for none. Follows the redirect, so the
        notice is spent; asserts that the Location carries no notice."""
        return notice_key(await self.landed(response))

    async def landed(self, response: web.StreamResponse | ClientResponse) -> str:
        """The page a redirect (303) lands on, with what it says once; asserts that the
        Location carries no notice (flash.py keeps it in the store)."""
        assert response.status == 303, response.status
        location = response.headers["Location"]
        assert "notice=" not in location and "case=" not in location, location
        page = await self.client.get(location, allow_redirects=False)
        assert page.status == 200, page.status
        return await page.text()

    async def follow(self, response: web.StreamResponse | ClientResponse) -> ClientResponse:
        """The GET of the page a refusal redirects to (Post/Redirect/Get), nothing in its URL."""
        assert response.status == 303, response.status
        location = response.headers["Location"]
        assert "?" not in location, location
        return await self.client.get(location, allow_redirects=False)

    async def told(
        self, store: Store, path: str, headers: dict[str, str] | None = None, **said: str
    ) -> str:
        """The page at `path` as a redirect that said `said` (notice=…) lands on it: for the
        words of notices no test action reaches easily."""
        cookie = self.client.session.cookie_jar.filter_cookies(self.client.make_url("/"))
        session_id = hashlib.sha256(cookie[SESSION_COOKIE].value.encode()).hexdigest()
        flash.keep(store, session_id, path, said, datetime.now(UTC))
        return await (await self.client.get(path, headers=headers)).text()

    async def refused(self, path: str, **form: str) -> ClientResponse:
        """Post a form of the case page that the desk refuses: it redirects (303, Post/Redirect/
        Get) to the page, the text nowhere in the URL; return that page, which says why."""
        response = await self.post(path, **form)
        assert response.status == 303, "a refusal redirects to the page that says why"
        location = response.headers["Location"]
        assert _KEPT_AT.fullmatch(location), location  # a token: never the typed text
        page = await self.client.get(location, allow_redirects=False)
        assert page.status == 200
        return page


def notice_key(page: str) -> str:
    """The key of the (English) notice `page` shows: `approved&case=86` for a case's, as the
    URL named it before notices were kept server-side; "" when it shows none."""
    found = _NOTICE.search(page)
    if found is None:
        return ""
    text = html.unescape(found.group(1))
    for key, (_, words) in CASE_NOTICES.items():
        named = re.fullmatch(re.escape(words).replace(r"\{case\}", r"MD-0*(\d+)"), text)
        if named:
            return f"{key}&case={named.group(1)}"
    keys = [key for key, (_, words) in NOTICES.items() if words == text]
    assert keys, f"no notice says {text!r}"
    return keys[0]


def notice_of(page: str, key: str) -> str:
    """`page`, checked to show the notice `key` (notice_key's form)."""
    assert notice_key(page) == key, notice_key(page)
    return page
