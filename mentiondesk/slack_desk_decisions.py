"""A draft decided, or a case ended, taken or escalated, on the desk, said on its Slack cards.

Without this a card goes on offering Approve, Reject or "Assign to me" for work done on the
desk until someone presses it (and is refused). The desk hands the draft or the case to
SlackActions (draft_decided, case_changed), which settles each of its cards in a kept task,
as a refused click does: the buttons the store settles go, and a line says who decided, or
that the case ended (slack_card.refreshed). Each card is read back and settled under its
lock from the store as it is when the task runs, so a settlement made twice, or after a
click's, changes nothing; a restored draft's card shows its text as it is now.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from mentiondesk.slack_desk_edits import on_cards, show_text
from mentiondesk.slack_posted import PostedCard, cards_about
from mentiondesk.slack_updates import CardUpdates
from responders.slack import SlackResponder


async def settle_card(updates: CardUpdates, slack: SlackResponder, card: PostedCard) -> None:
    """`card` as the store has its draft and case now: settled buttons off, with who decided;
    a draft that waits again (restored) shown with its text. The caller holds its lock."""
    ctx = card.action.context
    ids = {"draft": ctx.draft_id, "case": ctx.case_number}
    await updates.settle(slack, card.channel, card.ts, ids)
    await show_text(updates, slack, card)  # nothing unless its draft waits, shown otherwise


async def show_decided(
    updates: CardUpdates, slacks: Sequence[SlackResponder], draft_id: int
) -> bool:
    """Settle every Slack card of `draft_id` after it was approved, rejected or restored on
    the desk; never raise (this runs after the desk answered). False: one may be settled
    later (on_cards)."""
    find = partial(cards_about, updates.store, draft_id=draft_id)
    return await on_cards(updates, slacks, find, settle_card, "a decision on the desk")


async def show_case(updates: CardUpdates, slacks: Sequence[SlackResponder], case_id: int) -> bool:
    """Settle every Slack card of case `case_id` after it was resolved, closed, assigned or
    escalated on the desk; never raise. False: one may be settled later (on_cards)."""
    find = partial(cards_about, updates.store, case_id=case_id)
    return await on_cards(updates, slacks, find, settle_card, "a case action on the desk")
