"""How the retention erases one batch of what retention_rows finds ready: posts and what
was written about them blanked or deleted, then their authors' rows blanked. What the
figures count stays (see mentiondesk.retention).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.forgotten import drop_handle, keep_forgotten, listed_forms
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_actions import blank_actions, late_alerts
from mentiondesk.retention_digest import naming
from mentiondesk.retention_keys import rekey
from mentiondesk.retention_listings import blank_listings
from mentiondesk.retention_rows import marked
from mentiondesk.tables import (
    AUTHOR,
    CORRECTION,
    DIGEST_ITEM,
    DRAFT,
    FINISHED,
    KEPT_TEXT,
    MENTION,
    NOTE,
    OUTBOX,
)


def blank_mentions(
    conn: Connection, case_ids: list[int], mention_ids: Any, cutoff: datetime
) -> dict[str, int]:
    """Blank these posts and everything written about them (`case_ids`: their cases), their
    alerts collected for digests deleted; the counts by kind. Readings, cases, follow-ups
    and survey answers stay: they hold no text and the figures count them."""
    drafts = _either(DRAFT, DRAFT.c.mention_id.in_(mention_ids), DRAFT.c.case_id.in_(case_ids))
    keys = sa.select(post_key(DRAFT.c.id)).where(drafts)
    actions = _either(OUTBOX, OUTBOX.c.case_id.in_(case_ids), OUTBOX.c.key.in_(keys))
    # Their alerts in digests quote the text and the handle: a post is only ready once its
    # digests are delivered, so they go now, before rekey renames the ids that find them.
    # Those collected before `cutoff` are sent_digest_items' (a dry run would count twice).
    recent = sa.and_(naming(mention_ids), DIGEST_ITEM.c.created_at >= cutoff)
    items = _delete(conn, DIGEST_ITEM, recent)
    rekey(conn, mention_ids)  # first: it finds the posts by the platform ids it renames
    # It renamed them in the columns of every action naming them (NULL ones found by key):
    # `purged:ROW`, as their rows will be. Found by index, so a late read's alerts go too.
    renamed = sa.select(MENTION.c.platform, marked(MENTION)).where(MENTION.c.id.in_(mention_ids))
    late = blank_actions(conn, late_alerts(renamed, cutoff))
    # A refused form's kept text (a reply to them) goes with its session, and the post is
    # blanked, not deleted: no cascade takes it. Uncounted: it is a browser tab's, not data.
    conn.execute(sa.delete(KEPT_TEXT).where(KEPT_TEXT.c.mention_id.in_(mention_ids)))
    sent = late + blank_actions(conn, sa.and_(actions, OUTBOX.c.status.in_(FINISHED)))
    return {
        "digest_items": items,
        **sent,
        "drafts": _update(conn, DRAFT, sa.and_(drafts, DRAFT.c.text != ""), text=""),
        "notes": _delete(
            conn,
            NOTE,
            _either(NOTE, NOTE.c.mention_id.in_(mention_ids), NOTE.c.case_id.in_(case_ids)),
        ),
        "corrections": _delete(conn, CORRECTION, CORRECTION.c.mention_id.in_(mention_ids)),
        "mentions": _update(
            conn,
            MENTION,
            MENTION.c.id.in_(mention_ids),
            text="",
            first_text=None,
            edit_id=None,  # a post id, as the link is
            url="",
            thread_id=None,
            parent_id=None,
            on_title=None,  # the conversation it was in, as the thread's ids
            external_id=marked(MENTION),
        ),
    }


def _either(table: sa.Table, *found: Any) -> Any:
    """SQL on `table`: a row any of `found` picks, as a UNION of their ids. An OR of them,
    one an IN (subquery), scans the whole table on PostgreSQL (the outbox, payloads and
    all: 45 s a batch on a year's store); each alone is an index look-up. Uncorrelated: in
    an UPDATE or DELETE of `table` it would otherwise be asked again for every row."""
    ids = (sa.select(table.c.id).where(f).correlate(None) for f in found)
    return table.c.id.in_(sa.union(*ids))


def delete_digest_items(conn: Connection, ids: list[int]) -> int:
    return _delete(conn, DIGEST_ITEM, DIGEST_ITEM.c.id.in_(ids))


def blank_authors(
    conn: Connection, author_ids: list[int], home: Collection[str] = ()
) -> tuple[int, int]:
    """Blank these authors' rows (their posts already are) and the handle in the audit's
    lines listing them for do-not-contact; (audit lines, authors). One who asked not to be
    contacted stays on the list as their account's fingerprint, as an erased author does.
    `home`: the hosts of the Mastodon instances the sources read from (listed_forms)."""
    a = AUTHOR.c
    rows = conn.execute(
        sa.select(a.id, a.platform, a.external_id, a.handle, a.do_not_contact).where(
            a.id.in_(author_ids)
        )
    ).all()
    listed = [r for r in rows if r.do_not_contact]
    keep_forgotten(conn, [(r.platform, r.external_id) for r in listed])
    for r in listed:  # a handle listed before it was seen, a trace easy to guess, goes
        for form in sorted(listed_forms(r.platform, [r.handle], home)):
            drop_handle(conn, r.platform, form)
    listings = blank_listings(conn, rows)
    values = {"handle": "", "name": "", "followers": 0, "do_not_contact": False}
    return listings, _update(
        conn, AUTHOR, AUTHOR.c.id.in_(author_ids), external_id=marked(AUTHOR), **values
    )


def _update(conn: Connection, table: sa.Table, where: Any, **values: Any) -> int:
    return int(conn.execute(sa.update(table).where(where).values(**values)).rowcount or 0)


def _delete(conn: Connection, table: sa.Table, where: Any) -> int:
    return int(conn.execute(sa.delete(table).where(where)).rowcount or 0)
