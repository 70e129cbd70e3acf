"""The desk's word to the Slack cards of a draft or case it changed (slack_actions), so a
card does not go on offering what was done here: a background task that never fails the
desk's answer; nothing where no Slack app is mounted."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.contacts import Listing
from mentiondesk.opt_outs import listed_by
from mentiondesk.slack_actions import SLACK_ACTIONS
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION
from mentiondesk.web.common import DESK
from mentiondesk.web.data_case import mention_author


def draft_changed(request: web.Request, draft_id: int, *, edited: bool = False) -> None:
    """Draft `draft_id` was decided, restored or (`edited`) given a new text."""
    if (slack := request.app.get(SLACK_ACTIONS)) is not None:
        if edited:
            slack.draft_edited(draft_id)
        else:
            slack.draft_decided(draft_id)


def drafts_changed(request: web.Request, draft_ids: Iterable[int]) -> None:
    """Each of `draft_ids` was decided (withdrawn by a correction, say)."""
    for draft_id in draft_ids:
        draft_changed(request, draft_id)


def case_changed(request: web.Request, case_id: int) -> None:
    """Case `case_id` was assigned, escalated, resolved, closed or answered: each card of it
    says what the store settled since (its draft withdrawn by a reply written by hand)."""
    if (slack := request.app.get(SLACK_ACTIONS)) is not None:
        slack.case_changed(case_id)


async def answered_by_hand(request: web.Request, mention_id: int) -> None:
    """A reply written by hand to `mention_id` answered its case, withdrawing the drafts that
    waited: the case's cards say so."""
    if request.app.get(SLACK_ACTIONS) is None:
        return
    desk = request.app[DESK]
    found = await desk.db(mention_author, desk.store, mention_id)
    if found is not None and found[2] is not None:
        case_changed(request, found[2])


async def listing_changed(request: web.Request, listing: Listing, *, by: str) -> None:
    """`by` put an author on do-not-contact: the cards of the drafts it withdrew say so."""
    if request.app.get(SLACK_ACTIONS) is None or not listing.withdrawn:
        return
    desk = request.app[DESK]
    found = await desk.db(withdrawn_by, desk.store, listing.author_ids, listed_by(by))
    drafts_changed(request, found)


def withdrawn_by(store: Store, author_ids: Collection[int], reason: str) -> list[int]:
    """The drafts answering `author_ids`' mentions that `reason` (a listing's) withdrew: its
    own now, and any an earlier listing with that reason did (settled already: unchanged)."""
    theirs = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(list(author_ids)))
    query = sa.select(DRAFT.c.id).where(
        DRAFT.c.mention_id.in_(theirs), DRAFT.c.status == "withdrawn", DRAFT.c.decided_by == reason
    )
    with store.engine.connect() as conn:
        return list(conn.scalars(query.order_by(DRAFT.c.id)))
