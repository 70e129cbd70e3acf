"""The case page: one mention with its thread, reading, drafts, notes, history and actions."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from aiohttp import web

from mentiondesk import audit, contacts, hand_reply, queue
from mentiondesk.corrected_drafts import Redrafted, correct_reading
from mentiondesk.fediverse_graphemes import grapheme_count
from mentiondesk.models import ActionKind, Label, can_post, has_private_messages, is_private_post
from mentiondesk.reply_limits import (
    content_warning,
    counting_rule,
    reply_length,
    reply_limit,
    sent_prefix,
)
from mentiondesk.web import rule_words, slack_cards
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.case_notices import case_notice
from mentiondesk.web.case_private import private_context
from mentiondesk.web.charts import timeline_points
from mentiondesk.web.common import (
    DESK,
    REPLY_KEPT,
    int_param,
    redirect,
    render,
    require,
    safe_next,
    session,
)
from mentiondesk.web.data_case import load_detail, mention_author
from mentiondesk.web.data_case_long import ALL_MENTIONS
from mentiondesk.web.data_case_rows import DraftData
from mentiondesk.web.data_case_thread import THREAD_LIMIT
from mentiondesk.web.data_lookup import case_mention
from mentiondesk.web.data_queue import sla_seconds
from mentiondesk.web.form_values import is_number, typed
from mentiondesk.web.i18n import negotiate, regional
from mentiondesk.web.kept_texts import forget_kept, kept_refusal, refused_page
from mentiondesk.web.pages_find import case_in_path
from mentiondesk.web.refusal import NOT_REFUSED, Refusal
from mentiondesk.web.saved_picker import picker_context
from mentiondesk.web.users import Role, list_users

LABELS = ("negative", "neutral", "positive")
_LOGGER = logging.getLogger(__name__)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/cases/{id}", case_page)
    router.add_get("/mentions/{id}", mention_page)
    router.add_post("/mentions/{id}/reply", write_reply)
    router.add_post("/mentions/{id}/correct", correct)
    router.add_post("/mentions/{id}/do-not-contact", do_not_contact)
    router.add_post("/mentions/{id}/allow-contact", allow_contact)


@require(Role.AGENT)
async def case_page(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    case_id, as_number = case_in_path(request)
    mention_id = await desk.db(case_mention, desk.store, case_id)
    if mention_id is None:
        raise web.HTTPNotFound(text="There is no such case. It may have been typed wrong.")
    if as_number:  # /cases/MD-000019 from a card or ticket: the page has one address
        raise web.HTTPFound(f"/cases/{case_id}")
    return await _render(request, mention_id)


@require(Role.AGENT)
async def mention_page(request: web.Request) -> web.Response:
    return await _render(request, int_param(request, "id"))


async def _render(request: web.Request, mention_id: int) -> web.Response:
    """The page; after a refused POST (its `?kept=`), with the notice and the text kept."""
    return await render_case(request, mention_id, refusal=await kept_refusal(request, mention_id))


async def render_case(
    request: web.Request, mention_id: int, *, refusal: Refusal | None = None
) -> web.Response:
    """The page of `mention_id`; with a `refusal`, the one a refused POST redirected to."""
    desk = request.app[DESK]
    # ?all=1 (the link under a long case's mentions): all of them, up to ALL_MENTIONS.
    shown = ALL_MENTIONS if request.query.get("all") == "1" else THREAD_LIMIT
    detail = await desk.db(load_detail, desk.store, mention_id, mentions=shown)
    if detail is None:
        raise web.HTTPNotFound(text="There is no such mention.")
    loc, people = negotiate(request), []
    # The desk's own case lists, which the trail names as such, not by the responder's name.
    lists = {r.name or r.kind for r in desk.config.responders if r.kind == "local"}
    if session(request).user.role >= Role.MANAGER:
        people = [u for u, active, _, _ in await desk.db(list_users, desk.store) if active]
    warning = content_warning(detail.mention.platform, detail.mention.text)  # a reply carries it
    return render(
        request,
        "case.html",
        d=detail,
        all_mentions=ALL_MENTIONS,
        labels=LABELS,
        limits={
            kind: reply_limit(detail.mention.platform, private=kind == "private")
            for kind in ("public", "private")
        },
        counting=_counting(detail.mention.platform, detail.author.handle, warning),
        length=lambda text, kind: reply_length(
            detail.mention.platform,
            text,
            private=kind == "private",
            handle=detail.author.handle,
            warning=warning,
        ),
        people=people,
        hand=hand_reply.HAND,
        replied_since=_replied_since(detail.drafts),
        # The rule behind the case and each draft, in words: its name stays in a title.
        rule_texts=rule_words.described(desk.playbook.rules, regional(request, loc)),
        can_dm=has_private_messages(detail.mention.platform),
        # Followers-only or direct (Mastodon): a reply to it never goes out publicly.
        private_post=is_private_post(detail.mention.visibility),
        **private_context(detail, desk.playbook.rules),  # the case's other such posts too
        # Rules that draft a private message: skipped where there are none (Hacker News).
        dm_rules={r.name for r in desk.playbook.rules if _drafts_private(r.actions)},
        # Hacker News: a person posts there, then marks the draft (or their reply) as posted.
        by_hand=not can_post(detail.mention.platform),
        replies=detail.replies,  # as the page shows them: Reply now's `seen`
        timeline=timeline_points(detail.timeline, loc=loc),
        trail=[(a.at, audit_line(loc, a, local=lists)) for a in detail.audit],
        can_escalate=bool(desk.config.settings.routing.ticket),
        back=refusal.here if refusal else request.path,
        # The case's target, as the queue's: a follow-up's own page shows the same deadline.
        sla=sla_seconds(detail.opener_reading),
        business=desk.config.business_hours,  # the first response in them too, where set
        **(await picker_context(request, detail)),
        **(refusal.context(detail, loc) if refusal else {**NOT_REFUSED, **case_notice(request)}),
    )


def _drafts_private(actions: list[Any]) -> bool:
    return any(a.type is ActionKind.DRAFT_PRIVATE for a in actions)


def _replied_since(drafts: list[DraftData]) -> dict[int, DraftData]:
    """Each pending draft's hand-written reply of the other kind sent since it was written."""
    by_hand = [d for d in drafts if d.rule == hand_reply.HAND and d.status == "approved"]
    waiting = [d for d in drafts if d.status == "pending"]
    found = {d.id: hand_reply.answered_otherwise(by_hand, d) for d in waiting}
    return {draft_id: reply for draft_id, reply in found.items() if reply is not None}


