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
from datetime import datetime
from functools import partial

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    OutboxAction,
    RateLimited,
    TransientError,
    Wording,
    text_digest,
)
from mentiondesk.queue_errors import NotFound, StaleAction
from mentiondesk.slack_card import (
    CardState,
    card_state,
    current_card,
    pending_text,
    refreshed,
    waited_out,
)
from mentiondesk.slack_posted import PostedCard, as_delivered, cards_about
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import UNREACHABLE
from responders.slack import SlackResponder
from responders.slack_blocks import (
    ACTIONS_BLOCK,
    EDIT_NOTE_BLOCK,
    TOO_LONG_TO_EDIT,
    TOO_LONG_TO_SHOW,
    Block,
    alert_blocks,
)

_LOGGER = logging.getLogger(__name__)


def rewritten(
    blocks: list[Block],
    action: OutboxAction,
    text: str,
    state: CardState,
    *,
    when: datetime,
    wording: Wording,
) -> list[Block]:
    """The card `blocks` with its draft as `text`: made again from its alert, less the buttons
    the store settles, with the lines said since kept (said_since)."""
    fresh = alert_blocks(_showing(action, text), wording)
    kept = said_since(blocks, fresh, wording)
    return refreshed(fresh, state, pressed=None, when=when, wording=wording) + kept


def said_since(blocks: list[Block], fresh: list[Block], wording: Wording) -> list[Block]:
    """The lines said on the card `blocks` since it was posted (who did what): those after
    its buttons; on a card that has none left (all settled, a restored draft's), the
    context lines after its last section that are not the alert's own notes (`fresh`'s)."""
    at = next((n for n, b in enumerate(blocks) if b.get("block_id") == ACTIONS_BLOCK), None)
    if at is not None:
        return blocks[at + 1 :]
    last = max((n for n, b in enumerate(blocks) if b.get("type") == "section"), default=-1)
    notes = {_said(b) for b in fresh if b.get("type") == "context"}
    notes |= {wording.t(TOO_LONG_TO_SHOW), wording.t(TOO_LONG_TO_EDIT)}  # of an older text
    return [
        b
        for b in blocks[last + 1 :]
        if b.get("type") == "context"
        and b.get("block_id") != EDIT_NOTE_BLOCK
        and _said(b) not in notes
    ]


def _said(block: Block) -> str:
    """A context block's text (Slack hands its elements back with fields of its own)."""
    return "".join(str(e.get("text") or "") for e in block.get("elements") or [])


def unoffered(blocks: list[Block], action: OutboxAction, text: str, state: CardState) -> set[str]:
    """The buttons the card of `action` would offer with its draft as `text`, less those
    `state` settles, that `blocks` lack: a restored draft's, which a settlement took off
    when it was withdrawn."""
    fresh = alert_blocks(_showing(action, text), ENGLISH)  # ids compared, not words
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
    posted = await current_card(slack, card.channel, card.ts, now=updates.now)
    if posted is None or draft_id is None:
        return
    try:
        text = await asyncio.to_thread(pending_text, updates.store, draft_id)
    except (NotFound, StaleAction):
        return
    blocks = posted.get("blocks") or []
    ids = {"draft": draft_id, "case": card.action.context.case_number}
    state = await card_state(updates.store, ids, updates.ticket_target)
    action = as_delivered(card.action, desk_url=updates.desk_url, brand=updates.brand)
    if shown_digest(blocks) == text_digest(text) and not unoffered(blocks, action, text, state):
        return  # it shows this text, with every button its draft and case still offer
    new = rewritten(blocks, action, text, state, when=updates.now(), wording=slack.wording)
    if new == blocks:
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
    find = partial(cards_about, updates.store, draft_id=draft_id)
    await on_cards(updates, slacks, find, show_text, "an edit on the desk")


async def on_cards(
    updates: CardUpdates,
    slacks: Sequence[SlackResponder],
    find: Callable[[list[str]], list[PostedCard]],
    rewrite: Callable[[CardUpdates, SlackResponder, PostedCard], Awaitable[None]],
    what: str,
) -> bool:
    """`rewrite` each card `find` gives (of these responders), under its lock, after `what`
    was done on the desk; never raise. A card that fails is logged; the others still go.
    False when one may go through later (the store or Slack down, rate limited): the
    settle pass tries again. Slack's refusal (the card deleted, a scope missing) will not."""
    by_name = {s.name: s for s in slacks}
    try:
        found = await asyncio.to_thread(find, list(by_name))
    except UNREACHABLE as exc:
        name = type(exc).__name__  # not its message: that may name the database's host
        _LOGGER.warning("slack cards of %s: the store is unreachable (%s)", what, name)
        return False
    done = True
    for card in found:
        try:
            async with updates.cards.hold(card.channel, card.ts):
                await rewrite(updates, by_name[card.target], card)
        except UNREACHABLE as exc:
            name = type(exc).__name__
            _LOGGER.warning(
                "slack card %s not updated: the store is unreachable (%s)", card.ts, name
            )
            done = False
        except (TransientError, RateLimited) as exc:
            _LOGGER.warning("slack card %s not updated after %s: %s", card.ts, what, exc)
            done = False
        except FatalError as exc:
            _LOGGER.warning("slack card %s not updated after %s: %s", card.ts, what, exc)
        except Exception:
            _LOGGER.exception("slack card %s not updated after %s", card.ts, what)
    return done


async def show_on_card(
    updates: CardUpdates, slack: SlackResponder, channel: str, ts: str, draft_id: int
) -> None:
    """Rewrite the card at `channel`/`ts` with its draft's text (a click on it was refused
    for showing an older one); the caller holds its lock."""
    # Any responder's: the clicked card's owner (slack_actions.card_owner) is the one posting
    # to its channel, which may not be the name that posted it.
    found = await asyncio.to_thread(cards_about, updates.store, None, draft_id=draft_id)
    for card in found:
        if (card.channel, card.ts) == (channel, ts):
            await show_text(updates, slack, card)
