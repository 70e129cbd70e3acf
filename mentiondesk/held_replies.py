"""Approved replies the outbox holds: the author was never answered, so the desk shows them.

An approved draft's post is the outbox row keyed "post:draft:<id>" (outbox_payload.post_key).
The outbox holds a row when sending cannot succeed by waiting (the author opted out since, the
platform refused the text or the message, no responder by that name is configured): `outbox
list` and /healthz count it, and here the queue and the case page show it where people work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk import outbox_admin
from mentiondesk.audit_trail import resent, write_for_draft
from mentiondesk.case_state import lock_open

# Re-exported: why a row is held is read in held_reasons, which audit_trail uses too.
from mentiondesk.held_reasons import AS_RECORDED as AS_RECORDED
from mentiondesk.held_reasons import PERSON_HELD as PERSON_HELD
from mentiondesk.held_reasons import PERSONS_HOLDS as PERSONS_HOLDS
from mentiondesk.held_reasons import held_reason as held_reason
from mentiondesk.opt_outs import dm_refused
from mentiondesk.outbox_payload import post_key
from mentiondesk.queue import DoNotContact, NotFound, StaleAction
from mentiondesk.reply_limits import (
    TooLong,
    content_warning,
    length_problem,
    reply_length,
    reply_limit,
)
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, MENTION, OUTBOX


@dataclass(frozen=True, slots=True)
class PostState:
    """Where an approved draft's post stands in the outbox."""

    outbox_id: int
    status: str  # pending | done | held | dropped
    attempts: int
    last_error: str | None
    # Held as too long: the reply's length as its platform counts it, against its limit
    # (the desk says by how much); None for any other post.
    length: TooLong | None = None

    @property
    def held(self) -> bool:
        return self.status == "held"

    @property
    def reason(self) -> str:
        return held_reason(self.last_error, attempts=self.attempts)

    @property
    def held_by(self) -> tuple[str, str] | None:
        """(who, why) when a person held it (`outbox hold`), for the page to say in words."""
        return person_hold(self.last_error) if self.reason == "by-person" else None


@dataclass(frozen=True, slots=True)
class HeldReply:
    """A case's latest reply approved by a person, which the outbox holds."""

    draft_id: int
    kind: str
    post: PostState


def held_by_person(actor: str, reason: str | None) -> str:
    """What a person's hold records as the row's last error: who held it, and why if they
    said (`outbox list --held` shows it; `held_reason` reads it as "by-person")."""
    return f"{PERSON_HELD}{actor}: {reason}" if reason else f"{PERSON_HELD}{actor}"


def person_hold(error: str | None) -> tuple[str, str] | None:
    """Who held a row and why ("" when they gave no reason), from what held_by_person
    recorded; None for a hold that is not a person's."""
    if not error or not error.startswith(PERSON_HELD):
        return None
    actor, _, reason = error.removeprefix(PERSON_HELD).partition(": ")
    return actor, reason


def draft_of(key: str) -> int | None:
    """The draft whose post an outbox key is ("post:draft:12" → 12); None for any other."""
    tail = key.removeprefix("post:draft:")
    return int(tail) if tail != key and tail.isdigit() else None


def by_a_person(draft: sa.FromClause) -> sa.ColumnElement[bool]:
    """SQL: a row of `draft` (the draft table or an alias of it) is a reply a person approved,
    not one a playbook sent by itself."""
    return sa.and_(draft.c.status == "approved", draft.c.auto.is_(False))


def held_first() -> sa.ColumnElement[int]:
    """SQL ordering: cases whose reply the outbox holds before the rest (the queue's top)."""
    return sa.case((reply_held(CASE.c.id), 0), else_=1)


def held_case_ids(conn: Connection) -> list[int]:
    """Open cases whose reply the outbox holds (held_first's cases), found from the few held
    outbox rows: ordering every open case by held_first() read every approved draft."""
    prefix = post_key(0).removesuffix("0")
    keys = conn.scalars(
        sa.select(OUTBOX.c.key).where(
            OUTBOX.c.status == "held", OUTBOX.c.key.startswith(prefix, autoescape=True)
        )
    )
    drafts = [int(k[len(prefix) :]) for k in keys if k[len(prefix) :].isdigit()]
    if not drafts:
        return []
    theirs = sa.select(DRAFT.c.case_id).where(DRAFT.c.id.in_(drafts))
    query = sa.select(CASE.c.id).where(
        CASE.c.status == "open", CASE.c.id.in_(theirs), reply_held(CASE.c.id)
    )
    return list(conn.scalars(query))


def _held(draft: sa.FromClause, statuses: tuple[str, ...] = ("held",)) -> sa.ColumnElement[bool]:
    return sa.exists().where(OUTBOX.c.key == post_key(draft.c.id), OUTBOX.c.status.in_(statuses))


