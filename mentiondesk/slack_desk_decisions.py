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

import sqlalchemy as sa

from mentiondesk.slack_desk_edits import (
    PostedCard,
    cards_of_draft,
    on_cards,
    posted_cards,
    show_text,
)
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import Store
from mentiondesk.tables import CASE, MENTION, OUTBOX, case_number
from responders.slack import SlackResponder


def cards_of_case(store: Store, case_id: int, targets: Sequence[str] | None) -> list[PostedCard]:
    """The alert cards the responders named `targets` (None: any) posted about case
    `case_id`: its own alerts, and those about its post that name it."""
    with store.engine.connect() as conn:
        post = conn.execute(
            sa.select(MENTION.c.platform, MENTION.c.external_id)
            .join(CASE, CASE.c.mention_id == MENTION.c.id)
            .where(CASE.c.id == case_id)
        ).first()
        if post is None:
            return []
        same_post = sa.and_(
            OUTBOX.c.platform == post.platform, OUTBOX.c.external_id == post.external_id
        )
        found = posted_cards(conn, sa.or_(OUTBOX.c.case_id == case_id, same_post), targets)
    number = case_number(case_id)
    return [card for card in found if card.action.context.case_number == number]


async def settle_card(updates: CardUpdates, slack: SlackResponder, card: PostedCard) -> None:
    """`card` as the store has its draft and case now: settled buttons off, with who decided;
    a draft that waits again (restored) shown with its text. The caller holds its lock."""
    ctx = card.action.context
    ids = {"draft": ctx.draft_id, "case": ctx.case_number}
    await updates.settle(slack, card.channel, card.ts, ids)
    await show_text(updates, slack, card)  # nothing unless its draft waits, shown otherwise


async def show_decided(
    updates: CardUpdates, slacks: Sequence[SlackResponder], draft_id: int
) -> None:
    """Settle every Slack card of `draft_id` after it was approved, rejected or restored on
    the desk; never raise (this runs after the desk answered)."""
    find = partial(cards_of_draft, updates.store, draft_id)
    await on_cards(updates, slacks, find, settle_card, "a decision on the desk")


async def show_case(updates: CardUpdates, slacks: Sequence[SlackResponder], case_id: int) -> None:
    """Settle every Slack card of case `case_id` after it was resolved, closed, assigned or
    escalated on the desk; never raise."""
    find = partial(cards_of_case, updates.store, case_id)
    await on_cards(updates, slacks, find, settle_card, "a case action on the desk")
