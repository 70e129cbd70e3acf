"""The draft actions (approve, mark posted, reject, save, restore, retry) that the queue and
the case page share.

Kept apart from the queue page (pages_queue) because both pages post to them: each action
answers with a redirect to the page it came from (`back`), saying how it went, and a refused
one from the case page shows it again with the person's text kept (pages_edited).
"""

from __future__ import annotations

import logging

from aiohttp import web

from mentiondesk import held_replies, queue
from mentiondesk.hand_posting import PostByHand
from mentiondesk.web import slack_cards
from mentiondesk.web.common import (
    DECIDED_KEPT,
    DESK,
    DNC,
    DNC_HELD,
    EDITED_KEPT,
    int_param,
    redirect,
    require,
    safe_next,
    session,
)
from mentiondesk.web.data_lookup import draft_case
from mentiondesk.web.form_values import typed
from mentiondesk.web.kept_texts import forget_kept
from mentiondesk.web.pages_casework import ended
from mentiondesk.web.pages_edited import draft_refused
from mentiondesk.web.users import Role

_LOGGER = logging.getLogger(__name__)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_post("/drafts/{id}/approve", approve)
    router.add_post("/drafts/{id}/posted", posted)
    router.add_post("/drafts/{id}/reject", reject)
    router.add_post("/drafts/{id}/save", save)
    router.add_post("/drafts/{id}/restore", restore)
    router.add_post("/drafts/{id}/retry", retry)


async def _form(request: web.Request) -> tuple[str | None, str]:
    form = await request.post()
    text = form.get("text")
    back = safe_next(str(form.get("back", "")), "/queue")
    return (typed(text) if isinstance(text, str) else None), back


async def _seen(request: web.Request) -> str | None:
    """The fingerprint of the draft's text as the page showed it (queue.approve_draft)."""
    seen = (await request.post()).get("seen")
    return seen if isinstance(seen, str) else None


# What the queue's one-click forms (no text of their own to keep) are told instead.
_QUEUE_SAYS = {EDITED_KEPT: "edited", DECIDED_KEPT: "stale"}


async def _kept(
    request: web.Request, draft_id: int, *, text: str | None, back: str, why: str
) -> web.HTTPSeeOther:
    """A refused Approve, Save or Reject from the case page: the redirect to the page again,
    saying why (who edited or decided the draft since, the text too long or empty, the author
    not to be contacted), the person's text kept in the draft's box, as a refused Reply now
    keeps its own; the queue's one click has no text to lose and is sent back saying why."""
    if text is None:
        return redirect(back, _QUEUE_SAYS.get(why, why))
    return await draft_refused(request, draft_id, typed=text, back=back, why=why)


async def _named(request: web.Request, back: str, draft_id: int) -> int | None:
    """The draft's case, for the queue to name in its notice: the row is gone, and after a
    key (`a`, `r`) nobody saw which it was. The case page is the case: no need there."""
    if back.split("?", 1)[0] != "/queue":
        return None
    desk = request.app[DESK]
    return await desk.db(draft_case, desk.store, draft_id)


@require(Role.AGENT)
async def approve(request: web.Request) -> web.StreamResponse:
    """Approve a draft: with the case page's text, or (the queue's one-click Approve) as the
    page showed it. `seen` is the fingerprint of the draft as the page showed it: edited
    since, nothing is sent unread and no colleague's edit is overwritten."""
    return await _approve(request, by_hand=False)


@require(Role.AGENT)
async def posted(request: web.Request) -> web.StreamResponse:
    """Mark as posted: the agent posted the draft themselves where mentiondesk cannot post
    (Hacker News); it is approved in their name, as they posted it, and nothing is sent."""
    return await _approve(request, by_hand=True)


async def _approve(request: web.Request, *, by_hand: bool) -> web.StreamResponse:
    desk, draft_id = request.app[DESK], int_param(request, "id")
    text, back = await _form(request)
    who = session(request).user.name
    try:
        key = await desk.db(
            queue.approve_draft,
            desk.store,
            draft_id,
            by=who,
            post_route=desk.config.settings.routing.post,
            text=text,
            seen=await _seen(request),
            by_hand=by_hand,
        )
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    # Any other ValueError is no fault of the text (a bug, a malformed stored mention): the
    # error page and the log, not "the text is empty".
    except (PostByHand, queue.StaleAction, queue.EmptyReply, queue.ReplyTooLong) as exc:
        raise await _kept(request, draft_id, text=text, back=back, why=_why_kept(exc)) from None
    _LOGGER.info("draft %d %s by %s", draft_id, "marked posted" if by_hand else "approved", who)
    slack_cards.draft_changed(request, draft_id)
    await forget_kept(request, back)
    if desk.on_queued is not None and key:
        await desk.on_queued(key)
    raise redirect(
        back, "posted" if by_hand else "approved", case=await _named(request, back, draft_id)
    )


