"""What the desk itself posted to an author: replies under their posts, private messages.

A reply (a thank-you is one) stays on the platform under their post, naming or quoting them;
a private message stays in their inbox and ours. Erasing the store blanks our copy of the
text, not those, so `authors forget` lists each delivered one with the link the platform gave
back when it was posted (the delivery's `url`), else the id it returned (`ref`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erasure_payloads import Whose, outbox_near, payload_json
from mentiondesk.models import PLATFORM_NAMES
from mentiondesk.tables import DELIVERY, OUTBOX

# A responder kind that only prints a post (a rehearsal): nothing reached the platform.
_PRINTS = "console"


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply or private message to them that the outbox delivered."""

    platform: str
    private: bool
    sink: str  # the responder that posted it
    ref: str  # the id the platform returned; "" when none was recorded
    url: str  # the link it returned; "" when none (private messages have none)


def replies_of(conn: Connection, whose: Whose) -> tuple[Reply, ...]:
    """Their delivered replies and private messages (read before the outbox rows are
    blanked): on their cases or drafts, and about one of their posts (an erased row's copy
    names nobody, so a draft number used again never lists someone else's reply)."""
    mine, _ = outbox_near(whose)
    rows = conn.execute(
        sa.select(OUTBOX.c.target, OUTBOX.c.payload, DELIVERY.c.ref, DELIVERY.c.url)
        .select_from(OUTBOX.outerjoin(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id))
        .where(mine, OUTBOX.c.kind == "post", OUTBOX.c.status == "done")
        .order_by(OUTBOX.c.id)
    ).all()
    found = []
    for target, payload, ref, url in rows:
        data = payload_json(payload)
        if whose.about(data.get("context")):
            platform = data["context"]["mention"].get("platform") or ""
            found.append(
                Reply(str(platform), bool(data.get("private")), target, ref or "", url or "")
            )
    return tuple(found)


def posted(replies: tuple[Reply, ...], kinds: Mapping[str, str]) -> list[Reply]:
    """The replies that reached a platform (`kinds`: responder name → kind): not those a
    console printed. A responder no longer configured is listed: it may have posted."""
    return [r for r in replies if kinds.get(r.sink) != _PRINTS]


def reply_lines(replies: list[Reply]) -> list[str]:
    """One line for each, to delete on the platform by hand."""
    lines = []
    for r in replies:
        on = PLATFORM_NAMES.get(r.platform, r.platform or "their platform")
        where = f" at {r.url}" if r.url else ""
        sent = f"sent by {r.sink}" + (f", id {r.ref}" if r.ref and not r.url else "")
        if r.private:
            lines.append(
                f"  - private message to them on {on}{where} ({sent}): in their inbox and "
                "ours; deleting it on our side may leave their copy"
            )
        else:
            lines.append(f"  - reply under their post on {on}{where} ({sent})")
    return lines
