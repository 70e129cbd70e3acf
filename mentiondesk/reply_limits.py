"""How long a reply may be on each platform (characters): the desk's editor counts against
these, and approval refuses a reply the platform would refuse."""

from __future__ import annotations

PUBLIC = {"x": 280, "twitter": 280, "bluesky": 300, "mastodon": 500, "threads": 500}
# Private messages have their own: X DMs 10,000, Bluesky chat 1,000; a Mastodon direct
# message is a status like any other.
PRIVATE = {"x": 10_000, "twitter": 10_000, "bluesky": 1_000}
DEFAULT = 10_000  # reddit, help desks and anything unknown


def reply_limit(platform: str, *, private: bool = False) -> int:
    if private and platform in PRIVATE:
        return PRIVATE[platform]
    return PUBLIC.get(platform, DEFAULT)
