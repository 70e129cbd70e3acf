"""The desk's aiohttp application: factory, middlewares (security headers, sessions, CSRF)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web
from multidict import MultiDictProxy

from mentiondesk import saved_replies
from mentiondesk.config import Config
from mentiondesk.models import Brand
from mentiondesk.source_states import stopped_now
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.web import (
    flash,
    health,
    pages_admin,
    pages_case,
    pages_casework,
    pages_dash,
    pages_find,
    pages_login,
    pages_queue,
    pages_saved,
    static_files,
)
from mentiondesk.web.common import (
    DESK,
    LOGIN_COOKIE,
    SESSION,
    SESSION_COOKIE,
    Desk,
    Handler,
    is_https,
)
from mentiondesk.web.errors import FormExpired, render_error, render_expired
from mentiondesk.web.flash import SAID, Said, landing
from mentiondesk.web.form_values import typed
from mentiondesk.web.i18n import SITE_LANGUAGE, ZONE
from mentiondesk.web.login_limits import LoginLimits
from mentiondesk.web.saved_picker import SAVED
from mentiondesk.web.sessions import load_session, same_token
from mentiondesk.web.source_banner import STOPPED
from mentiondesk.web.template_globals import template_globals
from mentiondesk.web.users import Role, dummy_hash
from playbooks import Playbook

_LOGGER = logging.getLogger(__name__)
_HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that authenticate each request themselves (Slack signs its callbacks), not by cookie.
CSRF_EXEMPT = ("/slack/actions",)
# Routes for machines, which answer errors in their own format (JSON), not as a page.
_OWN_FORMAT = ("/healthz", *CSRF_EXEMPT)


_PAGES = (
    health,
    pages_login,
    pages_queue,
    pages_case,
    pages_casework,
    pages_dash,
    pages_admin,
    pages_saved,
    pages_find,
)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def create_app(
    config: Config,
    store: Store,
    *,
    clock: Callable[[], datetime] = _utcnow,
    playbook: Playbook | None = None,
    on_queued: Callable[[str], Awaitable[None]] | None = None,
    session_ttl: timedelta = timedelta(hours=12),
) -> web.Application:
    """The desk as an aiohttp application; mount more routes on it before serving.

    `on_queued(key)` is awaited after the desk put an action in the outbox (an approved
    reply, an escalation) so the caller can wake its outbox worker.
    """
    if playbook is None:
        from mentiondesk.playbook_build import build_playbook

        playbook = build_playbook(config)
    dummy_hash()  # made now, so that the first failed login takes as long as any other
    middlewares = [_headers, _errors, _address, _session, _banner, _flash, _csrf]
    app = web.Application(middlewares=middlewares, client_max_size=256 * 1024)
    app[DESK] = Desk(
        config=config,
        store=store,
        clock=clock,
        templates=_templates(clock, config.brand),
        playbook=playbook,
        limits=LoginLimits(
            clock,
            per_minute=config.settings.desk.login_attempts_per_minute,
            per_address=config.settings.desk.login_attempts_per_address,
        ),
        session_ttl=session_ttl,
        on_queued=on_queued,
    )
    app.cleanup_ctx.append(_pruning_logins)
    app[ZONE] = ZoneInfo(config.settings.desk.timezone)  # where times show, days are counted
    if config.settings.desk.language:
        app[SITE_LANGUAGE] = config.settings.desk.language
    # The file's, read at start-up (edits to it show after a restart); None: no file. Those
    # made in the desk are read from the store on each case page.
    app[SAVED] = saved_replies.from_config(config.base_dir, config.settings.desk.saved_replies)
    static_files.add_routes(app.router)
    for module in _PAGES:
        module.add_routes(app.router)
    return app


def _templates(clock: Callable[[], datetime], brand: Brand) -> jinja2.Environment:
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,  # every template, whatever its extension: mention text is hostile
        undefined=jinja2.StrictUndefined,
    )
    templates.globals.update(template_globals(clock, brand))
    return templates


async def _pruning_logins(app: web.Application) -> AsyncIterator[None]:
    desk = app[DESK]
    task = asyncio.create_task(desk.limits.keep_pruning(desk), name="desk:login-counts")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        _secure(request, exc)
        raise
    _secure(request, response)
    return response


def _secure(request: web.Request, response: web.StreamResponse) -> None:
    # Not aiohttp's "Python/3.11 aiohttp/3.x": versions only help someone pick an exploit.
    response.headers["Server"] = "mentiondesk"
    if is_https(request):  # browsers ignore it over plain HTTP; a proxy may serve both
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if response.content_type in ("text/html", "text/csv"):
        response.headers["Cache-Control"] = "no-store"


@web.middleware
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Friendly pages, in the reader's language, for the errors people meet: a form the desk
    cannot read or too long, not found, not allowed, expired form, the store out of reach (a
    503 saying so) and any other failure (a 500 saying so, not aiohttp's English text)."""
    if request.path in _OWN_FORMAT:
        return await handler(request)
    try:
        return await handler(request)
    except FormExpired as exc:  # before HTTPForbidden, which it is: its page has its own title
        return render_expired(request, exc)
    except (web.HTTPNotFound, web.HTTPForbidden, web.HTTPMethodNotAllowed) as exc:
        # aiohttp fills .text with "404: Not Found" by default; show only our own messages.
        text = exc.text or ""
        mine = bool(text) and not text[:3].isdigit()
        response = render_error(request, exc.status, text if mine else "")
        if "Allow" in exc.headers:  # a 405 names the methods the address takes (RFC 9110)
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except (web.HTTPBadRequest, web.HTTPRequestEntityTooLarge) as exc:
        # Their texts ("Maximum request body size 262144 exceeded.", a forged form's field)
        # are for developers: the page's own says what to do.
        return render_error(request, exc.status, "")
    except web.HTTPException:
        raise  # redirects, 401s: as they are
    except UNREACHABLE as exc:
        # Its type only: the message may name the database's host and the statement.
        name = type(exc).__name__
        path = _logged(request)
        _LOGGER.error("%s %s: the store is unreachable (%s)", request.method, path, name)
        response = render_error(request, 503, "")
        response.headers["Retry-After"] = "60"
        return response
    except Exception:
        # The traceback, as aiohttp logged it before; the request's body is not in it.
        _LOGGER.exception("%s %s: failed", request.method, _logged(request))
        return render_error(request, 500, "")


