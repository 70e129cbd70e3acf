"""The desk's error pages: a status's own title and text in the reader's language, or one of
the desk's own (English) messages translated, and the expired form's page; plain text with
the same status when the page itself cannot be rendered (a broken template)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from aiohttp import web

from mentiondesk.store import UNREACHABLE
from mentiondesk.web.common import render
from mentiondesk.web.i18n import Locale, negotiate

_LOGGER = logging.getLogger(__name__)
FORM_EXPIRED = "This form has expired. Reload the page and try again."


SESSION_ENDED = (
    "Your session has ended, so nothing was sent or saved. Your text is below: copy it, log in "
    "again, and paste it where you were."
)


OTHER_SITE = (
    "This request came from another site, not from the desk's own pages, so the desk refused "
    "it: nothing was sent or saved. Open the desk and do it there."
)


class FormExpired(web.HTTPForbidden):
    """A state-changing request without the session's CSRF token (app.py's _csrf): a 403 whose
    page is titled "Form expired", not "Not allowed", whatever its message says. `typed`: the
    text the form carried (a reply, a note), shown to copy: it is not lost; `ended`: there is
    no session any more (12 hours on), so the page says to log in again; `other_site`: the
    browser says another site's page sent it (a forged form: nothing expired or ended)."""

    def __init__(self, typed: str = "", *, ended: bool = False, other_site: bool = False) -> None:
        super().__init__(text=FORM_EXPIRED)
        self.typed, self.ended, self.other_site = typed, ended, other_site


def render_error(request: web.Request, status: int, message: str) -> web.Response:
    """A friendly error page; `message` is one of the desk's own (English) texts, shown in
    the reader's language; "" for the status's own."""
    try:
        loc = negotiate(request)
        text = loc.t(message) if message else _default_text(loc, status)
        title = _title(loc, status)
    except Exception as exc:  # the status's own words, in English, then
        return _plain(request, status, exc)
    return _page(request, status, title=title, message=text)


def render_expired(request: web.Request, exc: FormExpired) -> web.Response:
    """The page of a FormExpired: its own title, as the exception's type (not its text) says,
    and the text the form carried, to copy."""
    kept = exc.typed if exc.typed.strip() else ""
    try:
        loc = negotiate(request)  # literal texts in each call, so the catalog's check finds them
        if exc.other_site:
            return _page(request, 403, title=loc.t("Request refused"), message=loc.t(OTHER_SITE))
        title = loc.t("Session ended") if exc.ended else loc.t("Form expired")
        text = loc.t(SESSION_ENDED) if exc.ended and kept else loc.t(FORM_EXPIRED)
    except Exception as error:
        return _plain(request, 403, error, f"Form expired\n\n{FORM_EXPIRED}\n\n{exc.typed}")
    return _page(request, 403, title=title, message=text, kept=kept, log_in=exc.ended)


def _page(
    request: web.Request, status: int, *, title: str, message: str, **more: object
) -> web.Response:
    try:
        return render(request, "error.html", status=status, title=title, message=message, **more)
    except Exception as exc:  # a broken template: the same words, without it
        return _plain(request, status, exc, f"{title}\n\n{message}".strip())


def _plain(request: web.Request, status: int, exc: Exception, body: str = "") -> web.Response:
    """The page when the error page itself failed: plain text with the status, not aiohttp's
    bare "Server got itself in trouble", which would skip the desk's security headers."""
    # The store's message may name its host and the statement: its type only, then.
    trace = not isinstance(exc, UNREACHABLE)
    path = request.rel_url.raw_path  # still percent-encoded: no forged log lines
    name = type(exc).__name__
    _LOGGER.error(
        "%s %s: the %d page failed (%s)", request.method, path, status, name, exc_info=trace
    )
    text = body or f"{status} {HTTPStatus(status).phrase}"
    response = web.Response(text=text + "\n", status=status, content_type="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def _title(loc: Locale, status: int) -> str:
    titles = {
        400: loc.t("Form not read"),
        403: loc.t("Not allowed"),
        404: loc.t("Not found"),
        # A GET on a form's address (Enter in the address bar after a refused reply).
        405: loc.t("Page not available"),
        413: loc.t("Too long"),
        500: loc.t("Something went wrong"),
        503: loc.t("Database unreachable"),
    }
    return titles.get(status, loc.t("Error"))


def _default_text(loc: Locale, status: int) -> str:
    default = {
        400: loc.t("This form could not be read. Reload the page and try again."),
        403: loc.t("Your role does not give access to this page."),
        404: loc.t("There is nothing here. The case or page may not exist."),
        405: loc.t("This address only takes the desk's forms. Go back to the case or the queue."),
        413: loc.t("What you sent is too long: shorten it and try again."),
        500: loc.t(
            "Something went wrong on our side. Reload the page; if it keeps happening, tell "
            "whoever runs the desk."
        ),
        503: loc.t(
            "The desk can't reach its database right now; nothing you did was lost — "
            "try again in a minute."
        ),
    }
    return default.get(status, "")
