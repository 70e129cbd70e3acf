"""The case's own actions on the case page: assign, escalate, resolve or close, notes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

from mentiondesk import casework, queue
from mentiondesk.casework import NOTE_MAX
from mentiondesk.web import slack_cards
from mentiondesk.web.common import DESK, int_param, redirect, require, safe_next, session
from mentiondesk.web.form_values import typed
from mentiondesk.web.users import Role, list_users


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_post("/cases/{id}/assign", assign)
    router.add_post("/cases/{id}/escalate", escalate)
    router.add_post("/cases/{id}/close", close)
    router.add_post("/mentions/{id}/notes", add_note)


def _back(case_id: int) -> str:
    return f"/cases/{case_id}"


def ended(exc: queue.CaseEnded) -> str:
    """The notice for an action on a case already resolved or closed: how it stands."""
    return "already-resolved" if exc.status == "resolved" else "already-closed"


@contextmanager
def _case_refusals(case_id: int) -> Iterator[None]:
    """An action on a case that is gone (404), already ended (how it stands) or changed since
    the page was shown (stale): back to the case page, saying so."""
    try:
        yield
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except queue.CaseEnded as exc:  # before StaleAction, which it is
        raise redirect(_back(case_id), ended(exc)) from None
    except queue.StaleAction:
        raise redirect(_back(case_id), "stale") from None


@require(Role.AGENT)
async def assign(request: web.Request) -> web.StreamResponse:
    """Managers give a case to anyone active, or to nobody ("-"); an agent can take it."""
    desk, case_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    me = session(request).user
    wanted = str(form.get("assignee", "")).strip()[:128]
    if me.role < Role.MANAGER and wanted != me.name:
        raise web.HTTPForbidden(text="Agents can take a case; managers assign it to others.")
    active = {u.name for u, is_active, _, _ in await desk.db(list_users, desk.store) if is_active}
    if wanted != "-" and wanted not in active:
        raise redirect(_back(case_id), "bad-assignee")
    assignee = None if wanted == "-" else wanted
    with _case_refusals(case_id):
        try:
            await desk.db(
                casework.assign_case,
                desk.store,
                case_id,
                assignee=assignee,
                by=me.name,
                seen=_seen(form.get("seen")),
            )
        except casework.Reassigned as exc:  # a StaleAction: said before _case_refusals does
            seen = str(form.get("seen", ""))[:128]  # whose it was, for "taken from {who}"
            raise redirect(
                _back(case_id), "reassigned", holder=exc.holder or "", seen=seen
            ) from None
    slack_cards.case_changed(request, case_id)
    if assignee is None:
        raise redirect(_back(case_id), "unassigned")
    # The name, for case_notices to say whom (a validated active user's, not free text).
    raise redirect(_back(case_id), "assigned", assignee=assignee)


def _seen(value: object) -> str | casework.Unseen | None:
    """Whose the page showed the case to be ("": nobody's); no field, no check."""
    if value is None:
        return casework.Unseen.UNSEEN
    return str(value).strip()[:128] or None


@require(Role.AGENT)
async def escalate(request: web.Request) -> web.StreamResponse:
    desk, case_id = request.app[DESK], int_param(request, "id")
    target = desk.config.settings.routing.ticket
    if not target:
        raise web.HTTPNotFound(text="No help desk is configured (routing.ticket).")
    who = session(request).user.name
    with _case_refusals(case_id):
        try:
            key = await desk.db(casework.escalate_case, desk.store, case_id, by=who, target=target)
        except casework.AlreadyEscalated:  # a StaleAction: said before _case_refusals does
            raise redirect(_back(case_id), "already-escalated") from None
    slack_cards.case_changed(request, case_id)
    if desk.on_queued is not None:
        await desk.on_queued(key)
    raise redirect(_back(case_id), "escalated")


@require(Role.AGENT)
async def close(request: web.Request) -> web.StreamResponse:
    desk, case_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    status = str(form.get("resolution", ""))
    if status not in ("resolved", "closed"):  # the buttons send one; anything else is forged
        raise web.HTTPBadRequest()  # not "closed": that would end the case outside the rate
    who = session(request).user.name
    with _case_refusals(case_id):
        withdrawn = await desk.db(queue.close_case, desk.store, case_id, by=who, status=status)
    slack_cards.case_changed(request, case_id)
    # The count, a number only, lets the page say "1 pending draft withdrawn" (or nothing).
    raise redirect(_back(case_id), status, withdrawn=withdrawn)


@require(Role.AGENT)
async def add_note(request: web.Request) -> web.StreamResponse:
    desk, mention_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    text = typed(form.get("text"))
    # Back to the page it was added on: /cases/N stays /cases/N, the same page's other address.
    back = safe_next(str(form.get("back", "")), f"/mentions/{mention_id}")
    who = session(request).user.name
    if len(text) > NOTE_MAX:  # the box's maxlength stops it first; never cut and kept quiet
        raise redirect(back, "note-too-long")
    try:
        await desk.db(casework.add_note, desk.store, mention_id, text=text, by=who)
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except ValueError:
        raise redirect(back, "empty") from None
    raise redirect(back, "noted")
