"""Why a Slack click was refused, in the card's language (mentiondesk.slack_refusals)."""

from __future__ import annotations

import pytest

from mentiondesk import queue
from mentiondesk.alert_wording import wording_for
from mentiondesk.casework import AlreadyEscalated
from mentiondesk.hand_posting import PostByHand
from mentiondesk.models import ENGLISH
from mentiondesk.slack_refusals import REASONS, NoHelpDesk, reason

REFUSALS = [
    queue.DraftEdited("draft 3 was edited since it was shown: read it again before approving"),
    queue.StaleAction("draft 3 was already rejected"),
    queue.CaseEnded(7, "resolved"),
    queue.CaseEnded(7, "closed"),
    AlreadyEscalated("case MD-000007 was already escalated to cases"),
    queue.DoNotContact("draft 3 was withdrawn: the author asked not to be contacted"),
    queue.NotFound("no draft 3"),
    queue.EmptyReply("the reply text is empty"),
    queue.ReplyTooLong("the reply is 330 characters; x allows 280"),
    PostByHand("by-hand", "Hacker News cannot be posted to from mentiondesk"),
    PostByHand("no-private", "Hacker News has no private messages: reply publicly there"),
    NoHelpDesk("no help desk is configured (routing.ticket)"),
    KeyError("draft"),
]


@pytest.mark.parametrize("lang", ["pt-BR", "pt-PT"])
@pytest.mark.parametrize("exc", REFUSALS, ids=lambda e: type(e).__name__)
def test_a_portuguese_card_gets_no_english_reason(lang: str, exc: Exception) -> None:
    said = reason(exc, wording_for(lang, "UTC"))
    assert said not in REASONS and str(exc) not in said, said
    assert not any(word in said for word in (" the ", "draft", "case ", "read it")), said


def test_each_reason_has_its_own_words_and_portugal_says_some_otherwise() -> None:
    br, pt = wording_for("pt-BR", "UTC"), wording_for("pt-PT", "UTC")
    assert len({reason(exc, br) for exc in REFUSALS}) == len(REASONS)
    edited = queue.DraftEdited("")
    assert reason(edited, br).startswith("alguém editou este rascunho depois que este cartão foi")
    assert reason(edited, pt).startswith("alguém editou este rascunho depois de este cartão ser")
    too_long = queue.ReplyTooLong("")
    assert reason(too_long, pt).endswith("encurte-a primeiro")


def test_an_english_card_says_the_refusal_as_it_was_raised() -> None:
    """It names the draft and the platform's limit: more than the type's sentence would."""
    for exc in REFUSALS:
        if not isinstance(exc, queue.DraftEdited):
            assert reason(exc, ENGLISH) == str(exc)


def test_a_draft_edited_since_the_card_says_where_to_read_it() -> None:
    """The card still shows the text it was posted with: "read it again" would read that."""
    edited = queue.DraftEdited("draft 3 was edited since it was shown: read it again")
    assert "Press *Edit* to read it as it is now" in reason(edited, ENGLISH)
