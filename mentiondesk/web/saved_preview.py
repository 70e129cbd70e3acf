"""The Saved replies page's previews: each reply as a customer reads it, filled in for a sample
author in the reply's language ("Maria" in Portuguese, "Alex" in the others) by the picker's
own code (saved_replies.fill, in its sandbox), greeted (`{{ time_greeting }}`) for the desk's
hour and the sample case's day (`{{ case_opened }}`) written in the reply's language. Template
code ({% if name %}) is for whoever edits the text; the page keeps it behind a disclosure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from jinja2 import Template

from mentiondesk.models import Author, Mention
from mentiondesk.saved_desk import StoredReply
from mentiondesk.saved_replies import SavedReplies, Unfilled, check_reply, fill
from mentiondesk.tables import case_number
from playbooks.placeholders import case_opened, mention_values, time_greeting

# The sample authors' display names, by language; any other language gets English's.
_AUTHORS = {"pt": "Maria Souza", "en": "Alex Taylor"}
_CASE = 123  # the sample case's number (MD-000123)
# When it was opened: 12 March 2026 in the desk's zone, wherever that is.
_OPENED = datetime(2026, 3, 12, 12, tzinfo=UTC)
# The sample's hour when the page gives none (the desk's time, in its zone).
_MORNING = datetime(2026, 1, 1, 10, tzinfo=UTC)


@dataclass(frozen=True)
class Preview:
    """A reply filled in for the sample author `name` (their first name, as the page says
    it); `text` None: it cannot be filled in for them (the picker would leave it out)."""

    name: str
    text: str | None


def previews(
    file: SavedReplies | None,
    made: Sequence[StoredReply],
    *,
    brand: str,
    agent: str,
    now: datetime | None = None,
) -> tuple[list[Preview], list[Preview]]:
    """The file's replies' previews and the desk's, in their order (off the event loop: this
    compiles and renders); `now`: the desk's time, in its zone (the greeting's hour)."""
    replies = [(file.compiled[r.id], r.lang) for r in file.replies] if file else []
    ours = [(made_template(r.values()), r.lang) for r in made]
    return [preview(t, lang, brand=brand, agent=agent, now=now) for t, lang in replies], [
        preview(t, lang, brand=brand, agent=agent, now=now) for t, lang in ours
    ]


def preview(
    template: Template | None, lang: str, *, brand: str, agent: str, now: datetime | None = None
) -> Preview:
    """The reply's `template` filled in for its language's sample author; None: no template
    (its text no longer passes the check)."""
    values = sample_values(lang, brand=brand, agent=agent, now=now)
    if template is None:
        return Preview(values["name"], None)
    try:
        return Preview(values["name"], fill(template, values))
    except Unfilled:
        return Preview(values["name"], None)


def made_template(values: Mapping[str, str]) -> Template | None:
    """A desk-made reply's template, checked as the picker checks it; None: refused."""
    try:
        return check_reply(values)[1]
    except ValueError:
        return None


def sample() -> dict[str, str]:
    """The sample authors' first names and case number, as the page says them."""
    pt, other = (sample_values(lang, brand="", agent="") for lang in ("pt", "en"))
    return {"pt": pt["name"], "other": other["name"], "case": pt["case"]}


def sample_values(
    lang: str, *, brand: str, agent: str, now: datetime | None = None
) -> dict[str, str]:
    """The placeholders' values for a sample author writing in `lang` on X, to `brand`, at
    `now` (the desk's time, in its zone; a morning when not given), on the sample case."""
    name = _AUTHORS.get(lang.split("-", 1)[0].lower(), _AUTHORS["en"])
    author = Author(id="0", handle=name.replace(" ", "_").lower(), name=name)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    mention = Mention(platform="x", external_id="0", text="", created_at=at, author=author)
    return {
        **mention_values(mention, brand=brand),
        "agent": agent,
        "case": case_number(_CASE),
        "case_opened": case_opened(_OPENED, lang, (now or _MORNING).tzinfo or UTC),
        "time_greeting": time_greeting(now or _MORNING, lang),
    }
