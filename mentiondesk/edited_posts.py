"""A post edited after it was stored, as the store takes it in.

On X an edit is a new post whose `edit_history_tweet_ids` starts with the first one: the
listener hands it in as the first id's mention with `edit_id` set (models.Mention), so an
edit is never a second mention. Here it becomes the mention's text and link (the first text
kept in `first_text`). A mention not read yet is read at its latest; one read already is read
again (edited_reread: its reading, and its pending drafts as a relabel makes them follow),
unless a reply or DM to it was approved: then nothing is redone, and the audit says so; only an
edit asking us to stop still puts its author on do-not-contact, as a new post does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import Mention
from mentiondesk.tables import DRAFT, MENTION

ACTOR = "listener"  # who the audit says noticed the edit
ACTION = "post-edited"
ANSWERED = "answered"  # the detail of an edit that came after a reply or DM was approved
ANSWERED_STOP = "answered; asked to stop"  # …one that put its author on do-not-contact
EDITED = "post edited"  # `decided_by` of a draft withdrawn because the post was edited


def take_edits(conn: Connection, mentions: Sequence[Mention]) -> int:
    """Store the edits among `mentions` of mentions stored already (see the module's
    docstring); return how many were taken (a version stored already is no edit)."""
    edited = [m for m in mentions if m.edit_id]
    if not edited:
        return 0
    keys = sa.tuple_(MENTION.c.platform, MENTION.c.external_id)
    columns = ("id", "platform", "external_id", "text", "url", "processed")
    rows = conn.execute(
        sa.select(*(MENTION.c[n] for n in columns)).where(
            keys.in_([(m.platform, m.external_id) for m in edited])
        )
    ).all()
    stored = {(r.platform, r.external_id): r for r in rows}
    taken = 0
    for mention in edited:
        row = stored.get((mention.platform, mention.external_id))
        text = mention.text.replace("\x00", "\ufffd")  # as store._storable keeps it
        if row is None or (row.text, row.url) == (text, mention.url):
            continue  # a new mention (stored as any), or this version read again
        values: dict[str, Any] = {"url": mention.url}
        if row.text != text:
            # The first text stays the first: a second edit keeps it.
            first = sa.func.coalesce(MENTION.c.first_text, MENTION.c.text)
            values |= {"text": text, "lang": mention.lang, "first_text": first}
            if row.processed:  # the processor takes it again (edited_reread)
                values |= {"processed": False, "claimed_until": None}
        conn.execute(sa.update(MENTION).where(MENTION.c.id == row.id).values(values))
        taken += 1
    return taken


def answered(conn: Connection, mention_id: int) -> bool:
    """Whether a reply or DM to the mention was approved (sent, or on its way)."""
    query = sa.select(DRAFT.c.id).where(
        DRAFT.c.mention_id == mention_id, DRAFT.c.status == "approved"
    )
    return conn.scalar(query.limit(1)) is not None


def withdrawn_for_edit(decided_by: str | None) -> bool:
    """Whether a withdrawn draft went because the post was edited (edited_reread)."""
    return decided_by == EDITED