def reply_held(case_id: Any) -> Any:
    """SQL: the latest reply a person approved in `case_id`'s case is held (no later reply
    of theirs went or is on its way). An older held one that a later reply made moot is not."""
    mine, later = DRAFT.alias("held_draft"), DRAFT.alias("later_draft")
    after = sa.or_(
        later.c.decided_at > mine.c.decided_at,
        sa.and_(later.c.decided_at == mine.c.decided_at, later.c.id > mine.c.id),
    )
    sent_later = sa.exists().where(
        later.c.case_id == mine.c.case_id,
        by_a_person(later),
        after,
        ~_held(later, ("held", "dropped")),  # a dropped one neither went nor is on its way
    )
    return sa.exists().where(mine.c.case_id == case_id, by_a_person(mine), _held(mine), ~sent_later)


def post_states(conn: Connection, draft_ids: Iterable[int]) -> dict[int, PostState]:
    """The outbox row of each approved draft's post, by draft id."""
    ids = list(draft_ids)
    if not ids:
        return {}
    reply = (DRAFT.c.text.label("reply"), DRAFT.c.kind.label("reply_kind"))
    answered = (MENTION.c.platform, MENTION.c.text.label("answered"), AUTHOR.c.handle)
    rows = conn.execute(
        sa.select(DRAFT.c.id.label("draft_id"), *reply, *answered, OUTBOX)
        .join(OUTBOX, OUTBOX.c.key == post_key(DRAFT.c.id))
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .where(DRAFT.c.id.in_(ids))
    ).all()
    states = {r.draft_id: PostState(r.id, r.status, r.attempts, r.last_error) for r in rows}
    for r in rows:
        if states[r.draft_id].held and states[r.draft_id].reason == "too-long":
            length = held_length(
                r.platform,
                r.reply,
                private=r.reply_kind == "private",
                handle=r.handle,
                answered=r.answered,
            )
            states[r.draft_id] = replace(states[r.draft_id], length=length)
    return states


def held_length(platform: str, text: str, *, private: bool, handle: str, answered: str) -> TooLong:
    """A reply held as too long, counted as approval counts it (`answered`: the stored text of
    the post it answers, whose Mastodon content warning it carries). Its length may fit by
    that count (the platform counted otherwise, or its limit is lower): length <= limit."""
    warning = content_warning(platform, answered)
    if found := length_problem(platform, text, private=private, handle=handle, warning=warning):
        return found
    length = reply_length(platform, text, private=private, handle=handle, warning=warning)
    return TooLong(platform, length, reply_limit(platform, private=private))


def held_replies(conn: Connection, case_ids: Iterable[int]) -> dict[int, HeldReply]:
    """Each case's held latest reply by a person (as `reply_held` reckons it), by case id."""
    ids = list(case_ids)
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(DRAFT.c.id, DRAFT.c.case_id, DRAFT.c.kind)
        .where(DRAFT.c.case_id.in_(ids), by_a_person(DRAFT))
        .order_by(DRAFT.c.decided_at, DRAFT.c.id)
    ).all()
    latest = {r.case_id: r for r in rows}  # ordered: the last one per case stays
    posts = post_states(conn, [r.id for r in latest.values()])
    return {
        case_id: HeldReply(r.id, r.kind, posts[r.id])
        for case_id, r in latest.items()
        if r.id in posts and posts[r.id].held
    }


def retry_reply(store: Store, draft_id: int, *, by: str) -> tuple[str, PostState]:
    """Send a held approved reply again, from the desk: its row is due now, and `by`'s audit
    line says so in the same transaction. Return its key and the row as it was held.

    Raises:
        NotFound: no such draft.
        DoNotContact: it would reach an author who asked not to be contacted.
        CaseEnded: its case was resolved or closed since (a tab opened before still shows
            the button; as on approving, a closed case's reply is not sent from the desk,
            while `outbox retry`, an operator's deliberate act, may).
        StaleAction: its post is not held (sent meanwhile, or someone already tried again).
    """
    with store.engine.begin() as conn:
        query = sa.select(DRAFT.c.case_id, DRAFT.c.mention_id, DRAFT.c.kind)
        found = conn.execute(query.where(DRAFT.c.id == draft_id)).first()
        if found is None:
            raise NotFound(f"no draft {draft_id}")
        if found.case_id is not None:
            lock_open(conn, found.case_id)
        if dm_refused(conn, found.mention_id, found.kind):  # would be held again at once
            raise DoNotContact(f"the author of draft {draft_id} asked not to be contacted")
        post = post_states(conn, [draft_id]).get(draft_id)
        if post is None or not post.held or not _released(conn, post):
            raise StaleAction(f"the reply of draft {draft_id} is not held")
        write_for_draft(conn, by, "retry", draft_id, detail=resent(post.last_error))
    return post_key(draft_id), post


def _released(conn: Connection, post: PostState) -> bool:
    """Release the row only while it is still held: read as held is not enough, since a
    colleague's retry may release it between that read and this update (two sends)."""
    return outbox_admin.release(conn, post.outbox_id, statuses=("held",))
