"""Whether a draft is in its author's language: the desk's case page and queue, and each chat
alert, mark a draft that is not (an Italian post answered from a Lisbon team's pt-PT
templates), so nobody approves Portuguese to an Italian unawares."""

from __future__ import annotations

UNSURE = "und"  # sentiment's language when a post is too short to tell

# Languages by their English names, as a sentence says them ("Draft in European Portuguese");
# the Portuguese alerts' and the desk's names are their catalogues' own.
LANGUAGE_NAMES = {
    "en": "English",
    "pt": "Portuguese",
    # Not "Portuguese (Brazil)": it goes inside parentheses ("Order (Brazilian Portuguese)").
    "pt-PT": "European Portuguese",
    "pt-BR": "Brazilian Portuguese",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "de": "German",
    "nl": "Dutch",
    "und": "unknown",
}


def other_language(draft: str | None, theirs: str | None) -> bool:
    """Whether a draft in `draft` ("pt-PT") is in another language than `theirs` ("it"), both
    known. The region does not count (pt-PT and pt-BR read each other); nor does a post too
    short to tell (`und`)."""
    known = draft and theirs and theirs != UNSURE
    return bool(known) and _language(draft or "") != _language(theirs or "")


def _language(tag: str) -> str:
    return tag.split("-")[0].lower()
