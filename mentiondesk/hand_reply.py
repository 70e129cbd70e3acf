"""A reply a person writes themselves on the case page, sent as they submit it.

Writing it yourself is sending it: the text becomes a draft written by that person and is
approved in the same transaction, through the very path that approves a drafted reply
(queue.approve_pending), so the reply-length limit, the outbox's exactly-once key, the
first response and the audit line (written in that transaction) all hold as for any approved
draft. Nothing waits in the queue.
On a platform mentiondesk cannot post to (Hacker News), the person posted it there and the
form records it: approved by hand (hand_posting), the case answered, nothing sent.

Two people (or one double click) answering the same case at once must not send twice: the
form carries how many replies the case had when it was shown, and a submit that finds more
is refused as stale, after locking the case row so the count cannot change under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write_for_draft
from mentiondesk.cases import lock_case
from mentiondesk.models import can_post, has_private_messages, is_private_post
from mentiondesk.opt_outs import dm_refused
from mentiondesk.queue import EmptyReply, NotFound, StaleAction, approve_pending
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION, READING, case_number

# A hand-written draft's `rule`: no playbook rule wrote it. The case page says "written by hand".
HAND = "by hand"
KINDS = ("public", "private")


class PrivateRefused(RuntimeError):
    """No private message here: `reason` is "dnc" (the author asked not to be contacted)
    or "no-private" (the platform has no private messages)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Sent:
    draft_id: int
    key: str  # the outbox row's key, to deliver it at once; "" when posted by hand


def replies_so_far(conn: Connection, case_id: int) -> int:
    """How many replies the case has had approved: the form's guard against sending twice."""
    query = sa.select(sa.func.count()).where(
        DRAFT.c.case_id == case_id, DRAFT.c.status == "approved"
    )
    return int(conn.scalar(query) or 0)


def write_reply(
    store: Store,
    mention_id: int,
    *,
    by: str,
    kind: str,
    text: str,
    seen: int,
    post_route: dict[str, str],
) -> Sent:
    """Send `by`'s own reply to a mention of an open case; return its draft and outbox key.

    ValueError for an unknown kind, queue.EmptyReply for empty text, queue.ReplyTooLong past
    the platform's limit, PrivateRefused for a private message that may not go, StaleAction
    when the case is no longer open or had more than `seen` replies (someone answered
    meanwhile).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be public or private, not {kind!r}")
    if not text.strip():
        raise EmptyReply("the reply text is empty")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        mention, case_id = _open_case(conn, mention_id)
        if kind == "private" and not has_private_messages(mention.platform):
            raise PrivateRefused("no-private")
        # A public reply to a followers-only or direct post goes no wider than the post:
        # a private message too, as far as do-not-contact goes (dm_refused).
        if dm_refused(conn, mention_id, kind):
            raise PrivateRefused("dnc")
        if replies_so_far(conn, case_id) > seen:
            raise StaleAction(f"case {case_number(case_id)} was answered meanwhile")
        draft = _new_draft(conn, mention_id, case_id, kind=kind, text=text, now=now)
        by_hand = not can_post(mention.platform)
        key = approve_pending(
            conn, store, draft, by=by, post_route=post_route, text=None, now=now, by_hand=by_hand
        )
        # On a non-public post every reply reaches the author alone: this one answers both.
        kinds = KINDS if is_private_post(mention.visibility) else (kind,)
        _withdraw_waiting(conn, case_id, kinds=kinds, by=by, now=now)
        # No key: posted on the platform by hand (Hacker News), nothing for the outbox to send.
        write_for_draft(conn, by, "reply" if key else "posted-reply", draft.id)
    return Sent(draft_id=draft.id, key=key)


def hand_replies(conn: Connection, case_ids: list[int]) -> dict[int, list[Any]]:
    """Each case's replies written by hand (kind, decided_by, decided_at), oldest first."""
    if not case_ids:
        return {}
    rows = conn.execute(
        sa.select(DRAFT.c.case_id, DRAFT.c.kind, DRAFT.c.decided_by, DRAFT.c.decided_at)
        .where(DRAFT.c.case_id.in_(case_ids), DRAFT.c.rule == HAND, DRAFT.c.status == "approved")
        .order_by(DRAFT.c.decided_at, DRAFT.c.id)
    ).all()
    found: dict[int, list[Any]] = {}
    for row in rows:
        found.setdefault(int(row.case_id), []).append(row)
    return found


def answered_otherwise(replies: list[Any], draft: Any) -> Any | None:
    """The latest reply of the other kind written by hand after the pending `draft` was: the
    draft may still be right to send (a private follow-up to a public answer), so it stays;
    the desk asks before it goes. None when there is none."""
    later = [
        r
        for r in replies
        if r.kind != draft.kind and r.decided_at is not None and r.decided_at >= draft.created_at
    ]
    return later[-1] if later else None


def _open_case(conn: Connection, mention_id: int) -> tuple[Any, int]:
    """The mention and its open case, whose row is locked until the commit, so two submits
    (or a submit and an approval) queue up."""
    mention = conn.execute(sa.select(MENTION).where(MENTION.c.id == mention_id)).first()
    if mention is None:
        raise NotFound(f"no mention {mention_id}")
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    theirs = sa.or_(CASE.c.mention_id == mention_id, CASE.c.id.in_(joined))
    case_id = conn.scalar(sa.select(sa.func.max(CASE.c.id)).where(theirs))
    if case_id is None:
        raise NotFound(f"mention {mention_id} has no case")
    if not lock_case(conn, int(case_id), while_open=True):
        raise StaleAction(f"case {case_number(case_id)} is no longer open")
    return mention, int(case_id)


def _new_draft(
    conn: Connection, mention_id: int, case_id: int, *, kind: str, text: str, now: datetime
) -> sa.Row[Any]:
    lang = conn.scalar(sa.select(READING.c.lang).where(READING.c.mention_id == mention_id))
    values = {
        "mention_id": mention_id,
        "case_id": case_id,
        "kind": kind,
        "text": text,
        "lang": (lang or "und")[:16],
        "rule": HAND,
        "created_at": now,
    }
    new_id = conn.execute(sa.insert(DRAFT).values(values).returning(DRAFT.c.id)).scalar_one()
    return conn.execute(sa.select(DRAFT).where(DRAFT.c.id == new_id)).one()


def _withdraw_waiting(
    conn: Connection, case_id: int, *, kinds: tuple[str, ...], by: str, now: datetime
) -> None:
    """A drafted reply of these kinds still waiting is answered by this one: withdrawn,
    so approving it later cannot send the author a second reply."""
    conn.execute(
        sa.update(DRAFT)
        .where(DRAFT.c.case_id == case_id, DRAFT.c.kind.in_(kinds), DRAFT.c.status == "pending")
        .values(status="withdrawn", decided_at=now, decided_by=by)
    )
