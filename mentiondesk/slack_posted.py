"""The Slack cards posted about a draft or a case, found in the outbox, and each card's alert
as its delivery showed it: what the desk's edits and decisions rewrite (slack_desk_edits,
slack_desk_decisions)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from mentiondesk.config_desk import case_page
from mentiondesk.models import Brand, OutboxAction
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.store import Store
from mentiondesk.tables import (
    CASE,
    DELIVERY,
    DRAFT,
    MENTION,
    OUTBOX,
    case_number,
    parse_case_number,
)
from playbooks.impostors import posing_as


@dataclass(frozen=True)
class PostedCard:
    """A card a Slack responder (`target`, its name) posted, and the alert it shows."""

    target: str
    channel: str
    ts: str
    action: OutboxAction


def cards_about(
    store: Store,
    targets: Sequence[str] | None,
    *,
    draft_id: int | None = None,
    case_id: int | None = None,
) -> list[PostedCard]:
    """The alert cards the responders named `targets` (None: any) posted that show draft
    `draft_id`, or else case `case_id`: found by the case (the draft's), or the post it is
    about (an alert without a case, or one about its post naming it), then by the alert's
    own draft or case. One whose stored alert cannot be read is left out."""
    if draft_id is not None:
        about = sa.select(DRAFT.c.case_id, MENTION.c.platform, MENTION.c.external_id)
        about = about.join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        about = about.where(DRAFT.c.id == draft_id)
    else:
        about = sa.select(CASE.c.id.label("case_id"), MENTION.c.platform, MENTION.c.external_id)
        about = about.join(MENTION, MENTION.c.id == CASE.c.mention_id)
        about = about.where(CASE.c.id == case_id)
    with store.engine.connect() as conn:
        row = conn.execute(about).first()
        if row is None:
            return []
        post = sa.and_(OUTBOX.c.platform == row.platform, OUTBOX.c.external_id == row.external_id)
        shows = post if row.case_id is None else sa.or_(OUTBOX.c.case_id == row.case_id, post)
        found = posted_cards(conn, shows, targets)
    if draft_id is not None:
        return [card for card in found if card.action.context.draft_id == draft_id]
    number = case_number(int(row.case_id))
    return [card for card in found if card.action.context.case_number == number]


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


def as_delivered(
    action: OutboxAction, *, desk_url: str | None, brand: Brand | None
) -> OutboxAction:
    """The stored alert `action` with what delivery adds to it (outbox_claim): its case's
    desk link, and the warning about an author resembling `brand`. A card made again from
    the stored alert alone would lose its "Open in desk" button and that warning."""
    ctx = action.context
    try:
        case_id = parse_case_number(ctx.case_number) if ctx.case_number else None
    except ValueError:
        case_id = None
    ctx = dataclasses.replace(ctx, case_url=case_page(desk_url, case_id) or ctx.case_url)
    if brand is not None and (found := posing_as(brand, ctx.mention)) is not None:
        ctx = dataclasses.replace(ctx, impostor_of=found.term)
    return dataclasses.replace(action, context=ctx)
