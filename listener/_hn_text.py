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


def plain(value: str | None) -> str:
    """An item's HTML as text: paragraphs as blank lines, a code block apart from the words
    around it (its own lines kept), each link as its whole URL (the brand's name in a path HN
    cut short is what made it a mention)."""
    text = _LINK.sub(lambda link: link.group(1), value or "")
    text = _TAG.sub("", _BREAK.sub("\n\n", text))
    return html.unescape(text).strip()


def said_elsewhere(hit: dict[str, Any]) -> bool:
    """A comment Algolia found by its story alone: the query is in the story's title or URL
    (which it searches with each comment), not in the comment. Every comment on a "Show HN:
    Lumora" thread is such a hit; like a Reddit comment that does not say the query, it is
    no mention. Read only where Algolia says so (`_highlightResult`)."""
    found = hit.get("_highlightResult")
    said = found.get("comment_text") if isinstance(found, dict) else None
    return isinstance(said, dict) and said.get("matchLevel") == "none"
