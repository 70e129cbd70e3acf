"""An erased author's traces in JSON payloads: outbox actions and digest items.

Actions carry a copy of the case (the mention's text, the author's handle and name). One not
yet delivered is deleted: a reply must not go to someone who asked to be forgotten. One
delivered keeps its row (the delivery happened) with that copy blanked. A digest gathers
several authors' mentions in one text: only the erased author's lines are blanked.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.alert_wording import platform_words
from mentiondesk.erased_cards import Rewrites, queue_rewrites, rewrite_row
from mentiondesk.models import (
    CASELESS_HANDLES,
    ERASED_ON_REQUEST,
    PURGED_BY_RETENTION,
    handle_shown,
)
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_digest import naming
from mentiondesk.tables import DELIVERY, DIGEST_ITEM, DRAFT, MENTION, OUTBOX

ERASED = ERASED_ON_REQUEST
_BATCH = 500  # ids per DELETE, well under SQLite's 999 bound parameters


class BeingSent(RuntimeError):
    """An action for the author is being delivered at this moment: erase after it."""


@dataclass(frozen=True, slots=True)
class Whose:
    """Whose traces to find: their (platform, account id) pairs, handles (now and when their
    alerts were collected), and the ids of their mentions, cases and drafts as subqueries (a
    list of thousands would pass SQLite's limit on bound parameters)."""

    accounts: frozenset[tuple[str, str]]
    handles: frozenset[str]
    mentions: sa.Select[tuple[int]]
    cases: sa.Select[tuple[int]]
    drafts: sa.Select[tuple[int]]

    def named_in(self, column: Any) -> Any:
        """SQL: `column` may name them (a handle inside; checked exactly in Python)."""
        named = (column.ilike(f"%{_like(h)}%", escape="\\") for h in self.handles)
        return sa.or_(sa.false(), *named)  # no handle (an author found by id, blanked): none

    def about(self, context: Any) -> bool:
        """Whether a stored CaseContext (as JSON) is about one of their mentions."""
        mention = context.get("mention") if isinstance(context, dict) else None
        if not isinstance(mention, dict) or not isinstance(mention.get("author"), dict):
            return False
        return (mention.get("platform"), mention["author"].get("id")) in self.accounts


@dataclass(slots=True)
class Outboxed:
    """What erasing their outbox rows did, and the alerts about them that had already gone
    out (per sink): those copies are in the chat tools, out of the store's reach."""

    deleted: int = 0
    blanked: int = 0
    already: int = 0  # delivered, blank already (the retention's): counted apart, not blanked
    alerts: Counter[str] = field(default_factory=Counter)
    cards: Rewrites = field(default_factory=Rewrites)  # of those, Slack cards (erased_cards)


def _lease(conn: Connection) -> LeaseClock:
    return LeaseClock(postgres=conn.dialect.name == "postgresql", clock=lambda: datetime.now(UTC))


def erase_outbox(conn: Connection, whose: Whose) -> Outboxed:
    """Delete their undelivered actions, blank their delivered ones and their lines in
    digests."""
    mine, near = outbox_near(whose)
    rows = conn.execute(
        sa.select(OUTBOX.c.id, OUTBOX.c.key, OUTBOX.c.status, OUTBOX.c.case_id, OUTBOX.c.payload)
        .add_columns(
            OUTBOX.c.kind,
            OUTBOX.c.target,
            OUTBOX.c.lease_until,
            OUTBOX.c.last_error,
            sa.case((mine, True), else_=False).label("mine"),
            # By the clock leases are judged by (outbox_lease): the database's, where shared.
            sa.and_(
                OUTBOX.c.lease_until.is_not(None), ~_lease(conn).free(OUTBOX.c.lease_until)
            ).label("live"),
        )
        .where(near)
        .order_by(OUTBOX.c.id)
        .with_for_update()
    ).all()
    if any(r.status == "pending" and r.live for r in rows):
        # A worker is sending one now: deleting the row would not stop the send.
        raise BeingSent("a reply to them is being sent right now; run this again in a minute")
    done, sent = Outboxed(), []  # `sent`: delivered alerts about them, their cards rewritten
    for row in rows:
        data = payload_json(row.payload)
        if rewrite_row(row.kind):  # an earlier erasure's rewrite of a digest: their lines go
            _erase_lines(conn, row.id, data, whose, row.status)
            continue
        if row.key.startswith("digest:"):  # many people's alerts: only their lines go
            held = _erase_lines(conn, row.id, data, whose, row.status)
            done.alerts[row.target] += held
            sent += [row.id] * held
            continue
        theirs = bool(row.mine) or whose.about(data.get("context"))
        if theirs and row.status != "done":
            conn.execute(sa.delete(DELIVERY).where(DELIVERY.c.outbox_id == row.id))
            conn.execute(sa.delete(OUTBOX).where(OUTBOX.c.id == row.id))
            done.deleted += 1
        elif theirs:
            # ERASED marks the row (a delivered one has no error): the figures leave it out,
            # a reply the retention blanked included (`report` counted it until now).
            _update(conn, row.id, without_copy(data), case_id=None, last_error=ERASED)
            unname_deliveries(conn, [row.id])
            _unname_rows(conn, row.id, row.key)
            # The proof says what this erasure blanked: one the retention had blanked held
            # nothing of theirs any more.
            already = row.last_error in (PURGED_BY_RETENTION, ERASED)
            done.already += already
            done.blanked += not already
            done.alerts[row.target] += row.kind == "alert"
            sent += [row.id] * (row.kind == "alert")
    done.cards = queue_rewrites(conn, sent)
    return done


def _erase_lines(
    conn: Connection, outbox_id: int, data: dict[str, Any], whose: Whose, status: str
) -> bool:
    """Blank their lines in a digest (sent or waiting: never deleted, it holds others'
    alerts) and its copy of the first alert's case, if theirs; whether a sent one held them."""
    text = data.get("text")
    lines = _without_lines(text, whose) if isinstance(text, str) else text
    context = data.get("context")
    new = {**data, "text": lines}
    if whose.about(context):
        new["context"] = blank_context(context)
    if new != data:
        _update(conn, outbox_id, new)
    return status == "done" and lines != text


def outbox_near(whose: Whose) -> tuple[Any, Any]:
    """SQL on OUTBOX: (an action on their cases or drafts, that or one whose payload may name
    them: an alert about a post that opened no case; check it with `Whose.about`)."""
    keys = sa.select(post_key(DRAFT.c.id)).where(DRAFT.c.id.in_(whose.drafts))
    mine = sa.or_(OUTBOX.c.case_id.in_(whose.cases), OUTBOX.c.key.in_(keys))
    # By the post it is about, too: the payload names the handle they had then, maybe not now.
    posts = sa.select(MENTION.c.platform, MENTION.c.external_id).where(
        MENTION.c.id.in_(whose.mentions)
    )
    about_post = sa.tuple_(OUTBOX.c.platform, OUTBOX.c.external_id).in_(posts)
    loose = sa.or_(about_post, whose.named_in(OUTBOX.c.payload))
    near = sa.or_(mine, sa.and_(OUTBOX.c.case_id.is_(None), loose))
    return mine, near


def handles_then(conn: Connection, whose: Whose) -> frozenset[str]:
    """The handles they had when their alerts were collected for digests: a digest's lines
    name them so, and a later post may have renamed them since. Before the mentions go."""
    query = sa.select(DIGEST_ITEM.c.payload).where(naming(whose.mentions))
    contexts = [payload_json(payload) for (payload,) in conn.execute(query)]
    handles = (c["mention"]["author"].get("handle") for c in contexts if whose.about(c))
    return frozenset(h for h in handles if isinstance(h, str) and h)  # "" would match all


def erase_digest_items(conn: Connection, whose: Whose) -> int:
    """Delete the alerts about them collected for a digest (sent or not); how many. Found by
    their posts (before the mentions go), or, an item naming no post, by its payload."""
    gone = int(conn.execute(sa.delete(DIGEST_ITEM).where(naming(whose.mentions))).rowcount or 0)
    rows = conn.execute(
        sa.select(DIGEST_ITEM.c.id, DIGEST_ITEM.c.payload).where(
            whose.named_in(DIGEST_ITEM.c.payload)
        )
    ).all()
    ids = [r.id for r in rows if whose.about(payload_json(r.payload))]
    for start in range(0, len(ids), _BATCH):  # a prolific author's alerts: thousands
        batch = ids[start : start + _BATCH]
        conn.execute(sa.delete(DIGEST_ITEM).where(DIGEST_ITEM.c.id.in_(batch)))
    return gone + len(ids)


def _update(conn: Connection, outbox_id: int, data: dict[str, Any], **values: Any) -> None:
    payload = json.dumps(data, ensure_ascii=False)
    conn.execute(
        sa.update(OUTBOX).where(OUTBOX.c.id == outbox_id).values(payload=payload, **values)
    )


def unname_deliveries(conn: Connection, outbox_ids: Sequence[int]) -> None:
    """What a delivery's record may say of them: earlier releases recorded a Reddit private
    message as "message:<their handle>", and a reply's link holds their post's id and, on
    Reddit, its title ("…/comments/1abc/my_parcel_is_lost/…"). In chunks: a purge's batch
    of cases may hold thousands of actions, past an older SQLite's 999 bound parameters."""
    for start in range(0, len(outbox_ids), _BATCH):
        ours = DELIVERY.c.outbox_id.in_(outbox_ids[start : start + _BATCH])
        named = sa.and_(ours, DELIVERY.c.ref.startswith("message:"))
        conn.execute(sa.update(DELIVERY).where(named).values(ref=None))
        conn.execute(sa.update(DELIVERY).where(ours, DELIVERY.c.kind == "post").values(url=None))


def _unname_rows(conn: Connection, outbox_id: int, key: str) -> None:
    """A delivered reply's or ticket's key names the erased draft or case ("post:draft:7",
    "ticket:desk:case:MD-000007"): renamed, so that a database reusing ids (SQLite made before
    NEVER_REUSED) takes the next draft 7's reply for this one, delivered, and never sends it."""
    head, found, _ = key.partition(":case:") if key.startswith("ticket:") else ("", "", "")
    if key.startswith("post:draft:"):
        new = f"post:draft:erased:{outbox_id}"
    elif found:
        new = f"{head}:case:erased:{outbox_id}"
    else:
        return
    conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == outbox_id).values(key=new))
    conn.execute(sa.update(DELIVERY).where(DELIVERY.c.key == key).values(key=new))


