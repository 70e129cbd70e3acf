"""slackops: who decided, named on a Slack card in our own sentence ("Rejected by {user} at
…"), is a bidirectional island: a right-to-left desk user's name cannot reorder the words
and time after it. A left-to-right name, and a Slack mention, stay as they are."""

from __future__ import annotations

from mentiondesk import queue
from responders.slack_blocks import who_is
from tests.test_slack_review6_settle import Card, card

__all__ = ["card"]  # the fixture, used by name
RTL = "علي (admin)"


def test_a_right_to_left_name_is_isolated() -> None:
    assert who_is(RTL) == f"\u2068{RTL}\u2069"
    assert who_is("ana") == "ana"  # no invisible marks where nothing can reorder
    assert who_is("slack:U42ANN (ann)") == "<@U42ANN>"


def test_isolate_marks_in_a_name_cannot_close_ours_early() -> None:
    assert who_is("\u2069علي\u2066x") == "\u2068علي x\u2069"


async def test_a_card_settled_for_a_right_to_left_decider_isolates_the_name(c: Card) -> None:
    queue.reject_draft(c.store, c.seeded.draft_id, by=RTL)
    await c.settle.once()
    said = [e["text"] for b in c.blocks() if b.get("type") == "context" for e in b["elements"]]
    assert any(f"Rejected by \u2068{RTL}\u2069 at " in line for line in said)