def _counting(platform: str, handle: str, warning: str) -> dict[str, dict[str, str]]:
    """Per reply kind, what the live counter (desk-counts.js) needs to count as the server does: the
    platform's rule, what the responder puts before the text, and the length of the content
    warning it sends with it (Mastodon's, counted in the limit)."""
    return {
        kind: {
            "rule": counting_rule(platform, private=kind == "private"),
            "prefix": sent_prefix(platform, private=kind == "private", handle=handle),
            "warning": str(grapheme_count(warning)),
        }
        for kind in ("public", "private")
    }


@require(Role.AGENT)
async def write_reply(request: web.Request) -> web.StreamResponse:
    """An agent answers the case themselves: their text is sent as an approved reply (the
    same checks and outbox as approving a draft), not left in the queue for someone else."""
    desk, mention_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    back = safe_next(str(form.get("back", "")), f"/mentions/{mention_id}")
    seen = str(form.get("seen", ""))
    who, kind = session(request).user.name, str(form.get("kind", "public"))
    text = typed(form.get("text"))[:20_000]
    if kind not in hand_reply.KINDS:  # only a forged form: the page offers no other
        _LOGGER.info("refused a reply to mention %d: no such reply kind", mention_id)
        raise web.HTTPBadRequest()  # the error page says what to do
    refused = partial(refused_page, request, mention_id, back=back, reply=(kind, text))
    try:
        sent = await desk.db(
            hand_reply.write_reply,
            desk.store,
            mention_id,
            by=who,
            kind=kind,
            text=text,
            seen=int(seen) if is_number(seen, 8) else 0,
            post_route=desk.config.settings.routing.post,
        )
    except queue.NotFound:
        raise web.HTTPNotFound() from None
    except hand_reply.PrivateRefused as exc:
        raise await refused(why=exc.reason) from None
    except queue.StaleAction:  # answered or closed meanwhile: say so
        raise await refused(why=REPLY_KEPT) from None
    except queue.ReplyTooLong:
        raise await refused(why="too-long") from None
    except queue.EmptyReply:  # any other ValueError is no fault of the text: the error page
        raise await refused(why="empty") from None
    _LOGGER.info("draft %d written and approved by %s", sent.draft_id, who)
    await forget_kept(request, back)
    await slack_cards.answered_by_hand(request, mention_id)  # the drafts it withdrew
    if desk.on_queued is not None and sent.key:
        await desk.on_queued(sent.key)
    raise redirect(back, "replied" if sent.key else "posted")


