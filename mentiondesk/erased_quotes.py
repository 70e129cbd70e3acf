"""Others' posts quoting a post of an author erased on request (Bluesky, Mastodon 4.5, X).

A quote post's text ends with the quoted post's address (listener/_bluesky_text,
listener/_mastodon_wire: "↪️ https://bsky.app/profile/DID/post/RKEY", "↪️
https://server/@user/ID"), which names the quoted author (their DID, their handle): after
they were erased it still led to them from others' posts, in the queue, on the case page and
in the alerts. So the erasure rewrites that line to say the quoted post's author was erased
("↪️ (erased on request)"), in the rows (text, and the first text of an edited post) and in
their copies (erasure_copied; a digest's line loses the address): for any post of theirs,
stored or not, found by their profile's address. On X the post quoted or answered is shown
too, as on_title ("@ana: her words"), and on Bluesky ("@ana.bsky.social: …": their handle's
address is among theirs): it goes where its author is theirs; a quote of an erased post that
X named no author for ("x.com/i/status/ID") is found by the id. A quote read later
of any post of theirs is stored so too: the erasure keeps a fingerprint of each of these
addresses (erased_profiles), and of each post it erased (erased_posts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_quote_lines import (
    PLATFORM,
    X,
    bluesky_profile,
    unlinked,
    unquoted_links,
    unquoted_x_ids,
    untitled,
    x_profile,
    x_unlinked,
)
from mentiondesk.erasure_copied import CHUNK, rewrite_copies
from mentiondesk.erasure_payloads import Whose
from mentiondesk.tables import MENTION

_COLUMNS = ("text", "first_text")
# A Mastodon status's address on its author's server, in either form: (server, user).
_STATUS = re.compile(r"^https://([^/\s]+)/(?:@([^/\s@]+)|users/([^/\s]+))/", re.IGNORECASE)
_FORMS = ("https://{h}/@{u}/", "https://{h}/users/{u}/")


def quoted_at(conn: Connection, whose: Whose, home: Collection[str]) -> dict[str, list[str]]:
    """Where their posts' addresses start (profiles), and on Mastodon where their stored
    statuses' addresses do: an account's server need not be its handle's domain
    ("ana@example.com" posting from social.example.com)."""
    found = profiles(whose, home)
    urls = sa.select(MENTION.c.url).where(
        MENTION.c.id.in_(whose.mentions), MENTION.c.platform == "mastodon"
    )
    seen = {m.groups() for m in map(_STATUS.match, conn.scalars(urls)) if m}
    starts = {f.format(h=h.lower(), u=(a or b).lower()) for h, a, b in seen for f in _FORMS}
    if starts:
        found["mastodon"] = sorted(starts | set(found.get("mastodon", [])))
    return found


def profiles(whose: Whose, home: Collection[str]) -> dict[str, list[str]]:
    """The addresses their posts' addresses start with, lower case, per platform: on
    Bluesky their DID's, on Mastodon their handle's on its server (a local "ana" on each of
    `home`, the instances the sources read), in both forms a status's address takes."""
    dids = sorted(e for p, e in whose.accounts if p == "bluesky" and e.startswith("did:"))
    found = {"bluesky": [f"https://bsky.app/profile/{d}/".lower() for d in dids]}
    if any(p == PLATFORM for p, _ in whose.accounts):  # and their handles', as titles show
        domains = {h.strip("@") for h in whose.handles}  # a Bluesky handle is a domain name
        handles = {bluesky_profile(h) for h in domains if "." in h.strip(".") and "@" not in h}
        found[PLATFORM] = sorted(set(found[PLATFORM]) | handles)
    if any(p == "mastodon" for p, _ in whose.accounts):
        named = [h.lower().lstrip("@").partition("@") for h in whose.handles]
        at = [(user, host) for user, _, host in named if user and host]
        at += [(user, host) for user, _, there in named if user and not there for host in home]
        found["mastodon"] = [f.format(h=h.lower(), u=u) for u, h in sorted(at) for f in _FORMS]
    if any(p == X for p, _ in whose.accounts):  # X's handles ignore case
        found[X] = sorted({x_profile(h) for h in whose.handles if h.strip("@")})
    return {p: links for p, links in found.items() if links}


def unquote(
    conn: Connection, mentions: Any, links: dict[str, list[str]], cards: set[int] | None = None
) -> Counter[str]:
    """Rewrite others' posts (not among `mentions`: their ids or a subquery) quoting a post
    at one of these `links` (profiles), and their copies; the delivered alerts that showed
    the quote, per sink, their outbox ids added to `cards`."""
    shown = Counter[str]()
    for platform, starts in sorted(links.items()):
        changed = _rows(conn, mentions, platform, starts)
        for start in range(0, len(changed), CHUNK):
            change = partial(_copy, platform=platform, starts=starts)
            lines = partial(unlinked, starts=starts)
            chunk = changed[start : start + CHUNK]
            shown += rewrite_copies(conn, chunk, change, _quote_shown, lines, cards)
    return shown + _unquote_x_ids(conn, mentions, cards)


