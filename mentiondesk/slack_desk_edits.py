"""A draft edited on the desk, shown on its Slack cards.

A card shows its draft as first posted, and its buttons carry that text's digest ("seen"),
so Approve on it is refused once the desk saved another text. Then the card no longer shows
what would go out: the worker that saved the edit rewrites the draft's cards (chat.update)
with the text as it is now, their buttons carrying its digest. Each rewrite reads the text
from the store when it runs, under the card's lock, and is skipped when the card shows it
already: saves in quick succession end with the last one, and a rewrite made twice changes
nothing. One that did not land (the worker stopped, Slack down, the card unreadable) is
made by the next click refused on the outdated card (DraftEdited).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    OutboxAction,
    RateLimited,
    TransientError,
    Wording,
    text_digest,
)
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.queue_errors import NotFound, StaleAction
from mentiondesk.slack_card import (
    CardState,
    card_state,
    current_card,
    pending_text,
    refreshed,
    waited_out,
)
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.tables import DELIVERY, DRAFT, MENTION, OUTBOX
from responders.slack import SlackResponder
from responders.slack_blocks import ACTIONS_BLOCK, Block, alert_blocks

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class PostedCard:
    """A card a Slack responder (`target`, its name) posted, and the alert it shows."""

    target: str
    channel: str
    ts: str
    action: OutboxAction


def cards_of_draft(store: Store, draft_id: int, targets: Sequence[str] | None) -> list[PostedCard]:
    """The alert cards the responders named `targets` (None: any) posted that show draft
    `draft_id`: found by its case, or its post (an alert without a case), then by the
    alert's draft. One whose stored alert cannot be read is left out."""
    with store.engine.connect() as conn:
        draft = conn.execute(
            sa.select(DRAFT.c.case_id, MENTION.c.platform, MENTION.c.external_id)
            .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
            .where(DRAFT.c.id == draft_id)
        ).first()
        if draft is None:
            return []
        post = sa.and_(
            OUTBOX.c.platform == draft.platform, OUTBOX.c.external_id == draft.external_id
        )
        shows = post if draft.case_id is None else sa.or_(OUTBOX.c.case_id == draft.case_id, post)
        found = posted_cards(conn, shows, targets)
    return [card for card in found if card.action.context.draft_id == draft_id]


def posted_cards(
    conn: Connection, shows: ColumnElement[bool], targets: Sequence[str] | None
) -> list[PostedCard]:
    """The delivered alert cards matching `shows`, posted by the responders named `targets`
    (None: any), that have buttons; one whose stored alert cannot be read is left out."""
    query = (
        sa.select(OUTBOX.c.target, OUTBOX.c.payload, OUTBOX.c.created_at, DELIVERY.c.ref)
        .join(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id)
        .where(OUTBOX.c.kind == "alert", shows)
    )
    if targets is not None:
        query = query.where(OUTBOX.c.target.in_(list(targets)))
    found = []
    for row in conn.execute(query).all():
        try:
            action = action_from_payload(row.payload, 0, row.created_at)
        except (KeyError, TypeError, ValueError):  # an older or erased payload
            continue
        channel, _, ts = str(row.ref or "").partition(":")
        if not action.text_only and ts:
            found.append(PostedCard(row.target, channel, ts, action))
    return found


def rewritten(
    blocks: list[Block],
    action: OutboxAction,
    text: str,
    state: CardState,
    *,
    when: datetime,
    wording: Wording,
) -> list[Block] | None:
    """The card `blocks` with its draft as `text`: made again from its alert, less the buttons
    the store settles, with the lines said since (after its buttons) kept. None for a card
    without buttons: nothing on it is offered any more."""
    at = next((n for n, b in enumerate(blocks) if b.get("block_id") == ACTIONS_BLOCK), None)
    if at is None:
        return None
    fresh = alert_blocks(_showing(action, text), wording)
    return refreshed(fresh, state, pressed=None, when=when, wording=wording) + blocks[at + 1 :]


def unoffered(blocks: list[Block], card: PostedCard, text: str, state: CardState) -> set[str]:
    """The buttons `card` would offer with its draft as `text`, less those `state` settles,
    that `blocks` lack: a restored draft's, which a settlement took off when it was withdrawn."""
    fresh = alert_blocks(_showing(card.action, text), ENGLISH)  # ids compared, not words
    return _offered(fresh) - _offered(blocks) - state.settled()


def _offered(blocks: list[Block]) -> set[str]:
    """The action ids of a card's buttons."""
    found = (b.get("elements") or [] for b in blocks if b.get("block_id") == ACTIONS_BLOCK)
    return {str(e.get("action_id")) for elements in found for e in elements}


