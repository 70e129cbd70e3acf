"""What a reply may be on each platform: how long (characters: the desk's editor counts
against these, and approval refuses a reply the platform would refuse), and whether it can be
a private message."""

from __future__ import annotations

PUBLIC = {"x": 280, "twitter": 280, "bluesky": 300, "mastodon": 500, "threads": 500}
# Private messages have their own: X DMs 10,000, Bluesky chat 1,000; a Mastodon direct
# message is a status like any other.
PRIVATE = {"x": 10_000, "twitter": 10_000, "bluesky": 1_000}
DEFAULT = 10_000  # reddit, help desks and anything unknown
# Platforms where a private message can be sent (the responders' `private` paths); Hacker
# News and anything unknown has none, so only a public reply is offered.
PRIVATE_MESSAGES = frozenset({"x", "twitter", "bluesky", "mastodon", "reddit"})


def reply_limit(platform: str, *, private: bool = False) -> int:
    if private and platform in PRIVATE:
        return PRIVATE[platform]
    return PUBLIC.get(platform, DEFAULT)


def has_private_messages(platform: str) -> bool:
    return platform in PRIVATE_MESSAGES
