"""Case numbers as people write them (MD-000019, md-19, MD 19, #19, 19): the address
/cases/MD-000019, as pasted from a Slack card or a ticket, and the queue's case-number box lead
to the case's page."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from aiohttp import web

from mentiondesk.web.common import DESK, redirect, require
from mentiondesk.web.data_lookup import case_mention
from mentiondesk.web.data_queue import Filters
from mentiondesk.web.form_values import is_id, is_number
from mentiondesk.web.users import Role

# ASCII digits only: str.isdigit() takes "²" and "٣", which int() refuses or reads as 3.
# "MD 19" and "#19" as tickets and chat write them; \s is ASCII space here (re.ASCII).
_NUMBER = re.compile(r"(?:MD[-\s]?|#)?(\d{1,12})", re.IGNORECASE | re.ASCII)
TYPED_MAX = 40  # what the queue's notice and box give back of a missed number
# The notices of a box sent empty, and of a number that is no case: the queue marks the box.
MISSED = ("no-case-number", "no-such-case")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/cases", find_case)


def case_number_id(text: str) -> int | None:
    """The case id in `text` written as a number ("MD-000019", "md-19", "#19"), else None."""
    found = _NUMBER.fullmatch(text.strip())
    # A longer number (an order's, a phone's, pasted in the box) is no case's.
    return int(found.group(1)) if found and is_id(found.group(1)) else None


def case_in_path(request: web.Request) -> tuple[int, bool]:
    """The case id in /cases/{id}, and whether it was written as a case number (that page
    then redirects to /cases/N, its one address); anything else is the 404 it always was."""
    text = request.match_info["id"]
    case_id = case_number_id(text)
    if case_id is None:
        raise web.HTTPNotFound()
    return case_id, not (text.isascii() and text.isdigit())


@require(Role.AGENT)
async def find_case(request: web.Request) -> web.Response:
    """The queue's case-number box: the case's page, or the queue saying there is none, as
    filtered before (the form carries the filters) and with the typed number back in the box."""
    desk = request.app[DESK]
    typed = request.query.get("number", "")
    case_id = case_number_id(typed)
    if case_id is None or await desk.db(case_mention, desk.store, case_id) is None:
        kept = urlencode({**Filters.from_query(request.query).active(), **_size(request)})
        where = f"/queue?{kept}" if kept else "/queue"
        notice = MISSED[1] if typed.strip() else MISSED[0]
        raise redirect(where, notice, number=_quoted(request, typed)[:TYPED_MAX])
    raise web.HTTPFound(f"/cases/{case_id}")


def _size(request: web.Request) -> dict[str, str]:
    """The queue's page size as the form carried it ("Show more"): the queue clamps it."""
    show = request.query.get("show", "")
    return {"show": show} if is_number(show, 5) else {}


def _quoted(request: web.Request, typed: str) -> str:
    """What the queue's notice may quote back: the person's own typing, not a link from
    another site (its GET carries the session's cookie), which would put its words in the
    desk's notice ("No case “…”", "log in again at …"); that one is told without them."""
    return "" if request.headers.get("Sec-Fetch-Site") == "cross-site" else typed
