"""Answering an access request (LGPD art. 18, GDPR art. 15): everything stored about an author.

The same rows an erasure would touch (erasure_traces finds them; this only reads): their
author rows, mentions with their text (the export is for the person who wrote them), the
readings, cases, follow-ups, drafts, notes, corrections and survey answers hanging off them,
audit lines about them, outbox actions about them with their payloads, and alerts about
their posts collected for chat digests. A digest's outbox text gathers several authors'
lines: only theirs are kept in the export. Last, the replies and private messages the desk
posted to them (the link or id the platform gave back: `forget` lists them to delete there) and
the help-desk tickets their cases went to: copies held on the platform or in another tool,
which the person may ask that tool's owner for too.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.author_export_words import Words, words_for
from mentiondesk.author_lookup import Wanted, authors_wanted, check_one, not_found
from mentiondesk.cli_text import cli_safe
from mentiondesk.erasure_copies import tickets_of
from mentiondesk.erasure_payloads import Whose, line_starts, outbox_near, payload_json, their_line
from mentiondesk.erasure_replies import replies_of
from mentiondesk.erasure_traces import audit_about, traces_of
from mentiondesk.queue import NotFound
from mentiondesk.retention_digest import naming
from mentiondesk.retention_keys import name_posts
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DIGEST_ITEM,
    DRAFT,
    FOLLOW_UP,
    KEPT_TEXT,
    MENTION,
    NOTE,
    OUTBOX,
    READING,
    SURVEY,
    case_number,
)

Export = dict[str, list[dict[str, Any]]]  # section → rows, each column → value


def export(
    store: Store,
    platform: str,
    handle: str = "",
    *,
    account_id: str = "",
    post_url: str = "",
    home: Collection[str] = (),
) -> Export:
    """Every row about the accounts with `handle` on `platform` (or the one with `account_id`,
    or the author of the post at `post_url`: found as `authors forget` finds them, so a
    renamed account is not "not found"); NotFound when none, Ambiguous for a handle stored on
    several accounts. It writes once: rows of earlier releases are given the post they name
    (name_posts), as `forget` does, so the database user needs the write access `run` has.
    `home` as for erasure.erase."""
    platform, handle = platform.strip().lower(), handle.strip().lstrip("@")
    wanted = Wanted(platform, handle, account_id.strip(), post_url.strip(), frozenset(home))
    name_posts(store)  # as `forget` finds them: what it would erase is what this shows
    with store.engine.connect() as conn:
        query = sa.select(AUTHOR).where(authors_wanted(wanted)).order_by(AUTHOR.c.id)
        authors = conn.execute(query).all()
        if not authors:
            raise NotFound(not_found(conn, wanted))
        check_one(wanted, authors)  # one person's data, never another's too
        whose = traces_of(conn, platform, handle, authors)
        ids = [a.id for a in authors]
        mentions = whose.mentions
        return {
            "authors": [dict(a._mapping) for a in authors],
            "mentions": _rows(conn, MENTION, MENTION.c.author_id.in_(ids)),
            "readings": _rows(conn, READING, READING.c.mention_id.in_(mentions)),
            "cases": _cases(conn, whose),
            "follow_ups": _rows(conn, FOLLOW_UP, _on(FOLLOW_UP, whose)),
            "drafts": _rows(conn, DRAFT, DRAFT.c.id.in_(whose.drafts)),
            "notes": _rows(conn, NOTE, _on(NOTE, whose)),
            "corrections": _rows(conn, CORRECTION, CORRECTION.c.mention_id.in_(mentions)),
            "surveys": _rows(conn, SURVEY, SURVEY.c.case_id.in_(whose.cases)),
            "kept_texts": _rows(conn, KEPT_TEXT, KEPT_TEXT.c.mention_id.in_(mentions)),
            "audit": _rows(conn, AUDIT, audit_about(platform, whose)),
            "outbox": _outbox(conn, whose),
            "digest_items": _digest_items(conn, whose),
            "replies": [
                {"platform": r.platform, "private": r.private, "sent_by": r.sink}
                | {"ref": r.ref, "url": r.url}
                for r in replies_of(conn, whose)
            ],
            "help_desk_tickets": [
                {"help_desk": t.sink, "ticket": t.ref, "url": t.url}
                for t in tickets_of(conn, whose)
            ],
        }


def _rows(conn: Connection, table: sa.Table, where: Any) -> list[dict[str, Any]]:
    query = sa.select(table).where(where).order_by(*table.primary_key.columns)
    return [dict(row._mapping) for row in conn.execute(query)]


def _on(table: sa.Table, whose: Whose) -> Any:
    """SQL: a row on one of their mentions or cases."""
    return sa.or_(table.c.mention_id.in_(whose.mentions), table.c.case_id.in_(whose.cases))


def _cases(conn: Connection, whose: Whose) -> list[dict[str, Any]]:
    cases = _rows(conn, CASE, CASE.c.id.in_(whose.cases))
    return [{"number": case_number(c["id"]), **c} for c in cases]


def _outbox(conn: Connection, whose: Whose) -> list[dict[str, Any]]:
    """Actions on their cases and drafts, alerts about their posts, and their lines of
    digests; the payload read as JSON."""
    mine, near = outbox_near(whose)
    query = sa.select(OUTBOX, sa.case((mine, True), else_=False).label("mine")).where(near)
    found = []
    for row in conn.execute(query.order_by(OUTBOX.c.id)):
        if row.key.startswith("digest:"):  # others' alerts too: their lines, below
            continue
        data = {k: v for k, v in row._mapping.items() if k != "mine"}
        payload = payload_json(row.payload)
        if row.mine or whose.about(payload.get("context")):
            found.append({**data, "payload": payload})
    return found + _digest_lines(conn, whose)


def _digest_lines(conn: Connection, whose: Whose) -> list[dict[str, Any]]:
    """Digests sent or waiting, with only their lines kept ("• u/handle (platform, …", the
    handle as its platform writes it; digests stored before wrote "• @handle": both are
    matched, line_starts), and the copy of the case a digest keeps of its first alert where
    that is theirs (as `forget` blanks it)."""
    query = sa.select(OUTBOX).where(OUTBOX.c.key.startswith("digest:"), OUTBOX.c.case_id.is_(None))
    found, starts = [], line_starts(whose)
    for row in conn.execute(query.order_by(OUTBOX.c.id)):
        payload = payload_json(row.payload)
        lines = [ln for ln in str(payload.get("text") or "").split("\n") if their_line(ln, starts)]
        theirs = whose.about(payload.get("context"))
        if lines or theirs:
            data = {k: v for k, v in row._mapping.items() if k != "payload"}
            case = {"context": payload["context"]} if theirs else {}
            found.append({**data, "lines": lines, **case})
    return found


def _digest_items(conn: Connection, whose: Whose) -> list[dict[str, Any]]:
    """Alerts about their posts collected for a digest: by post, or by payload."""
    by_post = naming(whose.mentions)
    theirs = sa.case((by_post, True), else_=False).label("theirs")
    query = sa.select(DIGEST_ITEM, theirs).where(
        sa.or_(by_post, whose.named_in(DIGEST_ITEM.c.payload))
    )
    found = []
    for row in conn.execute(query.order_by(DIGEST_ITEM.c.id)):
        payload = payload_json(row.payload)
        if row.theirs or whose.about(payload):
            data = {k: v for k, v in row._mapping.items() if k != "theirs"}
            found.append({**data, "payload": payload})
    return found


def as_json(data: Export) -> str:
    """The export as one JSON document (times in ISO 8601)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def as_text(data: Export, words: Words | None = None) -> str:
    """The export for reading: a heading per section, one "field: value" line per column, in
    the language their posts were read in (author_export_words) unless `words` says. Their
    text is shown whole, on one line, without terminal control characters."""
    words = words or words_for(data)
    lines = []
    for section, rows in data.items():
        lines += [f"{words.section(section)} ({len(rows)})", ""]
        for row in rows:
            shown = (f"  {words.field(k)}: {cli_safe(_shown(v, words))}" for k, v in row.items())
            lines += [*shown, ""]
    return "\n".join(lines)


def _shown(value: Any, words: Words) -> str:
    if isinstance(value, bool):
        return words.flag(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    return "" if value is None else _plain(value)
