"""User-perceived characters (grapheme clusters), as Bluesky (`maxGraphemes`) and Mastodon
(`grapheme_length`) count a post: a flag 🇵🇹 (two regional indicators), a family 👨‍👩‍👧 (emoji
joined by ZWJ), a thumbs-up with a skin tone and an "é" written as e + accent are one each.

The rules of Unicode's UAX #29 that matter in replies, without a segmentation library: a
character a rule here does not know starts a cluster of its own, so the count is never below
the platforms' (a Hangul syllable spelt in jamo counts each; a reply the desk would let
through is never one the platform refuses as too long).
"""

from __future__ import annotations

import unicodedata

_ZWJ = 0x200D
# Extend beyond the marks (Mn, Me, Mc: the last is SpacingMark, which joins too): variation
# selectors, emoji skin tones, tag characters (subdivision flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿).
_EXTEND = ((0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F), (0xE0100, 0xE01EF))
_MARKS = frozenset({"Mn", "Me", "Mc"})
_REGIONAL = ((0x1F1E6, 0x1F1FF),)
# Extended_Pictographic, in the blocks emoji come from (others are not joined: counted apart).
_PICTOGRAPHIC = (
    (0x00A9, 0x00A9),
    (0x00AE, 0x00AE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
)


def _within(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= point <= high for low, high in ranges)


def _emoji(char: str) -> bool:
    point = ord(char)
    pictured = _within(point, _PICTOGRAPHIC) and not _within(point, _EXTEND)
    return pictured and not _within(point, _REGIONAL)


def _extends(char: str) -> bool:
    point = ord(char)
    return point == _ZWJ or unicodedata.category(char) in _MARKS or _within(point, _EXTEND)


def _control(char: str) -> bool:
    """UAX #29's Control (a line or paragraph break, a tab, a format character such as a
    zero-width space): nothing joins after it."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ord(char) != _ZWJ and not _within(ord(char), _EXTEND)
    return category in ("Cc", "Zl", "Zp")


def grapheme_count(text: str) -> int:
    """How many grapheme clusters `text` holds (never fewer than UAX #29 finds)."""
    count, prev = 0, ""
    pictographic = False  # the cluster so far is an emoji (ZWJ may join the next one)
    regional = False  # the cluster is one regional indicator waiting for its pair
    for char in text:
        point = ord(char)
        if prev == "\r" and char == "\n":
            pass
        elif count and _extends(char) and not _control(prev):
            regional = False  # a flag's halves meet only side by side
            # a spacing mark (Mc) joins, but no emoji may be joined on after it
            # (nor after a ZWJ followed by anything but an emoji)
            spacing = unicodedata.category(char) == "Mc" or ord(prev) == _ZWJ
            pictographic = pictographic and not spacing
            # a mark, selector, skin tone, tag or ZWJ stays with what it follows
        elif prev and ord(prev) == _ZWJ and pictographic and _emoji(char):
            pass  # 👨‍👩: an emoji joined to the one before
        elif regional and _within(point, _REGIONAL):
            regional = False  # the second half of a flag
        else:
            count += 1
            regional = _within(point, _REGIONAL)
            pictographic = _emoji(char)
        prev = char
    return count
