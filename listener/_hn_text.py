"""Hacker News' HTML as the desk shows it: plain text, what the brand said kept visible.

Algolia gives an item's text as HN renders it: paragraphs opened by `<p>`, code in
`<pre><code>`, `<i>`, and links HN made of the URLs people typed, whose shown text HN cuts
after some 60 characters ("https://github.com/acme/lumora-ci/iss..."). Everything else is
entities (`&#x27;`, `&gt;`, `&#x2F;`): a `<` in a comment arrives as `&lt;`, so tags are
taken out before entities are read, never after.
"""

from __future__ import annotations

import html
import re
from typing import Any

_TAG = re.compile(r"<[^>]+>")
# A paragraph, and a code block's edges: the text on either side is another paragraph.
_BREAK = re.compile(r"(?:\s*(?:<p>|<pre>|(?:</code>\s*)?</pre>)\s*)+", re.IGNORECASE)
# HN links only the URLs typed (no text of one's own): the link's target is the URL whole.
_LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
# The whitespace before a text's first line: its blank lines, and the spaces a paragraph
# opens with, never those of a code block's first line (after a line break: kept).
_EDGE = re.compile(r"\A\s*(?:\n|\Z)|\A[ \t]+")


def plain(value: str | None) -> str:
    """An item's HTML as text: paragraphs as blank lines, a code block apart from the words
    around it (its own lines kept), each link as its whole URL (the brand's name in a path HN
    cut short is what made it a mention)."""
    text = _LINK.sub(lambda link: link.group(1), value or "")
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n\n", text)))
    # Blank lines go at either end, not a code block's indent: one that opens the comment
    # keeps its first line's spaces, or Python or YAML pasted there reads wrong.
    return _EDGE.sub("", text).rstrip()


def said_elsewhere(hit: dict[str, Any]) -> bool:
    """A comment Algolia found by its story alone: the query is in the story's title or URL
    (which it searches with each comment), not in the comment. Every comment on a "Show HN:
    Lumora" thread is such a hit; like a Reddit comment that does not say the query, it is
    no mention. Read only where Algolia says so (`_highlightResult`)."""
    return _unsaid(hit, ("comment_text",))


def by_name_alone(hit: dict[str, Any]) -> bool:
    """A story Algolia found by its author's name alone: HN Search searches `author` too, so
    every story by "acme_jane" (the brand's staff, or a fan) is a hit for "acme" whatever it
    is about. Its title, URL and text do not say the query: it is no mention."""
    return _unsaid(hit, ("title", "url", "story_text"))


def _unsaid(hit: dict[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether Algolia says none of `fields` the hit has matches the query (`matchLevel`
    "none" in `_highlightResult`); False where it says nothing of them."""
    found = hit.get("_highlightResult")
    if not isinstance(found, dict):
        return False
    said = [found[f] for f in fields if isinstance(found.get(f), dict)]
    return bool(said) and all(s.get("matchLevel") == "none" for s in said)
