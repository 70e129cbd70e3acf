"""Others' posts quoting a post of an author erased on request (Bluesky, Mastodon 4.5).

A quote post's text ends with the quoted post's address (listener/_bluesky_text,
listener/_mastodon_wire: "↪️ https://bsky.app/profile/DID/post/RKEY", "↪️
https://server/@user/ID"), which names the quoted author (their DID, their handle): after
they were erased it still led to them from others' posts, in the queue, on the case page and
in the alerts. So the erasure rewrites that line to say the quoted post's author was erased
("↪️ (erased on request)"), in the rows (text, and the first text of an edited post) and in
their copies (erasure_copied; a digest's line loses the address): for any post of theirs,
stored or not, found by their profile's address. A Bluesky quote read later of a post the
erasure erased (its fingerprint kept, erased_posts) is stored so too; other later quotes
cannot be told apart from anyone's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_quote_lines import unlinked, unquoted_links
from mentiondesk.erasure_copied import CHUNK, rewrite_copies
from mentiondesk.erasure_payloads import Whose
from mentiondesk.tables import MENTION

_COLUMNS = ("text", "first_text")


def profiles(whose: Whose, home: Collection[str]) -> dict[str, list[str]]:
    """The addresses their posts' addresses start with, lower case, per platform: on
    Bluesky their DID's, on Mastodon their handle's on its server (a local "ana" on each of
    `home`, the instances the sources read), in both forms a status's address takes."""
    dids = sorted(e for p, e in whose.accounts if p == "bluesky" and e.startswith("did:"))
    found = {"bluesky": [f"https://bsky.app/profile/{d}/".lower() for d in dids]}
    if any(p == "mastodon" for p, _ in whose.accounts):
        named = [h.lower().lstrip("@").partition("@") for h in whose.handles]
        at = [(user, host) for user, _, host in named if user and host]
        at += [(user, host) for user, _, there in named if user and not there for host in home]
        forms = ("https://{h}/@{u}/", "https://{h}/users/{u}/")
        found["mastodon"] = [f.format(h=h.lower(), u=u) for u, h in sorted(at) for f in forms]
    return {p: links for p, links in found.items() if links}


def unquote(conn: Connection, mentions: Any, links: dict[str, list[str]]) -> Counter[str]:
    """Rewrite others' posts (not among `mentions`: their ids or a subquery) quoting a post
    at one of these `links` (profiles), and their copies; the delivered alerts that showed
    the quote, per sink."""
    shown = Counter[str]()
    for platform, starts in sorted(links.items()):
        changed = _rows(conn, mentions, platform, starts)
        for start in range(0, len(changed), CHUNK):
            change = partial(_copy, platform=platform, starts=starts)
            lines = partial(unlinked, starts=starts)
            shown += rewrite_copies(
                conn, changed[start : start + CHUNK], change, _quote_shown, lines
            )
    return shown


def _rows(conn: Connection, mentions: Any, platform: str, starts: list[str]) -> list[int]:
    """Rewrite the rows on `platform` quoting a post at `starts`; their ids."""
    quoting = (
        sa.func.lower(MENTION.c[c]).contains(s, autoescape=True) for c in _COLUMNS for s in starts
    )
    rows = conn.execute(
        sa.select(MENTION.c.id, *(MENTION.c[c] for c in _COLUMNS)).where(
            MENTION.c.platform == platform, ~MENTION.c.id.in_(mentions), sa.or_(*quoting)
        )
    ).mappings()
    changed = []
    for row in rows.all():
        values = {c: unquoted_links(row[c], starts) for c in _COLUMNS if row[c]}
        if any(v != row[c] for c, v in values.items()):
            conn.execute(sa.update(MENTION).where(MENTION.c.id == row["id"]).values(values))
            changed.append(row["id"])
    return changed


def _copy(mention: dict[str, Any], platform: str, starts: list[str]) -> dict[str, Any]:
    text = mention.get("text")
    if mention.get("platform") != platform or not isinstance(text, str):
        return mention
    return {**mention, "text": unquoted_links(text, starts)}


def _quote_shown(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return before.get("text") != after.get("text")