def _showing(action: OutboxAction, text: str) -> OutboxAction:
    """The alert `action` with its draft as `text`."""
    return dataclasses.replace(action, context=dataclasses.replace(action.context, draft_text=text))


def shown_digest(blocks: list[Block]) -> str | None:
    """The text_digest() a card's buttons carry: of the draft text it shows. Read from the
    buttons, not by comparing blocks: Slack hands them back with ids and fields of its own."""
    for block in blocks:
        if block.get("block_id") != ACTIONS_BLOCK:
            continue
        for element in block.get("elements") or []:
            try:
                value = json.loads(element.get("value") or "")
            except ValueError:  # the desk's link has no value
                continue
            if isinstance(value, dict) and isinstance(value.get("seen"), str):
                return str(value["seen"])
    return None


async def show_text(
    updates: CardUpdates, slack: SlackResponder, card: PostedCard, *, retried: bool = False
) -> None:
    """Rewrite `card` with its draft's text as the store has it, if it shows another; left
    as it is when its draft was decided (a click, or slack_desk_decisions, says that) or it
    cannot be read back. The caller holds the card's lock."""
    draft_id = card.action.context.draft_id
    posted = await current_card(slack, card.channel, card.ts)
    if posted is None or draft_id is None:
        return
    try:
        text = await asyncio.to_thread(pending_text, updates.store, draft_id)
    except (NotFound, StaleAction):
        return
    blocks = posted.get("blocks") or []
    ids = {"draft": draft_id, "case": card.action.context.case_number}
    state = await card_state(updates.store, ids, updates.ticket_target)
    if shown_digest(blocks) == text_digest(text) and not unoffered(blocks, card, text, state):
        return  # it shows this text, with every button its draft and case still offer
    new = rewritten(blocks, card.action, text, state, when=updates.now(), wording=slack.wording)
    if new is None or new == blocks:
        return
    try:
        await slack.update(card.channel, card.ts, blocks=new, text=str(posted.get("text") or ""))
    except RateLimited as exc:  # made again once, from the card and the text as they are then
        if retried or not await waited_out(exc, now=updates.now):
            raise
        await show_text(updates, slack, card, retried=True)


async def show_edited(
    updates: CardUpdates, slacks: Sequence[SlackResponder], draft_id: int
) -> None:
    """Rewrite every Slack card of `draft_id` after an edit on the desk; never raise (this
    runs after the desk answered). A card that fails is logged; the others still go."""
    find = partial(cards_of_draft, updates.store, draft_id)
    await on_cards(updates, slacks, find, show_text, "an edit on the desk")


async def on_cards(
    updates: CardUpdates,
    slacks: Sequence[SlackResponder],
    find: Callable[[list[str]], list[PostedCard]],
    rewrite: Callable[[CardUpdates, SlackResponder, PostedCard], Awaitable[None]],
    what: str,
) -> None:
    """`rewrite` each card `find` gives (of these responders), under its lock, after `what`
    was done on the desk; never raise. A card that fails is logged; the others still go."""
    by_name = {s.name: s for s in slacks}
    try:
        found = await asyncio.to_thread(find, list(by_name))
    except UNREACHABLE as exc:
        name = type(exc).__name__  # not its message: that may name the database's host
        _LOGGER.warning("slack cards of %s: the store is unreachable (%s)", what, name)
        return
    for card in found:
        try:
            async with updates.cards.hold(card.channel, card.ts):
                await rewrite(updates, by_name[card.target], card)
        except UNREACHABLE as exc:
            name = type(exc).__name__
            _LOGGER.warning(
                "slack card %s not updated: the store is unreachable (%s)", card.ts, name
            )
        except (FatalError, TransientError, RateLimited) as exc:
            _LOGGER.warning("slack card %s not updated after %s: %s", card.ts, what, exc)
        except Exception:
            _LOGGER.exception("slack card %s not updated after %s", card.ts, what)


async def show_on_card(
    updates: CardUpdates, slack: SlackResponder, channel: str, ts: str, draft_id: int
) -> None:
    """Rewrite the card at `channel`/`ts` with its draft's text (a click on it was refused
    for showing an older one); the caller holds its lock."""
    # Any responder's: the clicked card's owner (slack_actions.card_owner) is the one posting
    # to its channel, which may not be the name that posted it.
    found = await asyncio.to_thread(cards_of_draft, updates.store, draft_id, None)
    for card in found:
        if (card.channel, card.ts) == (channel, ts):
            await show_text(updates, slack, card)
