"""What Mastodon does to a status's text: TextFormatter renders it into `content` (escaped, in
`<p>`, links, mentions and hashtags in its inline tags), StatusLengthValidator counts it
(links 23, `@user@domain` as `@user`), and search and hashtag timelines find it."""

from __future__ import annotations

import html
import re

from mentiondesk.fediverse_graphemes import grapheme_count

_INLINE = re.compile(
    r"(?P<url>https?://[^\s<]+)"
    r"|(?<![\w@/])@(?P<user>\w+)(?:@(?P<domain>[\w.-]*\w))?"
    r"|(?<![\w&])#(?P<tag>\w+)"
)
_LINK = re.compile(r"https?://\S+")
_REMOTE = re.compile(r"(?<![\w@])@(\w+)@[\w.-]*\w")
_TAGS = re.compile(r"<[^>]+>")
_TERM = re.compile(r'"[^"]*"|\S+')  # a quoted phrase, or a word


def says(query: str, content: str) -> bool:
    """Full-text search's match, minimally: every term of `query` in the status's text."""
    text = html.unescape(_TAGS.sub(" ", content)).lower()
    terms = [t.strip('"').lower() for t in _TERM.findall(query)]
    return bool(terms) and all(t in text for t in terms)


def tagged(tag: str, content: str) -> bool:
    """Whether the status's text carries `#tag` (any case), as a hashtag timeline lists it."""
    text = html.unescape(_TAGS.sub("", content))
    return re.search(rf"#{re.escape(tag)}(?!\w)", text, re.IGNORECASE) is not None


def status_length(text: str, spoiler: str = "") -> int:
    """A status's length as StatusLengthValidator counts it: its content warning and text
    together, in graphemes (grapheme_length)."""
    return grapheme_count(spoiler + _REMOTE.sub(r"@\1", _LINK.sub("x" * 23, text)))


def render(text: str) -> str:
    """Plain status text as Mastodon's TextFormatter renders it into `content`: escaped,
    links, mentions and hashtags in its inline tags, paragraphs, and `<br />` for a newline."""

    def inline(found: re.Match[str]) -> str:
        if url := found["url"]:
            scheme, rest = url.split("://", 1)
            shown = f'<span class="">{rest}</span><span class="invisible"></span>'
            if len(rest) > 30:  # the rest is hidden, an ellipsis drawn by CSS
                shown = f'<span class="ellipsis">{rest[:30]}</span>'
                shown += f'<span class="invisible">{rest[30:]}</span>'
            return (
                f'<a href="{url}" target="_blank" rel="nofollow noopener" translate="no">'
                f'<span class="invisible">{scheme}://</span>{shown}</a>'
            )
        if user := found["user"]:  # shown by username alone, wherever the account lives
            home = f"https://{found['domain'] or 'social.test'}/@{user}"
            return (
                f'<span class="h-card" translate="no"><a href="{home}" class="u-url mention">'
                f"@<span>{user}</span></a></span>"
            )
        tag = found["tag"]
        return (
            f'<a href="https://social.test/tags/{tag.lower()}" class="mention hashtag" '
            f'rel="tag">#<span>{tag}</span></a>'
        )

    escaped = html.escape(text.strip(), quote=True).replace("&#x27;", "&#39;")  # as Rails does
    paragraphs = re.split(r"\n\s*\n", escaped)
    body = (_INLINE.sub(inline, p).replace("\n", "<br />") for p in paragraphs)
    return "".join(f"<p>{p}</p>" for p in body)
