"""Escaping rules for each place untrusted mention text is rendered (chat, webhook, help desk)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from responders._text import plain

_MRKDWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Markdown punctuation shared by Discord and Mattermost: a backslash makes each literal.
_MARKDOWN = re.compile(r"([\\`*_~|<>#\[\]()\-])")
_BROADCAST = re.compile(r"@(?=(everyone|here|channel|all)\b)", re.IGNORECASE)
_AT_NAME = re.compile(r"@(?=\w)")
# Where Mattermost makes a link of bare text (its autolinker: a scheme's "://", a "www."):
# the letter before each, so a zero-width space after it leaves the URL to read but no link
# to click, and nothing for its server to fetch as a preview card or its screens as an image.
_AUTOLINK = re.compile(r"[a-z](?=://)|(?<=ww)w(?=\.)", re.IGNORECASE)
# What may open or close Slack's bold, strike or code, or its italics (an `_` not between
# two letters or digits: "angry_ann" is never italic).
_FORMATS = re.compile(r"[*~`]|(?<![^\W_])_|_(?![^\W_])")
_ZWSP = "\u200b"  # zero-width space: breaks a mention token without changing what people read
_GRAVE = "\u02cb"  # MODIFIER LETTER GRAVE ACCENT: a backtick's look-alike that ends no span


def fit(pieces: list[str], limit: int) -> str:
    """Join escaped pieces, cutting at a piece boundary so no escape sequence is split."""
    out: list[str] = []
    size = 0
    for piece in pieces:
        if size + len(piece) > limit - 1:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)


def _break(pieces: list[str], mention: re.Pattern[str]) -> list[str]:
    """Put a zero-width space after each `@` that starts a `mention`, inside the pieces, so
    fit() counts it: added after the cut, a text full of "@here" ran past the limit."""
    starts = {found.start() for found in mention.finditer("".join(pieces))}
    out: list[str] = []
    at = 0
    for piece in pieces:  # an `@` is never escaped, so every match starts a piece
        out.append(piece + _ZWSP if at in starts else piece)
        at += len(piece)
    return out


def _lines(text: str, escape: Callable[[str], list[str]]) -> list[str]:
    """The pieces of each line escaped on its own, with real newlines between: whatever a line
    holds (newlines inside it are folded by plain()) cannot reach into the next line."""
    pieces: list[str] = []
    for n, line in enumerate(text.split("\n")):
        pieces.extend(["\n", *escape(line)] if n else escape(line))
    return pieces


def _slack_pieces(text: str) -> list[str]:
    return [_MRKDWN.get(ch, ch) for ch in plain(text)]


def _slack_line(text: str) -> list[str]:
    """Also a zero-width space after each backtick: a ``` could open a code block that runs
    on over the following lines (Slack mrkdwn has no escape for it)."""
    return [piece + _ZWSP if piece == "`" else piece for piece in _slack_pieces(text)]


def slack_mrkdwn(text: str, limit: int = 2900, *, lines: bool = False) -> str:
    """Slack mrkdwn: `&`, `<`, `>` escaped, so `<!channel>` or `<@U1>` in text pings no one;
    with `lines`, each line of `text` escaped on its own and kept a line."""
    return fit(_lines(text, _slack_line) if lines else _slack_pieces(text), limit)


def slack_handle(handle: str, limit: int = 80) -> str:
    """A handle as Slack mrkdwn. Slack has no escape for `_` or `*`, so "_lumora_" or
    "*lumora*" (an impostor's look-alike of the brand's handle) would read as italic or bold
    "lumora": one that could format goes in a code span, where every character shows as
    typed (a backtick, which would end it, shown as "ˋ", never dropped: "lumora`" must not
    read as "lumora"). Others, "angry_ann", stay as they were."""
    if not _FORMATS.search(handle):
        return slack_mrkdwn(handle, limit)
    return f"`{slack_mrkdwn(handle.replace('`', _GRAVE), limit)}`"


def units(text: str) -> int:
    """Length as Slack counts it, in UTF-16 code units: an emoji is two."""
    return len(text.encode("utf-16-le")) // 2


