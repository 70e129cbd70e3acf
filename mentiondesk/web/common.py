"""What every desk page shares: the desk's state, rendering, role checks, notices (its error
pages are errors.py's)."""

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
from mentiondesk.web.notices_corrected import CORRECTED_NOTICES
from mentiondesk.web.notices_people import PEOPLE_NOTICES
from mentiondesk.web.sessions import Session
from mentiondesk.web.source_banner import banner
from mentiondesk.web.users import Role
from playbooks import Playbook

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
P = ParamSpec("P")
T = TypeVar("T")

# The notice keys a refused action's page is shown with (pages_case, pages_queue); case.html
# compares the same strings to choose what it says beside the kept text.
EDITED_KEPT = "edited-kept"
DECIDED_KEPT = "decided-kept"
REPLY_KEPT = "reply-kept"
DNC = "dnc"
DNC_HELD = "dnc-held"  # Try sending again: a public reply to a private post reaches them alone

# What a queue row's Approve or Reject says back on the queue, where the row is gone: the
# case it was (`case=N` beside the notice, digits only), as "MD-000086: reply approved…".
CASE_NOTICES = {
    "approved": ("ok", "{case}: reply approved: it is on its way."),
    "rejected": ("ok", "{case}: draft rejected: nothing will be sent."),
}

# Fixed notice codes, kept for the redirect's page (flash.py): a typed case number is the
# only free text a notice quotes, and only to the session that typed it.
NOTICES = {
    "logged-out-everywhere": (
        "ok",
        "You are logged out everywhere: every desk session of yours has ended.",
    ),
    "approved": ("ok", "Reply approved: it is on its way."),
    "rejected": ("ok", "Draft rejected: nothing will be sent."),
    "saved": ("ok", "Draft saved."),
    "restored": ("ok", "Draft restored: it waits for approval again."),
    "retried": (
        "ok",
        "Trying again: the reply is back in the outbox. If it is held again, the page says why.",
    ),
    "not-held": (
        "warn",
        "That reply is no longer held (it was sent, or someone already tried again): here is "
        "how it stands now.",
    ),
    "closed": ("ok", "Case closed."),  # with drafts withdrawn, case_notices.ended_notice
    "resolved": ("ok", "Case resolved."),
    # A second Resolve or Close (a double click, a stale tab, a colleague first): no blame.
    "already-resolved": ("warn", "This case is already resolved: nothing changed."),
    "already-closed": ("warn", "This case is already closed: nothing changed."),
    "assigned": ("ok", "Case assigned."),
    "unassigned": ("ok", "Case unassigned: it is nobody's now."),
    "bad-assignee": ("error", "There is no active desk user by that name: nothing changed."),
    "escalated": ("ok", "Escalated: a help-desk ticket is being opened."),
    "already-escalated": (
        "warn",
        "This case was already escalated: nothing new was sent to the help desk.",
    ),
    "noted": ("ok", "Note added."),
    "note-too-long": ("error", "The note is longer than 5,000 characters: nothing was added."),
    **CORRECTED_NOTICES,  # what a reading correction did to the drafts
    "stale": (
        "warn",
        "Someone else already acted on this (approved, rejected or closed it), or a newer "
        "draft replaced it. Nothing was sent twice; here is how it stands now.",
    ),
    "edited": (
        "warn",
        "Someone edited this draft after the page was shown: nothing was sent or rejected. "
        "Read it again before deciding.",
    ),
    # Not a redirect's: the case page shown again as it refused (pages_edited), with both texts.
    EDITED_KEPT: (
        "warn",
        "Someone edited a draft after you opened this page: nothing was changed. Their text "
        "and yours are both below.",
    ),
    # Also the case page shown again: a draft decided meanwhile, or a Reply now refused.
    DECIDED_KEPT: (
        "warn",
        "Someone decided this draft after you opened this page: nothing was sent or saved. "
        "Your text is below, to copy.",
    ),
    REPLY_KEPT: (
        "warn",
        "Your reply was not sent: the case changed after you opened this page. Your text is below.",
    ),
    DNC: ("error", "This author asked not to be contacted: no private message is sent."),
    DNC_HELD: (
        "error",
        "This author asked not to be contacted: the reply stays held. A manager can allow "
        "contact again on the case page.",
    ),
    # Restore draft, while another private message of the case waits (queue.DmWaits).
    "dm-waits": (
        "warn",
        "Draft not restored: another private message to this author already waits in this "
        "case, and only one can wait at a time. Reject that one first if this one should go "
        "instead.",
    ),
    # The list goes by platform (one author row per platform account), so say so: the case
    # page names the account (handle and platform) beside the button.
    "dnc-listed": (
        "ok",
        "The author's account on this platform is on the do-not-contact list: its pending "
        "private drafts are withdrawn.",
    ),
    "dnc-unlisted": (
        "ok",
        "The author's account on this platform may be contacted again; withdrawn drafts stay "
        "withdrawn.",
    ),
    "replied": ("ok", "Your reply is being sent."),
    "no-private": ("error", "This platform has no private messages: send a public reply."),
    "posted": ("ok", "Marked as posted: the case counts as answered, and nothing is sent."),
    "by-hand": (
        "error",
        "Replies to this platform cannot be sent from here: post it there yourself, then press "
        "Mark as posted. Nothing was sent.",
    ),
    "postable": ("error", "Replies to this platform are sent from here: use Approve instead."),
    "empty": ("error", "The text is empty: nothing was changed."),
    "too-long": ("error", "The reply is longer than the platform allows: shorten it first."),
    **PEOPLE_NOTICES,  # what the People and Saved replies pages say
    "no-such-case": (
        "error",
        "There is no case with that number. Case numbers look like MD-000019.",
    ),
    # The box sent empty: nothing to look for, so no "no such case" either.
    "no-case-number": ("error", "Type a case number (e.g. MD-000019)."),
}
# The same, quoting the number typed: a typo (MD-0019O) is seen without retyping it.
NO_SUCH_NUMBER = ("error", "No case “{number}”: case numbers look like MD-000019 or 19.")

SESSION_COOKIE = "md_session"
LOGIN_COOKIE = "md_login"


def client_address(request: web.Request) -> str:
    """Who is asking: behind a reverse proxy ([desk] behind_proxy), the address the proxy
    added to X-Forwarded-For (the right-most of all its lines: HAProxy adds a line, nginx
    appends; the ones before are the client's word); otherwise the connection's peer. Without
    the setting the header is ignored, so it cannot be forged to get fresh login guesses."""
    if request.app[DESK].config.settings.desk.behind_proxy:
        lines = ",".join(request.headers.getall("X-Forwarded-For", []))
        forwarded = lines.split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.remote or ""


def is_https(request: web.Request) -> bool:
    """Behind a TLS-terminating proxy the scheme comes in X-Forwarded-Proto."""
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


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
