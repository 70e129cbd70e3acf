"""The desk's request guards: security headers, odd addresses, and CSRF on every form."""

from __future__ import annotations

import logging

from aiohttp import web
from multidict import MultiDictProxy

from mentiondesk.web.common import LOGIN_COOKIE, SESSION, Handler
from mentiondesk.web.errors import FormExpired
from mentiondesk.web.form_values import typed
from mentiondesk.web.proxy import is_https
from mentiondesk.web.sessions import same_token

_LOGGER = logging.getLogger(__name__)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Features no desk page uses, refused to any script (clipboard-write stays: the Copy button).
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Routes that authenticate each request themselves (Slack signs its callbacks), not by cookie.
CSRF_EXEMPT = ("/slack/actions",)
_LOGOUTS = ("/logout", "/logout/everywhere")


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
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
    # Another site that opened the desk (window.open of a case's link) keeps no handle on its
    # window: it cannot send it to a look-alike login page, nor count its frames.
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    # Nor load a desk answer into its own page (an <img>, a <script> of the CSV): what the
    # browser fetched for it cross-site is blocked before any side channel reads it.
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = PERMISSIONS
    if response.content_type in ("text/html", "text/csv"):
        response.headers["Cache-Control"] = "no-store"


@web.middleware
async def address(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A NUL in the address (decoded: "%00") is no link's, only a script's; PostgreSQL cannot
    compare a text with it, so the first look-up of it (the page's notice, a queue filter)
    failed as a 500. In the path it names no page (404); in the query it cannot be read (400,
    as a form the desk cannot read)."""
    if "\x00" in request.path:
        raise web.HTTPNotFound()
    if any("\x00" in key + value for key, value in request.query.items()):
        _LOGGER.info("refused %s %s: a NUL in the query", request.method, logged(request))
        raise web.HTTPBadRequest()  # the error page says what to do
    return await handler(request)


@web.middleware
async def csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every state-changing request carries the session's token (the login form its own)."""
    if request.method in _UNSAFE and request.path not in CSRF_EXEMPT:
        if _other_site(request):
            # Another site's page, whatever token it carries: a neighbouring subdomain can
            # plant cookies for the desk's host, the login form's token too (and log a
            # browser into its own account). Its post carries no session (SameSite), so the
            # page says where it came from, not "session ended"; nor its words, shown as the
            # desk's ("log in again at …").
            _LOGGER.info("refused %s %s: from another site", request.method, logged(request))
            raise FormExpired(other_site=True)
        form = await _form(request)
        given = form.get("csrf") or request.headers.get("X-CSRF-Token")
        given = given if isinstance(given, str) else None
        session = request[SESSION]
        if request.path == "/logout" and session is None:
            # Nothing to protect: logging out a browser whose session ended (12 hours on, or
            # its user deactivated) only clears the cookie, and should not say "expired".
            return await handler(request)
        if request.path in _LOGOUTS and session is not None and _same_origin(request):
            # A page of the desk's own older than the session (a tab left open while the
            # person logged in again in another) carries the old token: refused, they
            # stayed logged in, told only "form expired", on a computer they were leaving.
            return await handler(request)
        if request.path == "/login":
            expected = request.cookies.get(LOGIN_COOKIE, "")
        else:
            expected = session.csrf if session else ""
        if not expected or not same_token(expected, given):
            path = logged(request)
            _LOGGER.info("refused %s %s: missing or wrong CSRF token", request.method, path)
            # The text typed (a reply, a note) goes back on the page, not lost with the form.
            ended = session is None and request.path != "/login"
            raise FormExpired(typed(form.get("text")), ended=ended)
    return await handler(request)


def _same_origin(request: web.Request) -> bool:
    """Whether the browser says one of the desk's own pages sent this request: its Fetch
    Metadata (sent over https and to localhost), else its Origin against the address asked.
    Neither (an old browser, a script): no."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    scheme = "https" if is_https(request) else "http"
    return request.headers.get("Origin") == f"{scheme}://{request.host}"


def _other_site(request: web.Request) -> bool:
    """Whether the browser says another site's page sent this request (Fetch Metadata)."""
    return request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site")


async def _form(request: web.Request) -> MultiDictProxy[str | bytes | bytearray | web.FileField]:
    """The posted form; a 400 (not a traceback's 500) when its charset is unknown or its
    bytes are not in it, or a multipart body aiohttp cannot parse (no boundary, a field with
    no name, a nested multipart: ValueError, UnicodeDecodeError's base): nobody's browser
    sends that, and anyone could fill the log with tracebacks by sending it."""
    try:
        return await request.post()
    except (LookupError, ValueError):
        _LOGGER.info("refused %s %s: a form the desk cannot read", request.method, logged(request))
        raise web.HTTPBadRequest() from None  # the error page says what to do


def logged(request: web.Request) -> str:
    """The path as the request line sent it, still percent-encoded: decoded, a "%0A" in it
    would start a forged line of the log."""
    return request.rel_url.raw_path