@require(Role.AGENT)
async def correct(request: web.Request) -> web.StreamResponse:
    """A person's label for the mention, kept for retraining; its pending drafts follow it
    (corrected_drafts: those for the old reading withdrawn, the new reading's written)."""
    desk, mention_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    label = str(form.get("label", ""))
    back = safe_next(str(form.get("back", "")), f"/mentions/{mention_id}")  # /cases/N stays
    if label not in LABELS:
        _LOGGER.info("refused a relabel of mention %d: no such label", mention_id)
        raise web.HTTPBadRequest()  # the error page says what to do
    who = session(request).user.name
    try:
        done = await desk.db(
            correct_reading, desk.store, desk.playbook, mention_id, Label(label), by=who
        )
    except LookupError:
        raise web.HTTPNotFound() from None
    slack_cards.drafts_changed(request, done.withdrawn)
    raise redirect(back, _corrected(done))


def _corrected(done: Redrafted) -> str:
    """The notice saying what the correction did to the mention's drafts, truthfully."""
    if done.written:
        return "redrafted" if done.withdrawn else "drafted"
    return "corrected-write" if done.withdrawn else "corrected"


@require(Role.AGENT)
async def do_not_contact(request: web.Request) -> web.StreamResponse:
    """Any agent puts the mention's author on do-not-contact (they asked in a DM, a call, an
    email): their pending private drafts are withdrawn at once, naming who listed them."""
    return await _listing(request, listed=True)


@require(Role.MANAGER)
async def allow_contact(request: web.Request) -> web.StreamResponse:
    """Managers take an author off the list, as they alone assign cases to others: it lets
    private messages reach someone who asked us to stop. Nothing withdrawn comes back."""
    return await _listing(request, listed=False)


async def _listing(request: web.Request, *, listed: bool) -> web.StreamResponse:
    desk, mention_id = request.app[DESK], int_param(request, "id")
    form = await request.post()
    back = safe_next(str(form.get("back", "")), f"/mentions/{mention_id}")
    found = await desk.db(mention_author, desk.store, mention_id)
    if found is None:
        raise web.HTTPNotFound(text="There is no such mention.")
    platform, handle, case_id = found
    who = session(request).user.name
    try:
        # The listening instance's own accounts are stored in two forms: both, as the CLI.
        home = contacts.mastodon_homes(desk.config.sources)
        listing = await desk.db(
            contacts.set_do_not_contact,
            desk.store,
            platform,
            handle,
            by=who,
            value=listed,
            home=home,
        )
    except queue.NotFound:
        raise web.HTTPNotFound(text="There is no such mention.") from None
    await desk.db(
        audit.record_listing,
        desk.store,
        who,
        listing,
        listed=listed,
        mention_id=mention_id,
        case_id=case_id,
    )
    await slack_cards.listing_changed(request, listing, by=who)
    raise redirect(back, "dnc-listed" if listed else "dnc-unlisted")
