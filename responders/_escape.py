"""Escaping rules for each place untrusted mention text is rendered (chat, webhook, help desk)."""

from __future__ import annotations

import html
import re

from responders._text import plain

_MRKDWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Markdown punctuation shared by Discord and Mattermost: a backslash makes each literal.
_MARKDOWN = re.compile(r"([\\`*_~|<>#\[\]()\-])")
_BROADCAST = re.compile(r"@(?=(everyone|here|channel|all)\b)", re.IGNORECASE)
_AT_NAME = re.compile(r"@(?=\w)")
_ZWSP = "\u200b"  # zero-width space: breaks a mention token without changing what people read


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


def slack_mrkdwn(text: str, limit: int = 2900) -> str:
    """Slack mrkdwn: `&`, `<`, `>` escaped, so `<!channel>` or `<@U1>` in text pings no one."""
    return fit([_MRKDWN.get(ch, ch) for ch in plain(text)], limit)


def slack_link(url: str, label: str) -> str:
    """A `<url|label>` link, or just the escaped label when the URL is not plain http(s)."""
    safe = url.strip()
    if not safe.startswith(("https://", "http://")) or any(c in safe for c in "<>| \n"):
        return slack_mrkdwn(label, 200)
    return f"<{safe}|{slack_mrkdwn(label, 200)}>"


def discord_markdown(text: str, limit: int = 2000) -> str:
    """Discord: markdown escaped, `@everyone`/`@here` broken with a zero-width space."""
    pieces = [_MARKDOWN.sub(r"\\\1", ch) for ch in plain(text)]
    return fit(_break(pieces, _BROADCAST), limit)


def mattermost_markdown(text: str, limit: int = 4000) -> str:
    """Mattermost: markdown escaped, every @-mention broken (`@channel`, `@all`, `@here`, users)."""
    pieces = [_MARKDOWN.sub(r"\\\1", ch) for ch in plain(text)]
    return fit(_break(pieces, _AT_NAME), limit)


def html_text(text: str, limit: int = 20_000) -> str:
    """HTML for help-desk comments: every tag and entity in the text shown, never interpreted."""
    return html.escape(plain(text, limit), quote=True)
