"""A post edited after it was stored, as the store takes it in.

On X an edit is a new post whose `edit_history_tweet_ids` starts with the first one; on
Mastodon it keeps its id and says when it was edited. Either listener hands it in as the first
id's mention with `edit_id` set (models.Mention), so an edit is never a second mention.
Here it becomes the mention's text and link (the first text kept in `first_text`). A mention
not read yet is read at its latest; one read already is read again (edited_reread: its
reading, and its pending drafts as a relabel makes them follow), unless it was decided on
(`decided`: a reply or DM to it approved, or rejected with the label kept, or its case
answered since it came in):
a post is decided once, so nothing is redone (no second draft, alert or ticket), and the
audit says so; only an edit asking us to stop still puts its author on do-not-contact, as a
new post does. An edit older than the version stored (`edit_id`: a page read before another,
stored after it) is dropped: the mention is not read again at outdated text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import Mention
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION, READING

_CLAIM = MENTION.c.claimed_until
ACTOR = "listener"  # who the audit says noticed the edit
ACTION = "post-edited"
# The detail of an edit that came after the desk decided (`decided`): a reply went out, or
# the desk turned the post's draft down; "; asked to stop" when it put its author on the list.
ANSWERED = "answered"
REJECTED = "rejected"
ASKED_TO_STOP = "; asked to stop"
EDITED = "post edited"  # `decided_by` of a draft withdrawn because the post was edited


def take_edits(conn: Connection, mentions: Sequence[Mention]) -> int:
    """Store the edits among `mentions` of mentions stored already (see the module's
    docstring); return how many were taken (a version stored already, or one older than the
    stored one, is no edit)."""
    edited = [m for m in mentions if m.edit_id]
    if not edited:
        return 0
    keys = sa.tuple_(MENTION.c.platform, MENTION.c.external_id)
    columns = ("id", "platform", "external_id", "text", "url", "processed", "edit_id")
    rows = conn.execute(
        sa.select(*(MENTION.c[n] for n in columns)).where(
            keys.in_([(m.platform, m.external_id) for m in edited])
        )
    ).all()
    stored = {(r.platform, r.external_id): r for r in rows}
    return sum(_take(conn, stored.get((m.platform, m.external_id)), m) for m in edited)


def _take(conn: Connection, row: Any, mention: Mention) -> bool:
    """Store one edit over its stored mention `row`, unless it is no newer than it."""
    text = mention.text.replace("\x00", "\ufffd")  # as ingest_authors.storable keeps it
    if row is None or (row.text, row.url) == (text, mention.url):
        return False  # a new mention (stored as any), or this version read again
    if not newer(mention.version, row.edit_id or row.external_id):
        return False  # a page read before the one that stored the newer version, stored late
    values: dict[str, Any] = {"url": mention.url, "edit_id": mention.edit_id}
    if row.text != text:
        # The first text stays the first: a second edit keeps it.
        first = sa.func.coalesce(MENTION.c.first_text, MENTION.c.text)
        values |= {"text": text, "lang": mention.lang, "first_text": first}
        # Read by the time this writes (decided while this waited for the rows' lock: the row
        # says so, not `row`), it is read again (edited_reread); one being read is left to its
        # reader, who finds the text changed (decided_as_read).
        read = MENTION.c.processed
        values |= {"processed": False, "claimed_until": sa.case((read, None), else_=_CLAIM)}
    # Only over the version read above: another source's ingest may have stored a newer one
    # since (PostgreSQL re-reads the row once that one commits, and then matches nothing).
    same = MENTION.c.edit_id.is_not_distinct_from(row.edit_id)
    done = conn.execute(sa.update(MENTION).where(MENTION.c.id == row.id, same).values(values))
    return done.rowcount == 1


def decided_as_read(conn: Connection, texts: dict[int, str]) -> set[int]:
    """Mark the mentions read at `texts` processed, and return them: those still at the text
    read and not decided by another worker. One edited meanwhile is let go (its claim
    cleared) to be read again at its latest, its decision on the old text not written. Rows
    are locked first, so an edit waiting on them finds them decided (_take)."""
    rows = conn.execute(
        sa.select(MENTION.c.id, MENTION.c.text)
        .where(MENTION.c.id.in_(list(texts)))
        .order_by(MENTION.c.id)
        .with_for_update()
    ).all()
    if edited := [r.id for r in rows if r.text != texts[r.id]]:
        let_go = MENTION.c.id.in_(edited) & MENTION.c.processed.is_(False)
        conn.execute(sa.update(MENTION).where(let_go).values(claimed_until=None))
    same = [r.id for r in rows if r.text == texts[r.id]]
    flipped = conn.execute(
        sa.update(MENTION)
        .where(MENTION.c.id.in_(same), MENTION.c.processed.is_(False))
        .values(processed=True, claimed_until=None)
        .returning(MENTION.c.id)
    )
    return set(flipped.scalars())


def newer(version: str, stored: str) -> bool:
    """Whether post version `version` came after `stored`. X's ids and Mastodon's edit
    stamps grow with time; ids that are not numbers cannot be ordered, and a different one is
    taken as newer, as before versions were compared."""
    if all(v.isascii() and v.isdigit() for v in (version, stored)):
        return int(version) > int(stored)
    return version != stored


def decided(conn: Connection, mention_id: int, *, label_now: str | None = None) -> str | None:
    """How the post was decided on, None if not: ANSWERED, a reply or DM to it approved (sent,
    or on its way), or a person's reply on its case approved after it came in (a follow-up
    answered with the case, the post in view); else REJECTED, a draft to it rejected while the
    edit keeps the label the rejection judged (`label_now`: the new reading's; a thank-you
    turned down stays turned down after a typo fixed, but praise edited into a complaint is a
    new matter for the desk). A withdrawn draft, or an auto reply to another post of the case
    (an acknowledgement), decided nothing about this one."""
    label = sa.select(READING.c.label).where(READING.c.mention_id == mention_id).scalar_subquery()
    own = DRAFT.c.mention_id == mention_id
    rejected = own & (DRAFT.c.status == "rejected") & (label == label_now)
    came = sa.select(MENTION.c.ingested_at).where(MENTION.c.id == mention_id).scalar_subquery()
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    cases = sa.select(CASE.c.id).where((CASE.c.mention_id == mention_id) | CASE.c.id.in_(joined))
    answered_case = (
        DRAFT.c.case_id.in_(cases) & DRAFT.c.auto.is_(False) & (DRAFT.c.decided_at >= came)
    )
    answered = (DRAFT.c.status == "approved") & (own | answered_case)
    if conn.scalar(sa.select(DRAFT.c.id).where(answered).limit(1)) is not None:
        return ANSWERED
    return REJECTED if conn.scalar(sa.select(DRAFT.c.id).where(rejected).limit(1)) else None


def withdrawn_for_edit(decided_by: str | None) -> bool:
    """Whether a withdrawn draft went because the post was edited (edited_reread)."""
    return decided_by == EDITED
