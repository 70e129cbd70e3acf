"""A help-desk ticket's draft as it stands when the ticket is filed, not when it was queued.

A ticket (or a follow-up's comment) may reach its help desk long after it was queued (the
desk was down, the outbox retried later), and the draft it carries may have been edited,
approved, sent or rejected meanwhile. Agents work in the help desk alone: it shows the text
as it is now, labelled by its state (responders._ticket_rows.DRAFT_STATE), so none copies a
stale text, sends a reply the team rejected, or writes again one already sent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import OutboxAction
from mentiondesk.outbox_payload import post_key
from mentiondesk.tables import OUTBOX
from responders._ticket_rows import DRAFT_STATE, draft_state

TICKETS = ("ticket", "comment")  # the action kinds a help desk files


def drafts_posts(conn: sa.Connection, draft_ids: set[Any]) -> dict[int, str]:
    """The outbox status of each draft's post ("post:draft:<id>") among `draft_ids`, by draft
    id; a draft with no post row is not in it."""
    if not draft_ids:
        return {}
    keys = {post_key(int(d)): int(d) for d in draft_ids}
    rows = conn.execute(sa.select(OUTBOX.c.key, OUTBOX.c.status).where(OUTBOX.c.key.in_(keys)))
    return {keys[r.key]: str(r.status) for r in rows}


def state_now(conn: sa.Connection, draft_id: int, status: str) -> str | None:
    """The DRAFT_STATE of draft `draft_id`, whose status is `status`."""
    posts = drafts_posts(conn, {draft_id}) if status == "approved" else {}
    return draft_state(status, posts.get(draft_id), draft_id in posts)


def as_now(action: OutboxAction, draft: sa.Row[Any] | None, posts: dict[int, str]) -> OutboxAction:
    """`action` with `draft`'s text and language as the store has them, and its state in
    extra[DRAFT_STATE]; as it was queued where the draft is gone (erased)."""
    if draft is None:
        return action
    ctx = action.context
    if draft.text is not None:
        ctx = replace(ctx, draft_text=str(draft.text), draft_lang=draft.lang or ctx.draft_lang)
    state = draft_state(draft.status, posts.get(draft.id), draft.id in posts)
    return replace(action, context=ctx, extra={**action.extra, DRAFT_STATE: state})
