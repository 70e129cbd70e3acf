"""The copies of others' posts that an erasure or a purge rewrites when those posts name or
show something of the person (erasure_threads: the ids of their posts, their story's title;
erased_quotes: the address of a post of theirs quoted).

A post is copied, as a stored CaseContext, into the digest items collecting its alert and into
outbox actions: its case's and drafts' actions, its alerts, and the digests those went in.
Each copy is rewritten by the same change as the row. An alert delivered already showed what
it held in the chat: those are counted per sink, for the operator (erasure_copies).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erasure_payloads import payload_json
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_digest import naming
from mentiondesk.tables import CASE, DIGEST_ITEM, DRAFT, FOLLOW_UP, MENTION, OUTBOX

# Ids per query: a chunk is bound several times in one statement, and with the caller's own
# ids it stays under SQLite's 999 bound parameters.
CHUNK = 100

Change = Callable[[dict[str, Any]], dict[str, Any]]  # a copied mention (JSON), rewritten
Shown = Callable[[dict[str, Any], dict[str, Any]], bool]  # (before, after): a chat saw it


def rewrite_copies(
    conn: Connection,
    posts: list[int],
    change: Change,
    shown: Shown,
    lines: Callable[[str], str] | None = None,
    cards: set[int] | None = None,
) -> Counter[str]:
    """Rewrite the copies of these posts (mention ids, at most CHUNK) by `change`, and with
    `lines` the text of the actions copying them (a digest's line quotes each post); the
    delivered alerts whose copy lost something a chat showed (`shown`, or a line), per sink,
    their outbox ids added to `cards` (for the Slack ones to be rewritten, erased_cards)."""
    items = conn.execute(
        sa.select(DIGEST_ITEM.c.id, DIGEST_ITEM.c.payload, DIGEST_ITEM.c.digest_key).where(
            naming(posts)
        )
    ).all()
    for item in items:
        context = _rewritten(payload_json(item.payload), change)
        if context is not None:
            payload = json.dumps(context, ensure_ascii=False)
            conn.execute(
                sa.update(DIGEST_ITEM).where(DIGEST_ITEM.c.id == item.id).values(payload=payload)
            )
    outbox: set[int] = set()
    for where in _actions(posts, {i.digest_key for i in items if i.digest_key}):
        outbox |= set(conn.scalars(sa.select(OUTBOX.c.id).where(where)))
    ordered, seen = sorted(outbox), Counter[str]()
    for start in range(0, len(ordered), CHUNK):
        query = sa.select(OUTBOX.c.id, OUTBOX.c.payload, OUTBOX.c.target, OUTBOX.c.kind)
        query = query.add_columns(OUTBOX.c.status)
        for row in conn.execute(query.where(OUTBOX.c.id.in_(ordered[start : start + CHUNK]))):
            data = payload_json(row.payload)
            context = _rewritten(data.get("context"), change)
            said = data.get("text")
            text = lines(said) if lines and isinstance(said, str) else said
            if context is None and text == said:
                continue
            new = data | ({"context": context} if context is not None else {})
            new |= {"text": text} if "text" in data else {}
            payload = json.dumps(new, ensure_ascii=False)
            conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == row.id).values(payload=payload))
            saw = text != said or (context is not None and _saw(data, context, shown))
            if row.kind == "alert" and row.status == "done" and saw:
                seen[row.target] += 1
                if cards is not None:
                    cards.add(row.id)
    return seen


def _actions(posts: list[int], digests: set[str]) -> Iterable[Any]:
    """SQL on OUTBOX, each an index look-up apart (an OR of them scans the outbox)."""
    cases = sa.union(
        sa.select(CASE.c.id).where(CASE.c.mention_id.in_(posts)),
        sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id.in_(posts)),
    )
    drafts = sa.or_(DRAFT.c.mention_id.in_(posts), DRAFT.c.case_id.in_(cases))
    rows = sa.select(MENTION.c.platform, MENTION.c.external_id).where(MENTION.c.id.in_(posts))
    yield OUTBOX.c.case_id.in_(cases)
    yield OUTBOX.c.key.in_(sa.select(post_key(DRAFT.c.id)).where(drafts))
    yield sa.tuple_(OUTBOX.c.platform, OUTBOX.c.external_id).in_(rows)
    for digest in sorted(digests):  # `DIGEST_KEY:TARGET`, one per chat
        yield OUTBOX.c.key.startswith(f"{digest}:", autoescape=True)


def _rewritten(context: Any, change: Change) -> dict[str, Any] | None:
    """A stored CaseContext with its mentions (the one it is about and the case's earlier
    ones) changed; None when nothing in it changes."""
    if not isinstance(context, dict):
        return None
    earlier = context.get("earlier")
    new = {
        **context,
        "mention": _changed(context.get("mention"), change),
        **(
            {"earlier": [_changed(m, change) for m in earlier]} if isinstance(earlier, list) else {}
        ),
    }
    return new if new != context else None


def _changed(mention: Any, change: Change) -> Any:
    return change(mention) if isinstance(mention, dict) else mention


def _saw(data: dict[str, Any], context: dict[str, Any], shown: Shown) -> bool:
    """Whether the alert's card showed what its mention's copy lost."""
    before = (data.get("context") or {}).get("mention")
    after = context.get("mention")
    return isinstance(before, dict) and isinstance(after, dict) and shown(before, after)
