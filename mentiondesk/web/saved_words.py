"""Why the Saved replies page refused a reply, in the reader's language: the file loader's
checks (saved_replies.check_reply) name the problem by kind, and the page says it here. The
common template errors are said in plain words (saved_plain); any other keeps Jinja's own
English apart from the translated sentence, on a line of its own as the technical detail."""

from __future__ import annotations

import re
from typing import NamedTuple

from mentiondesk.saved_desk import Taken
from mentiondesk.saved_meant import guess
from mentiondesk.saved_replies import SAMPLE, ReplyRefused, placeholders
from mentiondesk.saved_syntax import IF_ELSE, MAX_DEPTH, filter_list
from mentiondesk.web.i18n import Locale
from mentiondesk.web.saved_plain import braces_reason, syntax_reason

_IF_NAME = "{% if name %}…{% endif %}"
# An unknown placeholder as ReplyRefused's detail names it: `'nome', 'protocolo'`.
_NAMED = re.compile(r"'(\w+)'")
# The kinds whose detail is the template's own error (Jinja's English), not the user's words.
_TECHNICAL = ("syntax", "sample")
# The form's fields a refusal can name (saved.html ties its notice to the one named); every
# other kind is the text's (its template: syntax, placeholders, nesting, length).
FIELDS = ("id", "title", "lang", "kind", "text")


class Refusal(NamedTuple):
    """What the page says: `reason`, one sentence in the page's language; `detail`, the
    template's own error in English (Jinja's), shown apart from it; "" when none; `field`,
    the form's field at fault (one of FIELDS), which the notice names and is tied to."""

    reason: str
    detail: str = ""
    field: str = "text"


def refused_reason(loc: Locale, exc: ReplyRefused | Taken, *, reply_id: str, file: str) -> Refusal:
    """What is wrong and what to do; `file`: the saved-replies file."""
    plain = _plain(loc, exc)
    reason = plain or _reason(loc, exc, reply_id=reply_id, file=file)
    technical = isinstance(exc, ReplyRefused) and exc.kind in _TECHNICAL and not plain
    detail = exc.detail if isinstance(exc, ReplyRefused) and technical else ""
    return Refusal(reason, detail, refused_field(exc))


def _plain(loc: Locale, exc: ReplyRefused | Taken) -> str | None:
    """A common template error, or a placeholder in single braces, in plain words."""
    if isinstance(exc, Taken):
        return None
    if exc.kind == "braces":
        return braces_reason(loc, exc.detail)
    return syntax_reason(loc, exc.detail) if exc.kind == "syntax" else None


def refused_field(exc: ReplyRefused | Taken) -> str:
    """The field at fault: a taken id is the id's; a check names its field, or else it is
    the text's (all that is left: a template that fails, a placeholder unknown)."""
    if isinstance(exc, Taken):
        return "id"
    return exc.kind if exc.kind in FIELDS else "text"


def _reason(loc: Locale, exc: ReplyRefused | Taken, *, reply_id: str, file: str) -> str:
    if isinstance(exc, Taken):
        if exc.by_file:
            return loc.t(
                "The short name {id} belongs to a saved reply in {file}, which only that file "
                "can change: choose another one.",
                id=reply_id,
                file=file,
            )
        return loc.t(
            "There is already a saved reply with the short name {id}: choose another one, or edit "
            "that reply.",
            id=reply_id,
        )
    return _text_reason(loc, exc) or _field_reason(loc, exc.kind)


def _field_reason(loc: Locale, kind: str) -> str:
    if kind == "id":
        return loc.t(
            "Write a short name of 1 to 64 lower-case letters, digits, - and _, a letter or "
            "digit first (it goes in links)."
        )
    if kind == "title":
        return loc.t("Write a title of 1 to {n} characters.", n=loc.number(120))
    if kind == "lang":
        return loc.t("Write the language as en or pt, or with its region: pt-BR, pt-PT.")
    if kind == "kind":
        return loc.t("Choose which replies offer it: public ones, private messages, or both.")
    return loc.t("Write a text of 1 to {n} characters.", n=loc.number(5000))


def _text_reason(loc: Locale, exc: ReplyRefused) -> str | None:
    """A text that is no template, nests too deeply, names an unknown placeholder, or cannot
    be filled in."""
    if exc.kind == "syntax":
        return loc.t("The text is not a valid template: check the braces around its placeholders.")
    if exc.kind == "nested":
        return loc.t(
            "The text is nested too deeply: {if_else}, not, filters and brackets may go at "
            "most {n} levels deep. Write it flatter.",
            if_else=IF_ELSE,
            n=loc.number(MAX_DEPTH),
        )
    if exc.kind == "construct":
        return loc.t(
            "The text uses {what}, which saved replies do not allow: write placeholders, "
            "{if_else} and the filters {filters}.",
            what=exc.detail,
            if_else=IF_ELSE,
            filters=filter_list(),
        )
    if exc.kind == "unknown":
        return _unknown(loc, exc.detail)
    if exc.kind == "nameless":
        return loc.t(
            "This text cannot be filled in for an author with no readable name (some have "
            "only symbols, such as “@@@”). Put {name} inside {if_name}, or write {name_or}; "
            "use {full_name} as it is, without splitting it.",
            name="{{ name }}",
            if_name=_IF_NAME,
            # The fallback is a word of the reply's text: "Hi there", "Olá, cliente".
            name_or=loc.t('{{ name or "there" }}'),
            full_name="{{ full_name }}",
        )
    if exc.kind == "joined":
        return loc.t(
            "Line {line} ends in a tag, which takes the line break with it: “{word}” on the "
            "next line runs into the text before it. Leave an empty line after the tag.",
            line=loc.number(exc.line),
            word=exc.detail,
        )
    if exc.kind == "sample":
        return loc.t("The text cannot be filled in: check its placeholders.")
    return None


def _unknown(loc: Locale, names: str) -> str:
    """An unknown placeholder, with the one meant where there is one (`nome`: `{{ name }}`,
    saved_meant, as the file's check says it), then the list."""
    meant = dict.fromkeys(g for n in _NAMED.findall(names) if (g := guess(n, SAMPLE)))
    if not meant:
        return loc.t(
            "{names}: not a placeholder. Use one of {known}.", names=names, known=placeholders()
        )
    return loc.t(
        "{names}: not a placeholder. Did you mean {meant}? Otherwise use one of {known}.",
        names=names,
        meant=", ".join("{{ " + m + " }}" for m in meant),
        known=placeholders(),
    )
