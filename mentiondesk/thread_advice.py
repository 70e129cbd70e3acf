"""Which mentions are advice to another customer: a reply in a thread someone else owns
(its first post's author, or else the post it answers) holding an advice cue (bystanders.py).

The owner is looked up among the stored mentions: the thread's root (thread_id) when stored,
else the parent (parent_id). A reply whose thread and parent were never stored has no owner
we know of, and is decided on its reading alone, as is a reply in the author's own thread.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from mentiondesk.bystanders import gives_advice
from mentiondesk.models import Mention
from mentiondesk.store import PendingMention, Store
from mentiondesk.tables import MENTION

_Key = tuple[str, str]  # (platform, external_id)


def advising(
    store: Store, pending: Sequence[PendingMention], brand: Sequence[str] = ()
) -> set[int]:
    """The ids of the mentions in `pending` that advise another customer in their thread.
    `brand`: the brand's handles, to tell a complaint of the writer's to the brand (bystanders)."""
    candidates = [p for p in pending if _replies(p.mention) and gives_advice(p.mention.text, brand)]
    if not candidates:
        return set()
    authors = _authors(store, {k for p in candidates for k in _thread_keys(p.mention)})
    return {p.id for p in candidates if _owner(p.mention, authors) not in (None, p.author_id)}


def _replies(m: Mention) -> bool:
    """A reply: it answers a post, or sits in a thread it did not start."""
    return bool(m.parent_id) or bool(m.thread_id and m.thread_id != m.external_id)


def _thread_keys(m: Mention) -> list[_Key]:
    return [(m.platform, i) for i in (m.thread_id, m.parent_id) if i]


def _owner(m: Mention, authors: dict[_Key, int]) -> int | None:
    """The thread's owner: its root's author when stored, else the parent's."""
    for key in _thread_keys(m):
        if key in authors:
            return authors[key]
    return None


def _authors(store: Store, keys: set[_Key]) -> dict[_Key, int]:
    """The author of each stored post among `keys`, one query (a condition per platform)."""
    by_platform: dict[str, set[str]] = {}
    for platform, external_id in keys:
        by_platform.setdefault(platform, set()).add(external_id)
    where = sa.or_(
        *(
            sa.and_(MENTION.c.platform == platform, MENTION.c.external_id.in_(sorted(ids)))
            for platform, ids in by_platform.items()
        )
    )
    query = sa.select(MENTION.c.platform, MENTION.c.external_id, MENTION.c.author_id).where(where)
    with store.engine.connect() as conn:
        return {(r.platform, r.external_id): int(r.author_id) for r in conn.execute(query)}
