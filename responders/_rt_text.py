"""What the Request Tracker responder writes and reads in a ticket's text: its subjects, the
author tag that ends its content (RT has no tags), and TicketSQL strings."""

from __future__ import annotations

import re
from typing import Any

from mentiondesk.models import ENGLISH, OutboxAction, Wording
from responders import _helpdesk as desk

# The last line of a ticket's first content: `_helpdesk.owner_tag`. The mention's text cannot
# forge it, as every field of the body above is one line, folded (`_helpdesk.text_body`).
_OWNER_LINE = re.compile(re.escape(desk.OWNER) + r"[0-9a-f]{12}")


def content(action: OutboxAction, wording: Wording, before: str = "") -> str:
    """A ticket's first content: the case's story, then its author's tag on a line of its own,
    which tells the case's ticket (`owners`) when the subject's handle no longer does."""
    return f"{before}{desk.text_body(action, wording)}\n\n{desk.owner_tag(action)}"


def owners(first: dict[str, Any] | None) -> list[str] | None:
    """The author tag a ticket's first attachment ends with, as `_helpdesk.owns` reads tags;
    None for a ticket filed before the tag (or by hand): its subject's handle tells then."""
    lines = str((first or {}).get("Content") or "").strip().splitlines()
    last = lines[-1].strip() if lines else ""
    return [last] if _OWNER_LINE.fullmatch(last) else None


def marks(action: OutboxAction, wording: Wording) -> list[str]:
    """A follow-up's comment subject in this language and in English, the one written now
    first: one written before [routing] language changed, or before handles were shown as
    their platform writes them ("@ana" on Reddit: follow_up_forms), is found too, not added
    twice."""
    number = action.context.case_number
    said = [(wording, wording.t("follow-up:")), (ENGLISH, "follow-up:")]
    subjects = [
        f"[{number}] {word} {mark}" for w, word in said for mark in desk.follow_up_forms(action, w)
    ]
    return list(dict.fromkeys(subjects))


def quoted(value: str) -> str:
    """`value` as a TicketSQL string: a queue named "Lumora's Care" in the query as it was
    ended the string early, and RT refused every search (400) for that queue's tickets."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def titled(shown: dict[str, Any], number: str) -> bool:
    """Whether a ticket's subject starts with case `number`, as the tickets we file do."""
    return str(shown.get("Subject") or "").startswith(f"[{number}]")


def unfolded(subject: object) -> str:
    """A subject as written, however a mail header's folding broke its lines."""
    return " ".join(str(subject or "").split())