@require(Role.AGENT)
async def reject(request: web.Request) -> web.StreamResponse:
    desk, draft_id = request.app[DESK], int_param(request, "id")
    text, back = await _form(request)
    who = session(request).user.name
    try:
        await desk.db(queue.reject_draft, desk.store, draft_id, by=who, seen=await _seen(request))
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except queue.DraftEdited:
        raise await _kept(request, draft_id, text=text, back=back, why=EDITED_KEPT) from None
    except queue.StaleAction:
        raise redirect(back, "stale") from None
    slack_cards.draft_changed(request, draft_id)
    await forget_kept(request, back)
    raise redirect(back, "rejected", case=await _named(request, back, draft_id))


@require(Role.AGENT)
async def save(request: web.Request) -> web.StreamResponse:
    desk, draft_id = request.app[DESK], int_param(request, "id")
    text, back = await _form(request)
    who = session(request).user.name
    try:
        text = (text or "").replace("\r\n", "\n")
        seen = await _seen(request)
        await desk.db(queue.edit_draft, desk.store, draft_id, text=text, by=who, seen=seen)
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except (queue.StaleAction, queue.EmptyReply) as exc:
        raise await _kept(request, draft_id, text=text, back=back, why=_why_kept(exc)) from None
    slack_cards.draft_changed(request, draft_id, edited=True)
    await forget_kept(request, back)
    raise redirect(back, "saved")


def _why_kept(exc: Exception) -> str:
    """Why an approve or a save was refused, as the page shown again (the text kept) says."""
    if isinstance(exc, PostByHand):  # Approve where only a person can post, or the other way
        return exc.reason
    if isinstance(exc, queue.DraftEdited):
        return EDITED_KEPT
    if isinstance(exc, queue.DoNotContact):  # withdrawn as the author asked, since shown
        return DNC
    if isinstance(exc, queue.CaseEnded):  # the case was resolved or closed: nothing goes
        return ended(exc)
    if isinstance(exc, queue.StaleAction):  # decided by someone since
        return DECIDED_KEPT
    return "too-long" if isinstance(exc, queue.ReplyTooLong) else "empty"  # EmptyReply


@require(Role.AGENT)
async def restore(request: web.Request) -> web.StreamResponse:
    """A draft the author's praise withdrew waits for approval again (the praise settled
    nothing)."""
    desk, draft_id = request.app[DESK], int_param(request, "id")
    _, back = await _form(request)
    try:
        who = session(request).user.name
        await desk.db(queue.restore_draft, desk.store, draft_id, by=who)
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except queue.DoNotContact:  # they asked us to stop since the praise
        raise redirect(back, DNC) from None
    except queue.DmWaits:  # the case's one private message: the person picks by rejecting
        raise redirect(back, "dm-waits") from None
    except queue.CaseEnded as exc:  # resolved or closed since: how the case stands
        raise redirect(back, ended(exc)) from None
    except queue.StaleAction:  # anything else changed since the page was shown
        raise redirect(back, "stale") from None
    slack_cards.draft_changed(request, draft_id)
    raise redirect(back, "restored")


@require(Role.AGENT)
async def retry(request: web.Request) -> web.StreamResponse:
    """Send a held approved reply again, as `mentiondesk outbox retry` does: for when its cause
    is gone (a manager allowed contact again, the responder is configured, the platform was
    down for it)."""
    desk, draft_id = request.app[DESK], int_param(request, "id")
    _, back = await _form(request)
    who = session(request).user.name
    try:
        key, _ = await desk.db(held_replies.retry_reply, desk.store, draft_id, by=who)
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except queue.CaseEnded as exc:  # resolved or closed since the page was shown
        raise redirect(back, ended(exc)) from None
    except queue.DoNotContact:  # they asked us to stop: it would only be held again
        raise redirect(back, DNC_HELD) from None
    except queue.StaleAction:
        raise redirect(back, "not-held") from None
    _LOGGER.info("draft %d: held reply sent again by %s", draft_id, who)
    if desk.on_queued is not None:
        await desk.on_queued(key)
    raise redirect(back, "retried")
