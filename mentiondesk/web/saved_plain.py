"""A saved reply's template errors in plain words, in the reader's language: the common ones
(an {% if %} left open, a tag saved replies do not know, a {{ or {% left open) and a
placeholder written with one brace. Jinja's own English stays only for what is not mapped
here (saved_words shows it as the technical detail)."""

from __future__ import annotations

import re

from mentiondesk.saved_braces import meant
from mentiondesk.saved_replies import placeholders
from mentiondesk.saved_syntax import IF_ELSE
from mentiondesk.web.i18n import Locale

_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
_IF_PARTS = ("elif", "else", "endif")
_EXAMPLE = "{{ name }}"
_IF_TAGS = {"if_tag": "{% if %}", "endif": "{% endif %}"}
_OPEN = {"open": "{{", "example": _EXAMPLE}


def syntax_reason(loc: Locale, detail: str) -> str | None:
    """Jinja's syntax error `detail` in plain words; None when it is not one of the common."""
    tag = _UNKNOWN_TAG.match(detail)
    if tag and tag.group(1) in _IF_PARTS:  # before its {% if %}, or after its {% endif %}
        return loc.t(
            "{tag} has no {if_tag} before it: open it with {if_name}, or delete it.",
            tag="{% " + tag.group(1) + " %}",
            if_tag="{% if %}",
            if_name="{% if name %}",
        )
    if tag:
        return loc.t(
            "{tag} is not a tag saved replies know: they have {if_else} only.",
            tag="{% " + tag.group(1) + " %}",
            if_else=IF_ELSE,
        )
    if "The innermost block that needs to be closed is 'if'" in detail:
        return loc.t("An {if_tag} is not closed: end it with {endif}.", **_IF_TAGS)
    # Braces are values, not in the texts: str.format would read "{{" as one brace.
    if "expected 'end of print statement'" in detail:
        return loc.t("A {open} is not closed: write placeholders as {example}.", **_OPEN)
    if detail in ("unexpected '}'", "unexpected 'end of template'"):
        return loc.t(
            "A {open} or {tag} is not closed: write {example} and {if_name}, with two "
            "characters at each end.",
            **_OPEN,
            tag="{%",
            if_name="{% if name %}",
        )
    return None


def braces_reason(loc: Locale, written: str) -> str:
    """A placeholder in single braces (saved_braces): the one meant, or the list."""
    right = meant(written.strip("{} \t\n"))
    if right:
        return loc.t(
            "{written} would be sent as written: write placeholders as {right}.",
            written=written,
            right="{{ " + right + " }}",
        )
    return loc.t(
        "{written} would be sent as written: write placeholders as {example}, one of {known}.",
        written=written,
        example=_EXAMPLE,
        known=placeholders(),
    )
