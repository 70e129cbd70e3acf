"""The brand's own posts, which a source never hands over as mentions.

X's recent search, Bluesky's searchPosts, Mastodon's search and hashtag timelines and Reddit's
and Hacker News's listings return every post that matches, the brand's own too, and the
brand's public replies name it (the shipped thank-you does): read back, each would be stored
as a mention by the brand and answered in turn. A source knows who it is where it signs in
(Bluesky's DID, Mastodon's account id, Reddit's username) or is told (X's `username`, whose
stable user id it looks up once); where it cannot know, the `[brand] handles` stand in, as
the platform writes handles (CASELESS_HANDLES: in any case, or exactly).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mentiondesk.models import CASELESS_HANDLES, Mention

_LOGGER = logging.getLogger(__name__)
# How a handle may be written in `[brand] handles` or a config: "@lumora", "u/lumora".
_PREFIXES = ("/u/", "u/", "@")


@dataclass(frozen=True, slots=True)
class OwnAccounts:
    """Who the brand posts as on one platform: account ids, or account names as a fallback."""

    platform: str
    ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @classmethod
    def with_id(cls, platform: str, account_id: str | None) -> OwnAccounts:
        """The account of this stable id (None: not known, nothing is left out)."""
        return cls(platform, ids=frozenset({account_id} if account_id else ()))

    @classmethod
    def named(cls, platform: str, handles: Iterable[str | None]) -> OwnAccounts:
        """The accounts of these handles. One written for another platform's form (a
        Mastodon `@lumora@server`, a Bluesky `lumora.bsky.social`) names no account here."""
        plain = (_bare(h) for h in handles if h)
        keys = {_key(platform, h) for h in plain if h and "@" not in h and "." not in h}
        return cls(platform, names=frozenset(keys))

    @property
    def known(self) -> bool:
        return bool(self.ids or self.names)

    def wrote(self, mention: Mention) -> bool:
        """Whether `mention` is a post of the brand's own."""
        return self.account(mention.author.id, mention.author.handle)

    def account(self, account_id: str, handle: str) -> bool:
        """Whether the account of this id and handle (as the platform writes it) is ours."""
        return account_id in self.ids or _key(self.platform, _bare(handle)) in self.names

    def others(self, source: str, endpoint: str, mentions: Sequence[Mention]) -> list[Mention]:
        """`mentions` less the brand's own posts (counted in a debug line, never shown)."""
        kept = [m for m in mentions if not self.wrote(m)]
        if len(kept) < len(mentions):
            _LOGGER.debug(
                "source %s %s: %d of the brand's own posts skipped",
                source,
                endpoint,
                len(mentions) - len(kept),
            )
        return kept


def _bare(handle: str) -> str:
    handle = handle.strip()
    for prefix in _PREFIXES:
        if handle.lower().startswith(prefix):
            return handle[len(prefix) :]
    return handle


def _key(platform: str, name: str) -> str:
    return name.casefold() if platform in CASELESS_HANDLES else name


def local_handle(handle: str, host: str) -> str:
    """`@lumora` or `@lumora@Mastodon.Social` on mastodon.social is the local `lumora` (a
    server's name has no case); one on another server keeps its `@server`."""
    name, _, server = handle.strip().lstrip("@").partition("@")
    return name if not server or server.lower() == host.lower() else f"{name}@{server}"