def without_copy(data: dict[str, Any]) -> dict[str, Any]:
    """An action's payload with no copy of the case and no text (a digest's lines included),
    still readable as an action."""
    return {**data, "context": blank_context(data.get("context")), "text": ""}


def blank_context(context: Any) -> Any:
    """The context with nothing of the author left, still readable as a CaseContext."""
    if not isinstance(context, dict) or not isinstance(context.get("mention"), dict):
        return context
    mention = {
        **context["mention"],
        "external_id": "erased",
        "text": "",
        "url": "",
        "thread_id": None,
        "parent_id": None,
        "on_title": None,  # the conversation they were in
        "author": {"id": "erased", "handle": "", "name": "", "followers": 0},
    }
    return {**context, "mention": mention, "draft_text": None, "earlier": []}


def _without_lines(text: str, whose: Whose) -> str:
    """A digest's text with each line about them blanked."""
    starts = line_starts(whose)
    lines = [f"• {ERASED}" if their_line(ln, starts) else ln for ln in text.split("\n")]
    return "\n".join(lines)


# Their digest lines' starts: as written, and lower-cased where handles' case does not matter.
LineStarts = tuple[tuple[str, ...], tuple[str, ...]]


def line_starts(whose: Whose) -> LineStarts:
    """How a digest line about them starts ("• u/handle (platform, lang): …", "• ⚠ u/handle (…"
    for a possible impostor, as digest.summary writes it, the handle as its platform writes it
    and the platform named in any alert language); digests stored before wrote every handle
    "@handle", so that form too. The same handle on another platform is someone else, and
    where handles' case matters (Hacker News) so it does here. Their handles include those
    their digest items had (handles_then): renamed since, the lines still name them as they
    were. Built once per digest, not per line."""
    exact: list[str] = []
    caseless: list[str] = []
    for platform in {p for p, _ in whose.accounts}:
        forms = {f for h in whose.handles for f in ("@" + h, handle_shown(platform, h))}
        for word in platform_words(platform):
            starts = [f"• {mark}{form} ({word}, " for form in forms for mark in ("", "⚠ ")]
            exact += starts
            if platform in CASELESS_HANDLES:
                caseless += [start.lower() for start in starts]
    return tuple(exact), tuple(caseless)


def their_line(line: str, starts: LineStarts) -> bool:
    """Whether a digest line is about them, by their lines' starts (line_starts)."""
    exact, caseless = starts
    return line.startswith(exact) or line.lower().startswith(caseless)


def payload_json(payload: str) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
