"""Why the People page refused to add a person, in the reader's language, and the field at
fault: the page names the field, marks it (aria-invalid) and puts focus on it, as the Saved
replies form does, with the name and role kept in the form (never the password)."""

from __future__ import annotations

from typing import NamedTuple

from mentiondesk.web.i18n import Locale
from mentiondesk.web.users import BadField


class PersonRefused(NamedTuple):
    field: str  # name | role | password: the form's field the notice is tied to
    reason: str


def refused_field(loc: Locale, exc: BadField) -> PersonRefused:
    return PersonRefused(exc.field, _reason(loc, exc))


def refused_role(loc: Locale) -> PersonRefused:
    return PersonRefused("role", loc.t("Choose one of the listed roles."))


def _reason(loc: Locale, exc: BadField) -> str:
    if exc.kind == "taken":  # any case: 'Ana' and 'ana' would be two logins nobody tells apart
        return loc.t(
            "That name is taken by {name} (upper and lower case count as the same).",
            name=exc.figure,
        )
    if exc.kind == "space":
        return loc.t("A name may contain no spaces: use one word, e.g. ana.lima.")
    if exc.kind == "short":
        return loc.t(
            "The password is too short: at least 12 characters (it has {n}). A few words "
            "make a good one.",
            n=exc.figure,
        )
    if exc.kind == "long":
        return loc.t(
            "The password is too long: at most 1,024 characters (the login form reads no more)."
        )
    return loc.t("A name has 1 to 64 characters.")
