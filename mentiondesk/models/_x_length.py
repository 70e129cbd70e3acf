"""How long X counts a post (twitter-text v3), one count for the desk's approval and counter
(mentiondesk.reply_limits, static/desk-counts.js follows it) and the X responder's check
before posting; and where a post's links are, which Mastodon counts the same way.

X counts NFC text: a link 23 whatever its length, code points in its light ranges (Latin,
accented Latin, general punctuation) 1, any other 2, and an emoji 2 in all however many code
points it has (a skin tone, a ZWJ family, a flag, a keycap).
"""

from __future__ import annotations

import re
import unicodedata

X_LIMIT = 280
LINK_LENGTH = 23  # X (t.co) and Mastodon count every link as this many characters
_TRAILING = ".,:;!?'\")]}"  # punctuation after a link is text, not part of it
# A link with its scheme; or (X only) a bare domain, which X also shortens when it knows the
# top-level domain ("lumora.com.br/ajuda": 23). A word like "file.txt" counts 23 too: X may
# count it fewer, the desk never fewer than X does.
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
# twitter-text v3 (config/v3.json): these code points weigh 1, every other one 2.
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_ZWJ = 0x200D
_KEYCAP = 0x20E3  # "1️⃣": the digit weighs 1 as text, 2 as the emoji this makes it
# What joins an emoji before it, weighing nothing: variation selectors, keycap, skin tones,
# tag characters (the flags of England, Scotland, Wales).
_JOINING = ((0xFE0E, 0xFE0F), (_KEYCAP, _KEYCAP), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F))
_FLAGS = (0x1F1E6, 0x1F1FF)  # regional indicators: a pair is one flag


def x_length(text: str) -> int:
    """`text`'s length as X counts it against X_LIMIT (as sent: the caller strips it)."""
    total = 0
    for piece, link in split_links(unicodedata.normalize("NFC", text), bare=True):
        total += LINK_LENGTH if link is not None else _weighed(piece)
    return total


def split_links(text: str, *, bare: bool) -> list[tuple[str, bool | None]]:
    """`text` cut into (piece, None) for plain text and (link, has_scheme) for links; a bare
    domain is a link only if `bare` (X's rule, not Mastodon's)."""
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


def _weighed(text: str) -> int:
    """Text without links as X weighs it: an emoji sequence 2 in all."""
    total, joined, flag_half, last = 0, False, False, 0
    for char in text:
        point = ord(char)
        if point == _KEYCAP and last == 1:
            total, last = total + 1, 2  # its digit, counted 1, is an emoji: 2
        if joined or point == _ZWJ or any(lo <= point <= hi for lo, hi in _JOINING):
            joined = point == _ZWJ  # the one after a ZWJ is part of the same emoji
            continue
        if _FLAGS[0] <= point <= _FLAGS[1]:
            flag_half, last = not flag_half, 2
            total += 2 if flag_half else 0
            continue
        flag_half = False
        last = 1 if any(lo <= point <= hi for lo, hi in _X_LIGHT) else 2
        total += last
    return total
