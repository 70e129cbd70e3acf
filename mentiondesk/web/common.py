"""What every desk page shares: the desk's state, rendering, role checks (its notices' words are
notices.py's, its error pages errors.py's)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote

import jinja2
from aiohttp import web

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.tables import case_number
from mentiondesk.web.flash import SAID, Said
from mentiondesk.web.form_values import is_id, is_number
from mentiondesk.web.i18n import negotiate
from mentiondesk.web.login_limits import LoginLimits
from mentiondesk.web.notices import CASE_NOTICES as CASE_NOTICES
from mentiondesk.web.notices import DECIDED_KEPT as DECIDED_KEPT
from mentiondesk.web.notices import DNC as DNC
from mentiondesk.web.notices import DNC_HELD as DNC_HELD
from mentiondesk.web.notices import EDITED_KEPT as EDITED_KEPT
from mentiondesk.web.notices import NO_SUCH_NUMBER as NO_SUCH_NUMBER
from mentiondesk.web.notices import NOTICES as NOTICES
from mentiondesk.web.notices import REPLY_KEPT as REPLY_KEPT
from mentiondesk.web.sessions import Session
from mentiondesk.web.source_banner import banner
from mentiondesk.web.users import Role
from playbooks import Playbook

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
P = ParamSpec("P")
T = TypeVar("T")

SESSION_COOKIE = "md_session"
LOGIN_COOKIE = "md_login"


@dataclass
class Desk:
    """The state the desk's handlers share (one per application)."""

    config: Config
    store: Store
    clock: Callable[[], datetime]
    templates: jinja2.Environment
    playbook: Playbook
    limits: LoginLimits
    session_ttl: timedelta
    on_queued: Callable[[str], Awaitable[None]] | None
    facets: tuple[float, dict[str, list[str]]] | None = None  # (monotonic time, values)

    async def db(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking store call off the event loop (the pipeline shares the loop)."""
        return await asyncio.to_thread(fn, *args, **kwargs)


DESK = web.AppKey("desk", Desk)
SESSION: web.RequestKey[Session | None] = web.RequestKey("session")


def session(request: web.Request) -> Session:
    current: Session | None = request[SESSION]
    assert current is not None, "handlers behind require() always have a session"
    return current


def render(request: web.Request, name: str, status: int = 200, **context: Any) -> web.Response:
    """Render a page; `context` may set `path`, `path_qs` and `notice` itself (a page shown
    in answer to a POST: the page it stands for, and why it is shown again)."""
    desk = request.app[DESK]
    current: Session | None = request.get(SESSION)
    values: dict[str, Any] = {
        "user": current.user if current else None,
        "csrf": current.csrf if current else "",
        "Role": Role,
        "brand": desk.config.brand.name,
        "path": request.path,
        "path_qs": request.path_qs,
        **_notice(said(request)),
        "now": desk.clock(),
        **negotiate(request).template_context(),
        **banner(request),
    }
    text = desk.templates.get_template(name).render({**values, **context})
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def said(request: web.Request) -> Mapping[str, Any]:
    """What this GET's page was told to say by the redirect that led here ({}: nothing)."""
    told: Mapping[str, Any] = request.get(SAID, {})
    return told


def _notice(said: Mapping[str, Any]) -> dict[str, Any]:
    """The page's notice, and the values its text is filled with (base.html)."""
    key, case, typed = (str(said.get(name, "")) for name in ("notice", "case", "number"))
    if key == "no-such-case" and typed.strip():  # what was typed, said back (pages_find)
        return {"notice": NO_SUCH_NUMBER, "notice_values": {"number": typed.strip()[:40]}}
    if key in CASE_NOTICES and is_number(case):
        return {"notice": CASE_NOTICES[key], "notice_values": {"case": case_number(int(case))}}
    return {"notice": NOTICES.get(key), "notice_values": {}}


def require(role: Role) -> Callable[[Handler], Handler]:
    """Server-side role check: no session → login page (GET) or 401; too low a role → 403."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def checked(request: web.Request) -> web.StreamResponse:
            current: Session | None = request[SESSION]
            if current is None:
                if request.method == "GET":
                    raise web.HTTPFound("/login?next=" + quote(request.path_qs, safe=""))
                raise web.HTTPUnauthorized(text="log in first")
            if current.user.role < role:
                raise web.HTTPForbidden(text=f"This page needs the {role.title} role.")
            return await handler(request)

        checked.required_role = role  # type: ignore[attr-defined]
        return checked

    return wrap


def int_param(request: web.Request, name: str) -> int:
    """A numeric path parameter; anything else (a number larger than any id too) is a 404,
    not a 500."""
    text = request.match_info[name]
    if not is_id(text):
        raise web.HTTPNotFound()
    return int(text)


def redirect(
    location: str, notice: str | None = None, *, case: int | None = None, **also: str | int
) -> Said:
    """See `location`, whose next GET in this session says `notice` once (flash.py), naming
    `case` where CASE_NOTICES has words for it; `also`: `withdrawn` (a count of drafts) and
    `assignee` (whom Assign chose), for case_notices; `number` (the case number typed,
    pages_find)."""
    said = {"notice": notice, **{k: str(v) for k, v in also.items()}} if notice else {}
    if said and case is not None and notice in CASE_NOTICES:
        said["case"] = str(case)
    return Said(location, said)


def safe_next(value: str | None, default: str = "/queue") -> str:
    """Only local paths: an open redirect after login would be a phishing aid.

    Control characters are refused too: URL parsers (yarl building the Location header, and
    browsers) drop tabs and newlines, so ?next=/%09/evil.example would leave as
    "//evil.example", another site.
    """
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ch < " " or ch == "\x7f" for ch in value):
        return default
    return value
