"""A Reddit search query read here, for the comments Reddit's search does not return.

Reddit's search finds submissions only, and its newest-comments listing (`r/<subs>/comments`)
cannot be searched, so the Reddit source matches those comments against its `query` itself.
It understands the forms the brand's default query and docs/platforms.md's examples use, no more:

- a term (`lumora`, `@lumora`, `Lumora+`): a whole word in any case. `lumora` matches
  "Lumora's lamp", "#lumora" and "u/lumora", not "lumoras" or "lumora_bot";
- however a word's letters are encoded: "ç" as one character (NFC) or as c and a cedilla
  (NFD, as macOS and iOS often send it), full-width letters as their plain ones;
- a "quoted phrase": its words in that order, any whitespace between them;
- terms side by side, or joined by AND: all of them, anywhere in the comment;
- OR (in capitals, as Reddit wants it) between such groups: any one of them.

What else Reddit's search understands (NOT, a leading `-` or `+`, parentheses, `field:value`
such as `title:` or `author:`) is refused with `UnsupportedQuery`, never guessed at: matching
other comments than the query says would be worse than saying comments cannot be read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r'"[^"]*"|\S+')  # a quoted phrase, or a run of anything but whitespace
# Reddit's search fields (reddit.com/wiki/search): `title:lamp` is no word to find.
_FIELDS = frozenset(
    [
        "title",
        "selftext",
        "author",
        "subreddit",
        "site",
        "url",
        "self",
        "nsfw",
        "flair",
        "flair_name",
        "flair_text",
    ]
)


class UnsupportedQuery(ValueError):
    """A query in a form the local matcher does not read (said which, never the query)."""


@dataclass(frozen=True, slots=True)
class QueryMatcher:
    """Whether a text matches the query: any OR group whose terms all occur in it."""

    groups: tuple[tuple[re.Pattern[str], ...], ...]

    def __call__(self, text: str) -> bool:
        text = _fold(text)
        return any(all(term.search(text) for term in group) for group in self.groups)


def _fold(text: str) -> str:
    """Text as the query's terms are compared with it, one form for one word: composed (NFC),
    full-width letters as plain ones (NFKC, letters and digits only: "Lumora™" stays the word
    Lumora and a sign, not "LumoraTM"), case-folded ("ß" is "ss"; "İ" is "i", not i and a dot
    above) and composed again (folding can decompose)."""
    composed = unicodedata.normalize("NFC", text)
    plain = "".join(unicodedata.normalize("NFKC", c) if c.isalnum() else c for c in composed)
    return unicodedata.normalize("NFC", plain.casefold().replace("i\u0307", "i"))


def matcher(query: str) -> QueryMatcher:
    """The query as a matcher; UnsupportedQuery for a form Reddit reads that this does not."""
    groups: list[list[re.Pattern[str]]] = [[]]
    for token in _TOKEN.findall(query):
        if token == "OR":
            groups.append([])
        elif token != "AND":
            groups[-1].append(_term(token))
    if not any(groups):
        raise UnsupportedQuery("it has no term to look for")
    if not all(groups):
        raise UnsupportedQuery("it has an OR with no term on one side")
    return QueryMatcher(tuple(tuple(group) for group in groups))


def _term(token: str) -> re.Pattern[str]:
    if len(token) >= 2 and token[0] == token[-1] == '"':
        words = token[1:-1].split()
        if not words:
            raise UnsupportedQuery('it has an empty "" phrase')
    else:
        _refuse_operator(token)
        words = [token]
    # Whole words: no letter, digit or underscore just before or after (\w is Unicode's; a
    # combining accent is none, so the text is composed first: "lumorá" is not "lumora").
    body = r"\s+".join(re.escape(_fold(word)) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _refuse_operator(token: str) -> None:
    """Raise for a bare token Reddit's search reads as an operator, not a word."""
    field, colon, value = token.partition(":")
    if token == "NOT":
        form = "NOT"
    elif token[0] in "-+" and len(token) > 1:
        form = f"a leading {token[0]} (must or must not)"
    elif "(" in token or ")" in token:
        form = "parentheses"
    elif '"' in token:
        form = "a quote that does not close a phrase"
    elif colon and value and field.lower() in _FIELDS:
        form = f"a field ({field.lower()}:)"
    else:
        return
    raise UnsupportedQuery(f"it uses {form}")
