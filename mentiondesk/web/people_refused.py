"""Why the People page refused to add a person, in the reader's language, and the field at
fault: the page names the field, marks it (aria-invalid) and puts focus on it, as the Saved
replies form does, with the name and role kept in the form (never the password).

The refusal answers Post/Redirect/Get: it is kept with the session (flash.py) for the /people
page its redirect lands on, shown once; a reload shows the form afresh and resends nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from mentiondesk.web.flash import Said
from mentiondesk.web.i18n import Locale
from mentiondesk.web.users import BadField

PAGE = "/people"
_KEPT = "person-refused"  # what a refusal keeps for the page (flash.py)
_FIELDS = ("name", "role", "password")


class PersonRefused(NamedTuple):
    field: str  # name | role | password: the form's field the notice is tied to
    reason: str


def refused_field(loc: Locale, exc: BadField) -> PersonRefused:
    return PersonRefused(exc.field, _reason(loc, exc))


def refused_role(loc: Locale) -> PersonRefused:
    return PersonRefused("role", loc.t("Choose one of the listed roles."))


def refusal(refused: PersonRefused, typed: Mapping[str, str]) -> Said:
    """The redirect to /people, which says `refused` once with the name and role as typed.
    The password is not kept (the store is no place for it): the notice asks for it again."""
    name, role = str(typed.get("name", "")), str(typed.get("role", ""))
    kept = {"field": refused.field, "reason": refused.reason, "name": name, "role": role}
    return Said(PAGE, {_KEPT: kept})


def kept_refusal(told: Mapping[str, Any]) -> tuple[PersonRefused | None, dict[str, str]]:
    """The refusal and the typed name and role a redirect kept for this page ({}: none)."""
    kept = told.get(_KEPT)
    if not isinstance(kept, dict) or kept.get("field") not in _FIELDS:
        return None, {}
    typed = {name: str(kept.get(name, "")) for name in ("name", "role")}
    return PersonRefused(str(kept["field"]), str(kept.get("reason", ""))), typed


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
