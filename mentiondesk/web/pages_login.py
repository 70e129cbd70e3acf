"""Log in, log out, and the front door."""

from __future__ import annotations

import logging
import re
import secrets

from aiohttp import web

from mentiondesk.web.common import (
    DESK,
    LOGIN_COOKIE,
    SESSION,
    SESSION_COOKIE,
    redirect,
    render,
    require,
    safe_next,
    session,
)
from mentiondesk.web.flash import SAID
from mentiondesk.web.form_values import typed
from mentiondesk.web.i18n import LANG_COOKIE, LOCALES, negotiate
from mentiondesk.web.login_limits import logged_name
from mentiondesk.web.proxy import client_address, is_https
from mentiondesk.web.sessions import close_session, end_sessions, open_session
from mentiondesk.web.users import PASSWORD_MAX, Role, authenticate

_LOGGER = logging.getLogger(__name__)
_SAID_COOKIE = "md_said"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # secrets.token_urlsafe(24), as made here
_EVERYWHERE = "logged-out-everywhere"
# Over https the session's cookie carries the __Host- prefix: browsers keep it only if it is
# Secure, for Path=/ and no Domain, so neither a neighbouring subdomain nor a plain-http page
# can plant or overwrite it. Plain http (a demo on localhost) cannot have it: md_session.
_HOST_COOKIE = f"__Host-{SESSION_COOKIE}"


def session_cookie(request: web.Request) -> str:
    """The session cookie's name for this request's scheme; only that name is read."""
    return _HOST_COOKIE if is_https(request) else SESSION_COOKIE


def _end_session_cookie(request: web.Request, response: web.StreamResponse) -> None:
    """Clear the session's cookie (Secure with its prefix, or the browser ignores it)."""
    https = is_https(request)
    response.del_cookie(session_cookie(request), path="/", secure=https or None)
    if https:  # one set before the prefix: gone too, not left to name an ended session
        response.del_cookie(SESSION_COOKIE, path="/")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/", home)
    router.add_get("/login", login_form)
    router.add_post("/login", login)
    router.add_post("/logout", logout)
    router.add_post("/logout/everywhere", logout_everywhere)
    router.add_get("/lang/{code}", switch_language)


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/queue" if request[SESSION] else "/login")


async def login_form(
    request: web.Request, *, error: str = "", status: int = 200, name: str = "", wrong: bool = False
) -> web.Response:
    """The login page; after a refusal, `error` says why, `name` is the name typed (kept in
    its box; the password never is) and `wrong` marks both boxes invalid."""
    token = _login_token(request)
    # Logged out everywhere: said once (the cookie goes now), not by the URL (pages_login).
    told = request.cookies.get(_SAID_COOKIE) == _EVERYWHERE and request.method == "GET"
    if told:
        request[SAID] = {"notice": _EVERYWHERE}
    response = render(
        request,
        "login.html",
        status=status,
        login_csrf=token,
        error=error,
        typed_name=name,
        wrong=wrong,
        next=await _next(request),
    )
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="Lax", secure=is_https(request), path="/login"
    )
    if told:
        response.del_cookie(_SAID_COOKIE, path="/login")
    return response


def _login_token(request: web.Request) -> str:
    """The login form's CSRF token: the browser's, if it has one, so that two login pages
    open at once (two links followed after the session ended) both log in; a fresh one made
    for each page made the older page's form "expired"."""
    kept = request.cookies.get(LOGIN_COOKIE, "")
    return kept if _TOKEN.fullmatch(kept) else secrets.token_urlsafe(24)


async def _next(request: web.Request) -> str:
    """Where a login leads: the link's ?next= (a case from a Slack card), which the form
    posts, so that a mistyped password shows the form again still leading there."""
    if request.method == "POST":
        return safe_next(str((await request.post()).get("next", "")))
    return safe_next(request.query.get("next"))


async def login(request: web.Request) -> web.StreamResponse:
    desk = request.app[DESK]
    form = await request.post()
    # Stripped before counting: authenticate() strips the name too, so " ana" and "ana "
    # would otherwise each get fresh guesses at ana's password.
    # No NUL either: a name has none (users.login_name), and the limits' store cannot keep it.
    name = typed(form.get("name")).strip()[:64]
    password = str(form.get("password", ""))[:PASSWORD_MAX]  # no password is set longer
    address = client_address(request)
    refused = await desk.limits.refusal(desk, address, name)
    if refused:
        error = negotiate(request).t(refused.message)
        response = await login_form(request, error=error, status=429, name=name)
        if refused.retry_after:
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    async with desk.limits.gate.slot:
        user = await desk.db(authenticate, desk.store, name, password)
    if user is None:
        # Never the password, nor a typed name that is nobody's: it may be the password.
        named = await desk.db(logged_name, desk.store, name)
        _LOGGER.warning("desk: failed sign-in to %s from %s", named, address)
        error = negotiate(request).t("Wrong name or password.")
        return await login_form(request, error=error, status=401, name=name, wrong=True)
    await desk.limits.passed(desk, address, name)
    _LOGGER.info("desk: %s signed in from %s", user.name, address)
    previous = request.cookies.get(session_cookie(request))
    if previous:
        # Rotated, not only replaced: the id this browser held before (another person's on a
        # shared computer, or one planted in it) would otherwise stay valid for its 12 hours.
        await desk.db(close_session, desk.store, previous)
    token = await desk.db(open_session, desk.store, user, now=desk.clock(), ttl=desk.session_ttl)
    response = web.HTTPSeeOther(safe_next(str(form.get("next", ""))))
    response.set_cookie(
        session_cookie(request),
        token,
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        max_age=int(desk.session_ttl.total_seconds()),
        path="/",
    )
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    desk = request.app[DESK]
    token = request.cookies.get(session_cookie(request))
    if token:
        await desk.db(close_session, desk.store, token)
    response = redirect("/login")
    _end_session_cookie(request, response)
    raise response


@require(Role.AGENT)
async def logout_everywhere(request: web.Request) -> web.StreamResponse:
    """End every session of this person (a phone left logged in, a shared computer), this
    one too. Not audited: the trail records changes to other people's logins and to cases;
    logging out is one's own, like logging in, so it is logged as that is."""
    desk, current = request.app[DESK], session(request)
    ended = await desk.db(end_sessions, desk.store, current.user)
    _LOGGER.info("desk: %s logged out everywhere (%d sessions)", current.user.name, ended)
    # No session is left to keep the notice with (flash.py): a cookie for the login page
    # carries it, a fixed word only, taken by that page's next GET.
    response = web.HTTPSeeOther("/login")
    _end_session_cookie(request, response)
    secure = is_https(request)
    response.set_cookie(
        _SAID_COOKIE, _EVERYWHERE, httponly=True, samesite="Lax", secure=secure, path="/login"
    )
    raise response


async def switch_language(request: web.Request) -> web.StreamResponse:
    """The header's EN | PT-BR | PT-PT switch: remember the choice (it wins over the browser's
    Accept-Language) and go back to the page it was made on."""
    code = request.match_info["code"]
    if code not in LOCALES:
        raise web.HTTPNotFound()
    response = web.HTTPSeeOther(safe_next(request.query.get("next")))
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=is_https(request),
        path="/",
    )
    raise response
