"""What was settled about an alert's draft and case before the alert was delivered.

An alert may reach its chat long after it was queued (the chat was down, pacing held it),
and the desk may have decided its draft, or ended its case, meanwhile. No card existed then
for the decision to update, so the alert is told at delivery (mentiondesk.outbox_claim puts
`extra[SETTLED]` on it, never stored) and says so as a card rewritten after a decision says
it: the settled buttons left off, a line saying who decided, or that the case ended.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any

from mentiondesk.models import OutboxAction, Wording

SETTLED = "settled"  # the OutboxAction.extra key
DRAFT_BUTTONS = frozenset({"approve", "edit", "reject"})
CASE_BUTTONS = frozenset({"assign", "escalate"})
# The verb of the line saying how a draft or case was settled elsewhere.
DRAFT_VERBS = {"approved": "Approved", "rejected": "Rejected", "withdrawn": "Withdrawn"}
CASE_VERBS = {"resolved": "Case resolved", "closed": "Case closed"}
# FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, as the desk isolates names (web/i18n_bidi).
_ISOLATE_START, _ISOLATE_END = "\u2068", "\u2069"
_NO_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")  # could close ours early
# What can reorder the words after it: right-to-left letters and digits, and the controls.
_REORDERING = {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def isolated(name: str) -> str:
    """A name inside our sentence ("Rejected by {user} at …") as a bidirectional island: a
    right-to-left name ("علي (admin)") would otherwise pull the words and time after it into
    its own direction. Left-to-right text stays as it is (no invisible marks to copy)."""
    if not any(unicodedata.bidirectional(ch) in _REORDERING for ch in name):
        return name
    return f"{_ISOLATE_START}{name.translate(_NO_ISOLATES)}{_ISOLATE_END}"


def settled_line(
    wording: Wording,
    *,
    draft: str | None,
    decided_by: str | None,
    decided_at: datetime | None,
    case: str | None,
    closed_at: datetime | None,
    person: Callable[[str], str],
    when: datetime,
) -> str | None:
    """ "Rejected by ana at …", "Case resolved at …" (the case first: it settles all), or
    None while both wait. `person` writes a decider as the chat names people; `when` stands
    in for a moment the store lacks. Our own words, and `person`'s: escape nothing else."""
    w = wording
    if case in CASE_VERBS:
        return w.t("{verb} at {when}", verb=w.t(CASE_VERBS[case]), when=w.when(closed_at or when))
    if draft not in DRAFT_VERBS:
        return None
    verb, at = w.t(DRAFT_VERBS[draft]), w.when(decided_at or when)
    if draft == "withdrawn" or not decided_by:  # a reason, not a person
        return w.t("{verb} at {when}", verb=verb, when=at)
    return w.t("{verb} by {user} at {when}", verb=verb, user=person(decided_by), when=at)


def settled_extra(
    *,
    draft: str | None,
    decided_by: str | None,
    decided_at: datetime | None,
    case: str | None,
    closed_at: datetime | None,
    assigned: bool,
    escalated: bool = False,
) -> dict[str, Any]:
    """The `extra[SETTLED]` of an alert whose draft and case the store has so; `escalated`,
    its case has a help-desk ticket queued or filed (one a person dropped is none)."""
    return {
        "draft": draft,
        "by": decided_by,
        "at": decided_at.isoformat() if decided_at else None,
        "case": case,
        "closed_at": closed_at.isoformat() if closed_at else None,
        "assigned": assigned,
        "escalated": escalated,
    }


def settled_buttons(action: OutboxAction) -> set[str]:
    """The buttons whose work was done before `action` was delivered (slack_card.CardState's
    rule): none where delivery was not told."""
    found = _settled(action)
    if found.get("case") not in (None, "open"):
        return set(DRAFT_BUTTONS | CASE_BUTTONS)
    gone = set(DRAFT_BUTTONS) if found.get("draft") not in (None, "pending") else set()
    if found.get("assigned"):
        gone.add("assign")
    if found.get("escalated"):  # Escalate would only be refused: the case has its ticket
        gone.add("escalate")
    return gone


def delivered_line(
    action: OutboxAction, wording: Wording, person: Callable[[str], str]
) -> str | None:
    """The line an alert delivered after its draft was decided, or its case ended, ends
    with; None otherwise. Without a moment stored, the alert's own creation stands in."""
    found = _settled(action)
    if not found:
        return None
    return settled_line(
        wording,
        draft=found.get("draft"),
        decided_by=found.get("by"),
        decided_at=_moment(found.get("at")),
        case=found.get("case"),
        closed_at=_moment(found.get("closed_at")),
        person=person,
        when=action.created_at or action.context.mention.created_at,
    )


def _settled(action: OutboxAction) -> dict[str, Any]:
    found = action.extra.get(SETTLED)
    return found if isinstance(found, dict) else {}


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
