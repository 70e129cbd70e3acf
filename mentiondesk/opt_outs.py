"""Private drafts withdrawn when their author goes on do-not-contact, and why, for the desk.

The apology drafted before someone wrote "stop messaging me" must not wait in the queue for an
agent to edit and approve, only to be refused: the moment its author goes on the list (by
their own post or by a person), their pending private drafts are withdrawn, naming why. Public
drafts stay (a public reply is still allowed). Taking them off the list restores nothing, and
nothing offers to: unlike praise, an opt-out is not a misreading to undo with a click.

Drafts that still wait for someone already on the list (listed before this withdrawal
existed, or while the draft was being written) are withdrawn at start-up and when a person
tries to approve one: the send path refuses them anyway, so they must not wait in the queue.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from mentiondesk.tables import AUTHOR, DRAFT, MENTION

# A draft's `decided_by` when an opt-out withdrew it: "opt-out 42" (the author's own post,
# mention 42) or "opt-out by cli:ana" (who put them on the list). Desk users' names have no
# spaces, so neither can be a person's name, like "praise 42" or "draft 7". "opt-out listed":
# the author was already on the list when the draft was found waiting (no post, no person).
_OPT_OUT = "opt-out "
_BY = "by "
_LISTED = "listed"
_DECIDED_BY_MAX = 128  # DRAFT.decided_by's length


@dataclass(frozen=True, slots=True)
class OptOut:
    """Why a draft was withdrawn for do-not-contact: the author's post, or who listed them;
    neither when they were already on the list as the draft waited."""

    mention_id: int | None = None
    by: str | None = None


def asked_in(mention_id: int) -> str:
    """`decided_by` of a draft withdrawn because the author asked to stop in `mention_id`."""
    return f"{_OPT_OUT}{mention_id}"


def listed_by(who: str) -> str:
    """`decided_by` of a draft withdrawn because `who` put its author on the list."""
    return f"{_OPT_OUT}{_BY}{who}"[:_DECIDED_BY_MAX]


def already_listed() -> str:
    """`decided_by` of a draft found waiting for an author already on the list."""
    return f"{_OPT_OUT}{_LISTED}"


def withdrawn_for_opt_out(decided_by: str | None) -> OptOut | None:
    """Why an opt-out withdrew a draft, from the draft's `decided_by`; None for anything else."""
    if not decided_by or not decided_by.startswith(_OPT_OUT):
        return None
    rest = decided_by.removeprefix(_OPT_OUT)
    if rest.isdigit():
        return OptOut(mention_id=int(rest))
    if rest == _LISTED:
        return OptOut()
    return OptOut(by=rest.removeprefix(_BY) or None)


def do_not_contact(conn: Connection, mention_id: int) -> bool:
    """Whether the author of mention `mention_id` is on the do-not-contact list."""
    author = sa.select(MENTION.c.author_id).where(MENTION.c.id == mention_id).scalar_subquery()
    return bool(conn.scalar(sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.id == author)))


def withdraw_private_drafts(
    conn: Connection, author_ids: Collection[int], reason: str, now: datetime
) -> int:
    """Withdraw the pending private drafts answering `author_ids`' mentions; return how many."""
    if not author_ids:
        return 0
    return _withdraw(conn, MENTION.c.author_id.in_(author_ids), reason, now)


def withdraw_for_listed(conn: Connection, now: datetime) -> int:
    """Withdraw every pending private draft whose author is already on the list (at start-up:
    drafts from before withdrawal existed, or written as their author was listed)."""
    listed = sa.select(AUTHOR.c.id).where(AUTHOR.c.do_not_contact.is_(True))
    return _withdraw(conn, MENTION.c.author_id.in_(listed), already_listed(), now)


def _withdraw(conn: Connection, authors: ColumnElement[bool], reason: str, now: datetime) -> int:
    """Withdraw the pending private drafts answering mentions whose author matches `authors`."""
    theirs = sa.select(MENTION.c.id).where(authors)
    withdrawn = conn.execute(
        sa.update(DRAFT)
        .where(
            DRAFT.c.kind == "private",
            DRAFT.c.status == "pending",
            DRAFT.c.mention_id.in_(theirs),
        )
        .values(status="withdrawn", decided_at=now, decided_by=reason)
    )
    return int(withdrawn.rowcount)


def stopped_by_post(conn: Connection, asked: dict[int, int], now: datetime) -> None:
    """Authors who asked us to stop in a post (author id -> that mention's id) go on
    do-not-contact; the private drafts waiting for them are withdrawn naming their post."""
    if not asked:
        return
    conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id.in_(asked)).values(do_not_contact=True))
    for author_id, mention_id in asked.items():
        withdraw_private_drafts(conn, [author_id], asked_in(mention_id), now)