def slack_chunks(text: str, limit: int, *, first: int = 0) -> list[str]:
    """`text` as slack_mrkdwn(lines=True) escapes it, in parts of at most `limit` UTF-16
    units (the first `first` shorter, for a heading before it), none cut: each ends at a
    paragraph, a line or a word where one is in its second half, and always between pieces,
    so never inside an escape sequence or a character."""
    return _chunks(_lines(text, _slack_line), limit, first)


def plain_fitted(text: str, limit: int) -> str:
    """`text` for a Slack plain_text object, shown as written (nothing to escape), each line
    plain() on its own, within `limit` UTF-16 units: cut, with "…", as slack_chunks cuts."""
    pieces = _lines(text, _plain_line)
    parts = _chunks(pieces, limit, 0)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return _chunks(pieces, limit - 1, 0)[0] + "…"


def _plain_line(text: str) -> list[str]:
    return list(plain(text))


def _chunks(pieces: list[str], limit: int, first: int) -> list[str]:
    """The pieces joined in parts of at most `limit` UTF-16 units (see slack_chunks)."""
    parts: list[str] = []
    start, room = 0, limit - first
    while start < len(pieces):
        end, size = start, 0
        while end < len(pieces) and size + units(pieces[end]) <= room:
            size += units(pieces[end])
            end += 1
        if end < len(pieces):
            end = _break_at(pieces, start, end)
        parts.append("".join(pieces[start:end]))
        start, room = end, limit
        while start < len(pieces) and pieces[start] in ("\n", " "):  # the break itself
            start += 1
    return parts


def _break_at(pieces: list[str], start: int, end: int) -> int:
    """Where to end a part that cannot hold pieces[start:end + 1]: before the last blank
    line, else line break, else space in its second half; else at `end`."""
    ends = range(end - 1, start + (end - start) // 2, -1)
    for at in ends:
        if pieces[at] == "\n" and pieces[at - 1] == "\n":
            return at - 1
    for mark in ("\n", " "):
        for at in ends:
            if pieces[at] == mark:
                return at
    return end


def slack_link(url: str, label: str) -> str:
    """A `<url|label>` link, or just the escaped label when the URL is not plain http(s)."""
    safe = url.strip()
    if not safe.startswith(("https://", "http://")) or any(c in safe for c in "<>| \n"):
        return _slack_label(label)
    return f"<{safe}|{_slack_label(label)}>"


def _slack_label(label: str) -> str:
    """A name shown as a link's label (inside the card's `*bold*`): its `*`, `_`, `~` and
    backticks each followed by a zero-width space, so "Zed* _free_ ~x~" can neither end the
    bold nor start italics or a strike (Slack's mrkdwn has no escape character)."""
    pieces = [p + _ZWSP if p in ("*", "_", "~", "`") else p for p in _slack_pieces(label)]
    return fit(pieces, 200)


def _markdown_pieces(text: str) -> list[str]:
    return [_MARKDOWN.sub(r"\\\1", ch) for ch in plain(text)]


def discord_markdown(text: str, limit: int = 2000, *, lines: bool = False) -> str:
    """Discord: markdown escaped, `@everyone`/`@here` broken with a zero-width space; with
    `lines`, each line of `text` escaped on its own and kept a line."""
    pieces = _lines(text, _markdown_pieces) if lines else _markdown_pieces(text)
    return fit(_break(pieces, _BROADCAST), limit)


def mattermost_markdown(text: str, limit: int = 4000, *, lines: bool = False) -> str:
    """Mattermost: markdown escaped, every @-mention broken (`@channel`, `@all`, `@here`, users),
    and every bare URL (Mattermost has no flag to keep it from linking and previewing one);
    with `lines`, each line of `text` escaped on its own and kept a line."""
    pieces = _lines(text, _markdown_pieces) if lines else _markdown_pieces(text)
    return fit(_break(_break(pieces, _AT_NAME), _AUTOLINK), limit)


def html_text(text: str, limit: int = 20_000) -> str:
    """HTML for help-desk comments: every tag and entity in the text shown, never interpreted."""
    return html.escape(plain(text, limit), quote=True)
