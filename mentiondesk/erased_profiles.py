"""Where erased authors' posts' addresses start, kept as keyed fingerprints so that a quote
of a post of theirs read after the erasure is stored as the erasure rewrote those stored
before it: "↪️ (erased on request)", with no address of their post.

The erasure rewrites others' quote lines by the addresses of their profile (erased_quotes:
on Bluesky their DID's, on Mastodon their handle's on its server), for any post of theirs,
stored or not. A Mastodon quote read later names the quoted status by its address on the
author's server, an id this store never had, so a fingerprint of the post (erased_posts)
cannot find it: the erasure keeps HMAC-SHA256(key, platform and profile address) of each
address instead, and ingesting looks up every "/"-ended start of each quote line's address.
The key is erased_posts' (fingerprint_keys): a list of addresses of public profiles cannot be
tested against the kept fingerprints without it. Nothing else of theirs is kept.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection, Sequence
from dataclasses import replace
from hashlib import sha256

from sqlalchemy.engine import Connection

from mentiondesk.erased_digests import keep_digests, kept_among
from mentiondesk.erased_quote_lines import (
    PLATFORM,
    quote_links,
    unquoted_links,
    untitled,
    x_title_start,
)
from mentiondesk.fingerprint_keys import key_for
from mentiondesk.models import Mention

NAME = "erased_post"  # erased_posts' key: one key for what ingesting looks up
_SCHEME = "https://"
_DEPTH = 4  # path segments looked up: a profile is at most two (/users/ana/), kept bounded


def profile_fingerprint(key: bytes, platform: str, start: str) -> str:
    """Hex HMAC-SHA256 under `key` of "profile\\nplatform\\naddress start" (no post's
    fingerprint, of "platform\\npost id", can equal it)."""
    message = f"profile\n{platform}\n{start.lower()}"
    return hmac.new(key, message.encode(), sha256).hexdigest()


def keep_profiles(conn: Connection, links: dict[str, list[str]]) -> None:
    """Keep the fingerprints of these address starts (erased_quotes.profiles: per platform)."""
    if not any(links.values()):
        return
    key = key_for(conn, NAME, create=True)
    assert key is not None  # made just now if none was
    keep_digests(conn, {profile_fingerprint(key, p, s) for p, ss in links.items() for s in ss})


def starts_of(link: str) -> list[str]:
    """The starts of `link` that end a host or a path segment, lower case: those a profile's
    address (erased_quotes.profiles) can be ("https://host/@ana/", "https://host/users/ana/")."""
    link = link.lower()
    if not link.startswith(_SCHEME):
        return []
    ends = [i for i, c in enumerate(link) if c == "/" and i >= len(_SCHEME)]
    return [link[: i + 1] for i in ends[: _DEPTH + 1]]


def unquoted_later(
    conn: Connection, keys: Sequence[bytes], mentions: Sequence[Mention]
) -> list[Mention]:
    """These mentions with each quote line of a post by an erased author (its address
    starting where a kept fingerprint says) rewritten."""
    wanted = {
        (m.platform, s) for m in mentions for link in quote_links(m.text) for s in starts_of(link)
    }
    # X, Bluesky: the post quoted or answered, shown as on_title ("@ana: …"), by its author's
    # address; on Bluesky by the DID of the post answered too (a title may name no handle).
    wanted |= {(m.platform, s) for m in mentions if (s := x_title_start(m.platform, m.on_title))}
    wanted |= {(m.platform, s) for m in mentions if (s := _answered(m))}
    erased = _erased(conn, keys, wanted) if keys and wanted else set()
    if not erased:
        return list(mentions)
    return [_unquoted(m, {s for p, s in erased if p == m.platform}) for m in mentions]


def _answered(m: Mention) -> str | None:
    """The address start of the author of the post a Bluesky post answers, where its title
    shows that post (it quotes none: listener/_bluesky_context)."""
    did = (m.parent_id or "").removeprefix("at://").partition("/")[0]
    shown = m.platform == PLATFORM and m.on_title and not quote_links(m.text)
    return f"https://bsky.app/profile/{did}/".lower() if shown and did.startswith("did:") else None


def _unquoted(m: Mention, starts: Collection[str]) -> Mention:
    if not starts:
        return m
    text = unquoted_links(m.text, starts)
    title = untitled(m.platform, m.on_title, starts, unquoted=text != m.text)
    return replace(m, text=text, on_title=None if _answered(m) in starts else title)


def _erased(
    conn: Connection, keys: Sequence[bytes], starts: Collection[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Those (platform, address start) kept, under any key."""
    return kept_among(conn, {s: [profile_fingerprint(k, *s) for k in keys] for s in starts})
