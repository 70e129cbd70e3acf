"""What a reply may be on each platform: how long (as the platform counts it: the desk's
editor counts against these limits, and approval refuses a reply the platform would refuse),
by kind (whether a platform has private messages is mentiondesk.models')."""

from __future__ import annotations

import re
import unicodedata

from mentiondesk.fediverse_graphemes import grapheme_count
from mentiondesk.models import mastodon_reply_text

PUBLIC = {"x": 280, "twitter": 280, "bluesky": 300, "mastodon": 500, "threads": 500}
# Private messages have their own: X DMs 10,000, Bluesky chat 1,000; a Mastodon direct
# message is a status like any other.
PRIVATE = {"x": 10_000, "twitter": 10_000, "bluesky": 1_000}
DEFAULT = 10_000  # reddit, help desks and anything unknown

LINK = 23  # X (t.co) and Mastodon count every link as this many characters
_TRAILING = ".,:;!?'\")]}"  # punctuation after a link is text, not part of it
# A link with its scheme; or (X only) a bare domain, which X also shortens when it knows the
# top-level domain: such a word counts as at least a link, never less than it is long.
# A link ends at the first character twitter-text does not allow in a URL path (Mastodon
# counts with the same rules): allowed are ASCII letters and digits, Latin accented letters,
# Cyrillic, the punctuation below, and a query's ? and parentheses. So text in any other
# script written right after a link (CJK, Thai, Arabic, Hebrew, Devanagari, emoji...) counts
# in full: "https://a.jp/x。ありがとう" is a link and text, not a 23-character link.
_URL = (
    r"[a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    r"\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff\u0400-\u04ff"
    r"!*';:=+,.$/%#\[\]\-\u2013_~@|&?()]+"
)
_LINK = re.compile(
    rf"(?P<scheme>https?://){_URL}|(?<![\w@./:-])(?=(?:[\w-]+\.)+[a-z]{{2,}}(?![\w-])){_URL}",
    re.I,
)
_REMOTE = re.compile(r"(?<![\w@])@(\w+)@[\w.-]*\w")  # @user@domain, counted as @user
# twitter-text v3 (config/v3.json): these code points weigh 1, every other one 2.
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))

# How a platform counts differently from the characters typed, for the refusal's message.
COUNTING = {
    "x": "links count as 23 characters, and most characters outside Latin scripts as 2",
    "mastodon": "links count as 23 characters, and a reply starts with the author's @handle",
    "bluesky": "an emoji (a flag, a family) or an accented letter counts as 1",
}
BLUESKY_BYTES = 3000  # the record's `text` also holds at most this many UTF-8 bytes
COUNTING["twitter"] = COUNTING["x"]
# How listener/_mastodon_wire.py writes a post's content warning: its first line, then an
# empty line. The responder sends the same warning with the reply, and Mastodon counts it in
# the 500 (raw: no link or @user@domain counts shorter in it).
WARNING = "\u26a0\ufe0f "


def reply_limit(platform: str, *, private: bool = False) -> int:
    if private and platform in PRIVATE:
        return PRIVATE[platform]
    return PUBLIC.get(platform, DEFAULT)


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


def too_long(
    platform: str, text: str, *, private: bool, handle: str, warning: str = ""
) -> str | None:
    """Why the platform would refuse the reply as too long, as it counts it (on Mastodon with
    the content `warning` it carries); None if it fits."""
    limit = reply_limit(platform, private=private)
    length = reply_length(platform, text, private=private, handle=handle, warning=warning)
    if platform == "bluesky" and len(text.strip().encode()) > BLUESKY_BYTES and length <= limit:
        return f"the reply is over the {BLUESKY_BYTES} bytes bluesky allows (fewer emoji)"
    if length <= limit:
        return None
    how = ""
    if platform in COUNTING and length != len(text.strip()):
        how = f" as {platform} counts it ({COUNTING[platform]})"
    if warning and platform == "mastodon":
        how += f", the post's content warning it carries included ({grapheme_count(warning)})"
    return f"the reply is {length} characters{how}; {platform} allows {limit}"


def x_length(text: str) -> int:
    """A tweet's weighted length (twitter-text v3): links 23, CJK and emoji 2 a code point
    (an emoji sequence counts more here than on X: on the safe side)."""
    total, rest = 0, []
    for piece, link in _split_links(unicodedata.normalize("NFC", text), bare=True):
        if link is None:
            rest.append(piece)
        else:
            total += LINK if link else max(LINK, len(piece))
    return total + sum(_x_weight(char) for char in "".join(rest))


def mastodon_length(text: str) -> int:
    """A status's length as Mastodon counts it: links 23, `@user@domain` as `@user`, the
    rest in graphemes (a flag or a family emoji is 1)."""
    pieces = _split_links(text, bare=False)
    return sum(LINK if link else grapheme_count(_REMOTE.sub(r"@\1", p)) for p, link in pieces)


def _split_links(text: str, *, bare: bool) -> list[tuple[str, bool | None]]:
    """`text` cut into (piece, None) for plain text and (link, has_scheme) for links."""
    pieces: list[tuple[str, bool | None]] = []
    at = 0
    for found in _LINK.finditer(text):
        if not found.group("scheme") and not bare:
            continue
        link = found.group().rstrip(_TRAILING)
        pieces.append((text[at : found.start()], None))
        pieces.append((link, bool(found.group("scheme"))))
        at = found.start() + len(link)
    pieces.append((text[at:], None))
    return pieces


def _x_weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _X_LIGHT) else 2
