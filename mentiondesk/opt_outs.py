"""Private drafts withdrawn when their author goes on do-not-contact, and why, for the desk.

The apology drafted before someone wrote "stop messaging me" must not wait in the queue for an
agent to edit and approve, only to be refused: the moment its author goes on the list (by
their own post or by a person), their pending private drafts are withdrawn, naming why. Public
drafts stay (a public reply is still allowed), except those answering a followers-only or
direct post: sent no wider than the post, they would reach the author alone too. Taking them
off the list restores nothing, and nothing offers to: unlike praise, an opt-out is not a
misreading to undo with a click.

Listing an author and writing or restoring a private draft for them take turns under the
author's lock (`lock_authors`): the writer checks the list under it, so either the listing
comes first and no DM is written, or the listing waits for the commit and withdraws the DM.
Drafts that still wait for someone already on the list (written by an older release, which
checked the list without that lock, or listed by hand in the database) are withdrawn at
start-up and when a person tries to approve one: the send path refuses them anyway.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnElement

from mentiondesk.models import PRIVATE_POSTS, is_private_post
from mentiondesk.tables import AUTHOR, DRAFT, MENTION

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision

_LOGGER = logging.getLogger(__name__)

_LOCKS = 0x6D64  # "md": the first key of mentiondesk's advisory locks (the author id is the second)
# One statement for a batch's authors: a sorted subquery is not flattened, so the locks are
# taken in id order (two writers never deadlock).
_LOCK_EACH = sa.text(
    "SELECT count(pg_advisory_xact_lock(:key, id))"
    " FROM (SELECT unnest(CAST(:ids AS integer[])) AS id ORDER BY id) AS sorted"
)
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


def lock_authors(conn: Connection, author_ids: Collection[int]) -> None:
    """Hold these authors until the commit: transactions that write drafts or cases for one
    author, or put them on (or off) the list, take turns.

    On PostgreSQL an advisory lock per author; nothing else takes it, so ingesting their new
    posts goes on meanwhile. SQLite lets one writer in at a time: an update that changes
    nothing takes that lock now, so what is read next stays current until the commit.
    """
    ids = sorted(set(author_ids))
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK_EACH, {"key": _LOCKS, "ids": ids})
    else:
        same = AUTHOR.c.do_not_contact
        conn.execute(sa.update(AUTHOR).where(AUTHOR.c.id.in_(ids)).values(do_not_contact=same))


def listed_among(conn: Connection, author_ids: Collection[int]) -> set[int]:
    """Those of `author_ids` on the do-not-contact list, read under their locks (held until
    the commit): a listing can then neither come in between nor miss what is written next."""
    lock_authors(conn, author_ids)
    if not author_ids:
        return set()
    query = sa.select(AUTHOR.c.id).where(
        AUTHOR.c.id.in_(set(author_ids)), AUTHOR.c.do_not_contact.is_(True)
    )
    return set(conn.scalars(query))


def without_dms(d: Decision, listed: Collection[int]) -> Decision:
    """`d` without its private drafts if its author is among `listed` (since the claim)."""
    if d.author_id not in listed or not any(p.kind == "private" for p in d.drafts):
        return d
    _LOGGER.info("mention %s: author asked not to be contacted; no DM drafted", d.mention_id)
    return replace(d, drafts=tuple(p for p in d.drafts if p.kind != "private"))


def do_not_contact(conn: Connection, mention_id: int, *, hold: bool = False) -> bool:
    """Whether the author of mention `mention_id` is on the do-not-contact list; with `hold`,
    under the author's lock until the commit, for a caller about to write a private draft."""
    author = conn.scalar(sa.select(MENTION.c.author_id).where(MENTION.c.id == mention_id))
    if author is None:
        return False
    if hold:
        lock_authors(conn, [author])
    return bool(conn.scalar(sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.id == author)))


def dm_refused(conn: Connection, mention_id: int, kind: str, *, hold: bool = False) -> bool:
    """Whether a reply of `kind` to mention `mention_id` would be a private message to an
    author on the do-not-contact list: a private one, or a public one to a followers-only or
    direct post (sent no wider than the post, as the playbook drafts it). `hold` as for
    do_not_contact, taken only when the reply is private."""
    if kind != "private":
        visibility = conn.scalar(sa.select(MENTION.c.visibility).where(MENTION.c.id == mention_id))
        if not is_private_post(visibility):
            return False
    return do_not_contact(conn, mention_id, hold=hold)


def withdraw_private_drafts(
    conn: Connection, author_ids: Collection[int], reason: str, now: datetime
) -> int:
    """Withdraw the pending private drafts answering `author_ids`' mentions; return how many."""
    if not author_ids:
        return 0
    return _withdraw(conn, MENTION.c.author_id.in_(author_ids), reason, now)


def withdraw_for_listed(conn: Connection, now: datetime) -> int:
    """Withdraw every pending private draft whose author is already on the list (at start-up:
    drafts an older release left waiting)."""
    listed = sa.select(AUTHOR.c.id).where(AUTHOR.c.do_not_contact.is_(True))
    return _withdraw(conn, MENTION.c.author_id.in_(listed), already_listed(), now)


def _withdraw(conn: Connection, authors: ColumnElement[bool], reason: str, now: datetime) -> int:
    """Withdraw the pending private drafts answering mentions whose author matches `authors`."""
    theirs = sa.select(MENTION.c.id).where(authors)
    # A public reply to a followers-only or direct post would reach them alone as well.
    not_public = sa.select(MENTION.c.id).where(authors, MENTION.c.visibility.in_(PRIVATE_POSTS))
    withdrawn = conn.execute(
        sa.update(DRAFT)
        .where(
            sa.or_(DRAFT.c.kind == "private", DRAFT.c.mention_id.in_(not_public)),
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
