"""When an approved draft's post went, and its link: the case page says "Sent" with them.

A draft's post is the outbox row keyed "post:draft:<id>" (held_replies.post_states finds it);
its delivery is the DELIVERY row of that outbox row's id, the one link the retention and the
erasure leave alone (they may rename a delivery's key, never its outbox_id).
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.held_replies import PostState
from mentiondesk.tables import DELIVERY
from mentiondesk.web.data_case_rows import SentPost


def sent_posts(conn: Connection, posts: Mapping[int, PostState]) -> dict[int, SentPost]:
    """The delivery of each delivered post among `posts` (by draft id), by draft id: one
    query for the page, none when no post was delivered."""
    drafts = {p.outbox_id: draft_id for draft_id, p in posts.items() if p.status == "done"}
    if not drafts:
        return {}
    query = (
        sa.select(DELIVERY.c.outbox_id, DELIVERY.c.delivered_at, DELIVERY.c.url)
        .where(DELIVERY.c.outbox_id.in_(list(drafts)))
        .order_by(DELIVERY.c.id)  # the latest stays, should a row have been delivered twice
    )
    return {
        drafts[r.outbox_id]: SentPost(drafts[r.outbox_id], r.delivered_at, r.url)
        for r in conn.execute(query).all()
    }
