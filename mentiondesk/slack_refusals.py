"""Why a Slack click was refused, in the card's language.

The refusals' own messages (queue_errors, casework, hand_posting) are English, with the
draft's number or the platform's limit in them: an English card says them as they are; any
other language says the sentence for the refusal's type (alert_words_pt.py words each one).
"""

from __future__ import annotations

from mentiondesk import queue
from mentiondesk.casework import AlreadyEscalated, Reassigned
from mentiondesk.hand_posting import PostByHand
from mentiondesk.models import Wording
from mentiondesk.slack_card import who_is


class NoHelpDesk(ValueError):
    """Escalate pressed where no help desk is configured (`[routing] ticket`)."""


class UnreadableCard(ValueError):
    """A click or an Edit dialog whose ids are not as this version writes them: a broken
    button value, metadata cut short. Said as UNREADABLE in every language."""

    def __init__(self) -> None:
        super().__init__(UNREADABLE)


# Each follows "Could not {action}: ", so it starts in lower case and ends unstopped.
# The card is rewritten with the current text as this is said (slack_desk_edits); Edit, or
# the desk, shows it too.
EDITED = (
    "someone edited this draft after this card was posted: nothing was sent or rejected. "
    "Press *Edit* to read it as it is now, or open the case on the desk"
)
DECIDED = (
    "someone else already acted on this (approved, rejected or closed it), or a newer draft "
    "replaced it. Nothing was sent twice"
)
RESOLVED = "this case is already resolved: nothing changed"
CLOSED = "this case is already closed: nothing changed"
ESCALATED = "this case was already escalated: nothing new was sent to the help desk"
NO_CONTACT = "the author asked not to be contacted: no private message is sent"
GONE = "this draft or case no longer exists"
EMPTY = "the text is empty: nothing was changed"
TOO_LONG = "the reply is longer than the platform allows: shorten it first"
BY_HAND = (
    "this platform cannot be posted to from mentiondesk: reply there yourself, then press "
    "*Mark as posted* on the case page in the desk"
)
NO_PRIVATE = "this platform has no private messages: send a public reply"
NO_HELP_DESK = "no help desk is configured (routing.ticket)"
UNREADABLE = "this card could not be read: nothing was changed"
# Whose the case is now, named as the card names people: said in every language.
REASSIGNED = "{holder} took this case after this card was posted: it stays theirs, nothing changed"
REASONS = (
    EDITED,
    DECIDED,
    RESOLVED,
    CLOSED,
    ESCALATED,
    NO_CONTACT,
    GONE,
    EMPTY,
    TOO_LONG,
    BY_HAND,
    NO_PRIVATE,
    NO_HELP_DESK,
    UNREADABLE,
)


def reason(exc: Exception, wording: Wording) -> str:
    """What follows "Could not approve: " for `exc`, as the card's team reads it."""
    if isinstance(exc, Reassigned) and exc.holder:  # who has it, as the card names people
        return wording.t(REASSIGNED, holder=who_is(exc.holder))
    if wording.lang == "en" and not isinstance(exc, queue.DraftEdited):
        return str(exc)
    return wording.t(_reason_key(exc))


def _reason_key(exc: Exception) -> str:
    """The sentence for a refusal's type; subclasses before the StaleAction they are."""
    if isinstance(exc, queue.CaseEnded):
        return RESOLVED if exc.status == "resolved" else CLOSED
    found: tuple[tuple[type[Exception], str], ...] = (
        (AlreadyEscalated, ESCALATED),
        (queue.DoNotContact, NO_CONTACT),
        (queue.DraftEdited, EDITED),
        (queue.StaleAction, DECIDED),
        (queue.NotFound, GONE),
        (queue.EmptyReply, EMPTY),
        (queue.ReplyTooLong, TOO_LONG),
        (NoHelpDesk, NO_HELP_DESK),
        (UnreadableCard, UNREADABLE),
    )
    if isinstance(exc, PostByHand):
        return NO_PRIVATE if exc.reason == "no-private" else BY_HAND
    return next((key for kind, key in found if isinstance(exc, kind)), UNREADABLE)
