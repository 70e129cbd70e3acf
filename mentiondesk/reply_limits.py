"""What a reply may be on each platform: how long (as the platform counts it: the desk's
editor counts against these limits, and approval refuses a reply the platform would refuse),
by kind (whether a platform has private messages is mentiondesk.models')."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from mentiondesk.fediverse_graphemes import grapheme_count
from mentiondesk.models import (
    LINK_LENGTH,
    X_LIMIT,
    mastodon_reply_text,
    split_links,
    x_length,
)

PUBLIC = {"x": X_LIMIT, "twitter": X_LIMIT, "bluesky": 300, "mastodon": 500, "threads": 500}
# Private messages have their own: X DMs 10,000, Bluesky chat 1,000; a Mastodon direct
# message is a status like any other.
PRIVATE = {"x": 10_000, "twitter": 10_000, "bluesky": 1_000}
DEFAULT = 10_000  # reddit, help desks and anything unknown
# A platform's limit as the brand's own server sets it, over PUBLIC's (a Mastodon server's
# max_characters: 500 by default, 5000 on many): the config's, set as it loads
# (reply_limit_config.apply), so that approval, the desk's counter and a held reply's words
# count to what that server takes. One config per process: the last loaded one holds.
_SERVER: dict[str, int] = {}

_REMOTE = re.compile(r"(?<![\w@])@(\w+)@[\w.-]*\w")  # @user@domain, counted as @user

# How a platform counts differently from the characters typed, for the refusal's message.
COUNTING = {
    "x": "links count as 23 characters, an emoji (a skin tone, a family, a flag: one emoji) "
    "and most characters outside Latin scripts as 2",
    "mastodon": "links count as 23 characters, and a reply starts with the author's @handle",
    "bluesky": "an emoji (a flag, a family) or an accented letter counts as 1",
}
BLUESKY_BYTES = 3000  # the record's `text` also holds at most this many UTF-8 bytes
COUNTING["twitter"] = COUNTING["x"]
# How listener/_mastodon_wire.py writes a post's content warning: its first line, then an
# empty line. The responder sends the same warning with the reply, and Mastodon counts it in
# the server's limit (raw: no link or @user@domain counts shorter in it).
WARNING = "\u26a0\ufe0f "


def use_server_limits(limits: Mapping[str, int]) -> None:
    """Count each platform named in `limits` to it (a Mastodon direct message too: it is a
    status like any other); the others, and every platform left out, to their defaults."""
    _SERVER.clear()
    _SERVER.update(limits)


def reply_limit(platform: str, *, private: bool = False) -> int:
    if private and platform in PRIVATE:
        return PRIVATE[platform]
    return _SERVER.get(platform) or PUBLIC.get(platform, DEFAULT)


def counting_rule(platform: str, *, private: bool = False) -> str:
    """How `reply_length` counts a reply of this kind, by the name the desk's live counter
    (static/desk-counts.js) knows it: "x" (weighted, links 23), "mastodon" (links 23,
    graphemes), "graphemes" (Bluesky's posts and chat) or "chars"."""
    if platform in ("x", "twitter") and not private:
        return "x"
    if platform == "bluesky":
        return "graphemes"
    return "mastodon" if platform == "mastodon" else "chars"


def sent_prefix(platform: str, *, private: bool, handle: str) -> str:
    """What the responder puts before the text unless the text already has it (the @handle
    every Mastodon reply starts with, public or private), for the desk's live counter; ""
    for nothing. `private` is kept for the callers: both kinds get the same."""
    return mastodon_reply_text(handle, "") if platform == "mastodon" and handle else ""


def content_warning(platform: str, answered: str) -> str:
    """The content warning of the Mastodon post whose stored text is `answered` ("" for none
    or another platform): what a reply to it carries, and Mastodon counts."""
    if platform != "mastodon" or not answered.startswith(WARNING) or "\n\n" not in answered:
        return ""
    return answered.removeprefix(WARNING).split("\n\n", 1)[0].strip()


def reply_length(
    platform: str, text: str, *, private: bool = False, handle: str = "", warning: str = ""
) -> int:
    """How long `text` is as `platform` counts it once the responder sent it (stripped, with
    what the responder adds: on Mastodon the @handle, and the `warning` it carries), to
    hold against `reply_limit`."""
    sent, rule = text.strip(), counting_rule(platform, private=private)
    if rule == "x":
        return x_length(sent)
    if rule == "mastodon":
        sent = mastodon_reply_text(handle, sent) if handle else sent
        return grapheme_count(warning) + mastodon_length(sent)
    return grapheme_count(sent) if rule == "graphemes" else len(sent)


@dataclass(frozen=True)
class TooLong:
    """Why the platform would refuse a reply as too long, by its parts: the desk words it in
    the reader's language (web/refusal_words.py), str() in English for the CLI and logs.
    `over_bytes`: it fits the characters but not Bluesky's bytes (`length`, `limit` in bytes).
    `counted`: the platform counts it otherwise than the characters typed (COUNTING says how);
    `warning`: the length of the Mastodon content warning it carries, counted in (0: none)."""

    platform: str
    length: int
    limit: int
    over_bytes: bool = False
    counted: bool = False
    warning: int = 0

    def __str__(self) -> str:
        if self.over_bytes:
            return f"the reply is over the {self.limit} bytes {self.platform} allows (fewer emoji)"
        how = f" as {self.platform} counts it ({COUNTING[self.platform]})" if self.counted else ""
        if self.warning:
            how += f", the post's content warning it carries included ({self.warning})"
        return f"the reply is {self.length} characters{how}; {self.platform} allows {self.limit}"


def length_problem(
    platform: str, text: str, *, private: bool, handle: str, warning: str = ""
) -> TooLong | None:
    """Why the platform would refuse the reply as too long, as it counts it (on Mastodon with
    the content `warning` it carries); None if it fits."""
    limit = reply_limit(platform, private=private)
    length = reply_length(platform, text, private=private, handle=handle, warning=warning)
    size = len(text.strip().encode())
    if platform == "bluesky" and size > BLUESKY_BYTES and length <= limit:
        return TooLong(platform, size, BLUESKY_BYTES, over_bytes=True)
    if length <= limit:
        return None
    counted = platform in COUNTING and length != len(text.strip())
    shown = grapheme_count(warning) if warning and platform == "mastodon" else 0
    return TooLong(platform, length, limit, counted=counted, warning=shown)


def too_long(
    platform: str, text: str, *, private: bool, handle: str, warning: str = ""
) -> str | None:
    """length_problem in English (the CLI's, the logs', a playbook check's); None if it fits."""
    problem = length_problem(platform, text, private=private, handle=handle, warning=warning)
    return str(problem) if problem else None


def mastodon_length(text: str) -> int:
    """A status's length as Mastodon counts it: links 23, `@user@domain` as `@user`, the
    rest in graphemes (a flag or a family emoji is 1)."""
    pieces = split_links(text, bare=False)
    return sum(
        LINK_LENGTH if link else grapheme_count(_REMOTE.sub(r"@\1", p)) for p, link in pieces
    )