@web.middleware
async def _address(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A NUL in the address (decoded: "%00") is no link's, only a script's; PostgreSQL cannot
    compare a text with it, so the first look-up of it (the page's notice, a queue filter)
    failed as a 500. In the path it names no page (404); in the query it cannot be read (400,
    as a form the desk cannot read)."""
    if "\x00" in request.path:
        raise web.HTTPNotFound()
    if any("\x00" in key + value for key, value in request.query.items()):
        _LOGGER.info("refused %s %s: a NUL in the query", request.method, _logged(request))
        raise web.HTTPBadRequest()  # the error page says what to do
    return await handler(request)


@web.middleware
async def _session(request: web.Request, handler: Handler) -> web.StreamResponse:
    desk = request.app[DESK]
    token = request.cookies.get(SESSION_COOKIE)
    request[SESSION] = None
    if token and not request.path.startswith("/static/"):
        request[SESSION] = await desk.db(load_session, desk.store, token, now=desk.clock())
    return await handler(request)


@web.middleware
async def _banner(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The sources a running worker stopped (source_banner), for a manager's page."""
    desk, current = request.app[DESK], request[SESSION]
    if current is not None and current.user.role >= Role.MANAGER:
        request[STOPPED] = await desk.db(stopped_now, desk.store, desk.clock())
    return await handler(request)


@web.middleware
async def _flash(request: web.Request, handler: Handler) -> web.StreamResponse:
    """What a redirect said (flash.Said), kept for its page's next GET in this session, which
    takes it: shown once."""
    desk, current = request.app[DESK], request[SESSION]
    if current is not None and request.method == "GET":
        now = desk.clock()
        request[SAID] = await desk.db(flash.take, desk.store, current.id, request.path, now)
    try:
        response = await handler(request)
    except Said as exc:
        await _keep(request, exc)
        raise
    if isinstance(response, Said):
        await _keep(request, response)
    return response


async def _keep(request: web.Request, said: Said) -> None:
    desk, current = request.app[DESK], request[SESSION]
    if current is not None and said.said:  # no session: nobody to say it to
        where = landing(said.location)
        await desk.db(flash.keep, desk.store, current.id, where, said.said, desk.clock())


@web.middleware
async def _csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every state-changing request carries the session's token (the login form its own)."""
    if request.method in _UNSAFE and request.path not in CSRF_EXEMPT:
        form = await _form(request)
        given = form.get("csrf") or request.headers.get("X-CSRF-Token")
        given = given if isinstance(given, str) else None
        session = request[SESSION]
        if request.path == "/logout" and session is None:
            # Nothing to protect: logging out a browser whose session ended (12 hours on, or
            # its user deactivated) only clears the cookie, and should not say "expired".
            return await handler(request)
        if request.path == "/login":
            expected = request.cookies.get(LOGIN_COOKIE, "")
        else:
            expected = session.csrf if session else ""
        if not expected or not same_token(expected, given):
            path = _logged(request)
            _LOGGER.info("refused %s %s: missing or wrong CSRF token", request.method, path)
            # The text typed (a reply, a note) goes back on the page, not lost with the form.
            ended = session is None and request.path != "/login"
            raise FormExpired(typed(form.get("text")), ended=ended)
    return await handler(request)


async def _form(request: web.Request) -> MultiDictProxy[str | bytes | bytearray | web.FileField]:
    """The posted form; a 400 (not a traceback's 500) when its charset is unknown or its
    bytes are not in it: nobody's browser sends that."""
    try:
        return await request.post()
    except (LookupError, UnicodeDecodeError):
        _LOGGER.info("refused %s %s: a form the desk cannot read", request.method, _logged(request))
        raise web.HTTPBadRequest() from None  # the error page says what to do


def _logged(request: web.Request) -> str:
    """The path as the request line sent it, still percent-encoded: decoded, a "%0A" in it
    would start a forged line of the log."""
    return request.rel_url.raw_path
