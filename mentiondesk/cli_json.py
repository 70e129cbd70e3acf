"""`--format json` of the listings (`cases list`, `drafts list`, `outbox list`), for a cron job
feeding a BI tool: stable English keys, numbers as numbers, times as ISO-8601 in UTC with their
offset ("2026-11-10T09:01:00+00:00"), `null` where there is nothing. Written to stdout alone."""

from __future__ import annotations

import codecs
import json
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from mentiondesk import queue_views
from mentiondesk.held_replies import HeldReply
from mentiondesk.outbox_admin import Waiting
from mentiondesk.reply_limits import TooLong

# Characters json.dumps leaves raw with ensure_ascii=False that a terminal may still act on
# (U+009B is CSI on its own) or that make text read backwards: \u-escaped, the same string
# once parsed, so `… --format json` typed at a terminal shows them as text.
_RAW_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def dumps(data: object) -> str:
    """`data` as indented JSON, non-ASCII kept (a pt-BR name stays readable), every character
    a terminal could act on escaped."""
    return terminal_safe(json.dumps(data, indent=2, ensure_ascii=False))


def terminal_safe(dumped: str) -> str:
    """JSON text with the characters a terminal could act on \\u-escaped: they can only be
    inside its strings, where the escape reads back as the same character. Where stdout is
    not UTF-8 (a Latin-1 locale on an old server), every non-ASCII one is: the JSON stays
    whole, where "ã" or an emoji would have stopped the command or come out as "?"."""
    unsafe = _RAW_UNSAFE if utf8(sys.stdout) else _NON_ASCII
    return unsafe.sub(lambda m: _escaped(m.group()), dumped)


_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def utf8(stream: TextIO) -> bool:
    """Whether `stream` writes UTF-8 (Python's own choice under LANG=C, but not a Latin-1's)."""
    return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"


def _escaped(char: str) -> str:
    """A character as JSON's \\u escape, one past U+FFFF (an emoji) as its surrogate pair."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def write(data: object) -> None:
    """`data` as JSON on stdout, with a final newline."""
    sys.stdout.write(dumps(data) + "\n")


def iso(at: datetime | None) -> str | None:
    """An instant as ISO-8601 in UTC with its offset; a naive one is taken as UTC (SQLite)."""
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def cases(views: list[queue_views.CaseView], *, status: str, total: int) -> dict[str, Any]:
    """`cases list --format json`: `total` is every case in `status`, `cases` those shown
    (at most --limit), in the text listing's order."""
    return {"status": status, "total": total, "cases": [_case(c) for c in views]}


def _case(c: queue_views.CaseView) -> dict[str, Any]:
    return {
        "case": c.number,
        "status": c.status,
        "priority": c.priority,
        "label": c.label,
        "reason": c.reason,
        "frustration": c.frustration,
        "platform": c.platform,
        "handle": c.handle,
        "followers": c.followers,
        "assignee": c.assignee,
        "opened_at": iso(c.opened_at),
        "first_response_at": iso(c.first_response_at),
        "ticket": c.ticket_ref,
        "follow_ups": c.follow_ups,
        "mention_id": c.mention_id,
        "held_reply": None if c.held is None else _held(c.held),
    }


def _held(held: HeldReply) -> dict[str, Any]:
    """The approved reply the outbox holds: its draft, outbox action, and why (a reason code,
    as `held_replies.held_reason` gives it; `last_error` as recorded; a too-long one's
    `length`)."""
    return {
        "draft_id": held.draft_id,
        "kind": held.kind,
        "outbox_id": held.post.outbox_id,
        "status": held.post.status,
        "reason": held.post.reason,
        "last_error": held.post.last_error,
        "length": _length(held.post.length),
    }


def _length(found: TooLong | None) -> dict[str, Any] | None:
    """A reply held as too long, as the desk says it: its length as the platform counts it
    (in bytes where `unit` says so: Bluesky's), the limit, and by how much it is over (0:
    it fits by the desk's count, the platform counted it longer); null for other holds."""
    if found is None:
        return None
    over = max(0, found.length - found.limit)
    unit = "bytes" if found.over_bytes else "characters"
    return {"counted": found.length, "limit": found.limit, "over": over, "unit": unit}


def drafts(
    views: list[queue_views.DraftView], held: list[queue_views.HeldView], *, status: str, total: int
) -> dict[str, Any]:
    """`drafts list --format json`: `total` is every draft in `status`, `drafts` those shown;
    `held_replies` the approved replies the outbox holds (listed with pending drafts only)."""
    replies = [{**_draft(h.draft), "held_reply": _held(h.reply)} for h in held]
    return {
        "status": status,
        "total": total,
        "drafts": [_draft(d) for d in views],
        "held_replies": replies,
    }


def _draft(d: queue_views.DraftView) -> dict[str, Any]:
    return {
        "id": d.id,
        "status": d.status,
        "kind": d.kind,
        "case": d.case_number,
        "mention_id": d.mention_id,
        "platform": d.platform,
        "handle": d.handle,
        "lang": d.lang,
        "created_at": iso(d.created_at),
        "text": d.text,
    }


def outbox(rows: list[Waiting], counts: dict[str, int]) -> dict[str, Any]:
    """`outbox list --format json`: `pending` and `held` count every such action, `actions`
    those shown (at most --limit), the longest waiting first."""
    totals = {"pending": counts.get("pending", 0), "held": counts.get("held", 0)}
    return {**totals, "actions": [_action(r) for r in rows]}


def _action(r: Waiting) -> dict[str, Any]:
    return {
        "id": r.id,
        "key": r.key,
        "status": r.status,
        "kind": r.kind,
        "to": r.target,
        "case": r.case,
        "mention_id": r.mention_id,
        "tries": r.attempts,
        # A held action is never tried until released: no next try, as the text's "—".
        "next_try_at": None if r.status == "held" else iso(r.next_attempt_at),
        "last_error": r.last_error,
    }