def _unquote_x_ids(conn: Connection, mentions: Any, cards: set[int] | None) -> Counter[str]:
    """Rewrite others' X posts quoting one of these posts at "x.com/i/status/ID" (X named no
    author for it: no profile's address finds it), and their copies; as `unquote`."""
    posts = sa.select(MENTION.c.external_id, MENTION.c.edit_id).where(
        MENTION.c.id.in_(mentions), MENTION.c.platform == X
    )
    ids = sorted({i for row in conn.execute(posts) for i in row if i})
    changed: list[int] = []
    for start in range(0, len(ids), CHUNK):
        changed += _x_rows(conn, mentions, ids[start : start + CHUNK])
    shown = Counter[str]()
    change, lines = partial(_x_copy, ids=set(ids)), partial(x_unlinked, ids=set(ids))
    for start in range(0, len(changed), CHUNK):
        chunk = changed[start : start + CHUNK]
        shown += rewrite_copies(conn, chunk, change, _quote_shown, lines, cards)
    return shown


def _x_rows(conn: Connection, mentions: Any, ids: list[str]) -> list[int]:
    """Rewrite the X rows quoting one of the posts `ids`; their ids. A quote's title is the
    post it quotes (listener/_x_wire): it goes with the line."""
    quoting = [
        MENTION.c[c].contains(f"/status/{i}", autoescape=True) for c in _COLUMNS for i in ids
    ]
    rows = conn.execute(
        sa.select(MENTION.c.id, *(MENTION.c[c] for c in _COLUMNS)).where(
            MENTION.c.platform == X, ~MENTION.c.id.in_(mentions), sa.or_(*quoting)
        )
    ).mappings()
    changed = []
    for row in rows.all():
        values: dict[str, str | None] = {c: unquoted_x_ids(row[c], ids) for c in _COLUMNS if row[c]}
        if any(v != row[c] for c, v in values.items()):
            values["on_title"] = None
            conn.execute(sa.update(MENTION).where(MENTION.c.id == row["id"]).values(values))
            changed.append(row["id"])
    return changed


def _x_copy(mention: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    text = mention.get("text")
    if mention.get("platform") != X or not isinstance(text, str):
        return mention
    new = unquoted_x_ids(text, ids)
    return mention if new == text else {**mention, "text": new, "on_title": None}


def _rows(conn: Connection, mentions: Any, platform: str, starts: list[str]) -> list[int]:
    """Rewrite the rows on `platform` quoting a post at `starts`; their ids."""
    quoting = [
        sa.func.lower(MENTION.c[c]).contains(s, autoescape=True) for c in _COLUMNS for s in starts
    ]
    if platform in (X, PLATFORM):  # a post quoting or answering theirs shows it: "@ana: …"
        titles = (f"@{s.rstrip('/').rsplit('/', 1)[-1]}: " for s in starts)
        quoting += [
            sa.func.lower(MENTION.c.on_title).startswith(t, autoescape=True) for t in titles
        ]
    rows = conn.execute(
        sa.select(MENTION.c.id, MENTION.c.on_title, *(MENTION.c[c] for c in _COLUMNS)).where(
            MENTION.c.platform == platform, ~MENTION.c.id.in_(mentions), sa.or_(*quoting)
        )
    ).mappings()
    changed = []
    for row in rows.all():
        values: dict[str, str | None] = {
            c: unquoted_links(row[c], starts) for c in _COLUMNS if row[c]
        }
        unquoted = any(v != row[c] for c, v in values.items())
        values["on_title"] = untitled(platform, row["on_title"], starts, unquoted=unquoted)
        if any(v != row[c] for c, v in values.items()):
            conn.execute(sa.update(MENTION).where(MENTION.c.id == row["id"]).values(values))
            changed.append(row["id"])
    return changed


def _copy(mention: dict[str, Any], platform: str, starts: list[str]) -> dict[str, Any]:
    text, title = mention.get("text"), mention.get("on_title")
    if mention.get("platform") != platform or not isinstance(text, str):
        return mention
    new = unquoted_links(text, starts)
    if not isinstance(title, str):
        return {**mention, "text": new}
    return {
        **mention,
        "text": new,
        "on_title": untitled(platform, title, starts, unquoted=new != text),
    }


def _quote_shown(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return any(before.get(k) != after.get(k) for k in ("text", "on_title"))
