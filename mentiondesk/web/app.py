"""The desk's aiohttp application: factory, error pages, sessions and what they carry."""

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

from mentiondesk import saved_replies
from mentiondesk.config import Config
from mentiondesk.models import Brand
from mentiondesk.source_vanished import configured_names
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.web import (
    flash,
    health,
    pages_admin,
    pages_bulk,
    pages_case,
    pages_casework,
    pages_dash,
    pages_drafts,
    pages_find,
    pages_login,
    pages_privacy,
    pages_queue,
    pages_saved,
    static_files,
)
from mentiondesk.web.common import DESK, SESSION, Desk, Handler
from mentiondesk.web.errors import FormExpired, render_error, render_expired
from mentiondesk.web.flash import SAID, Said, landing
from mentiondesk.web.guards import CSRF_EXEMPT, address, csrf, headers, logged
from mentiondesk.web.i18n import SITE_LANGUAGE, ZONE
from mentiondesk.web.login_limits import LoginLimits
from mentiondesk.web.pages_login import session_cookie
from mentiondesk.web.saved_picker import SAVED
from mentiondesk.web.sessions import load_session
from mentiondesk.web.source_banner import BANNER, banner_now
from mentiondesk.web.template_globals import template_globals
from mentiondesk.web.users import Role, dummy_hash
from playbooks import Playbook

_LOGGER = logging.getLogger(__name__)
_HERE = Path(__file__).parent
# Routes for machines, which answer errors in their own format (JSON), not as a page.
_OWN_FORMAT = ("/healthz", *CSRF_EXEMPT)


_PAGES = (
    health,
    pages_login,
    pages_queue,
    pages_drafts,
    pages_bulk,
    pages_case,
    pages_casework,
    pages_dash,
    pages_admin,
    pages_privacy,
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
    middlewares = [headers, _errors, address, _session, _banner, _flash, csrf]
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
    desk, stop = app[DESK], asyncio.Event()
    task = asyncio.create_task(desk.limits.keep_pruning(desk, stop), name="desk:login-counts")
    yield
    stop.set()  # the prune in hand finishes (its thread returns its connection), then it ends
    with contextlib.suppress(TimeoutError, asyncio.CancelledError):
        await asyncio.wait_for(task, 30)  # a store that hangs: cancelled past this


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
        path = logged(request)
        _LOGGER.error("%s %s: the store is unreachable (%s)", request.method, path, name)
        response = render_error(request, 503, "")
        response.headers["Retry-After"] = "60"
        return response
    except Exception:
        # The traceback, as aiohttp logged it before; the request's body is not in it.
        _LOGGER.exception("%s %s: failed", request.method, logged(request))
        return render_error(request, 500, "")


@web.middleware
async def _session(request: web.Request, handler: Handler) -> web.StreamResponse:
    desk = request.app[DESK]
    token = request.cookies.get(session_cookie(request))
    request[SESSION] = None
    if token and not request.path.startswith("/static/"):
        request[SESSION] = await desk.db(load_session, desk.store, token, now=desk.clock())
    return await handler(request)


@web.middleware
async def _banner(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The sources a running worker stopped, endpoints held (source_banner), for a manager."""
    desk, current = request.app[DESK], request[SESSION]
    if current is not None and current.user.role >= Role.MANAGER:
        names = configured_names(desk.config.sources)  # as /healthz counts the vanished
        request[BANNER] = await desk.db(banner_now, desk.store, desk.clock(), names)
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
