"""The case page's own actions say on the Slack cards what they did to a pending draft, as
the queue's do: a reply written by hand (which withdraws the draft it answers instead), a
corrected reading (which withdraws the drafts written for the old one) and do-not-contact
(which withdraws the author's private drafts). Set-up: test_slack_review_desk_edits."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.tables import DRAFT
from tests.test_slack_review2_desk_decisions import DRAFT_BUTTONS, buttons, desk_post, lines
from tests.test_slack_review_desk_edits import Both, both

__all__ = ["both"]  # the fixture, used by name


def status(b: Both) -> str:
    """The seeded draft's status."""
    with b.store.engine.connect() as conn:
        found = conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == b.seeded.draft_id))
    return str(found)


def _mention(b: Both) -> int:
    with b.store.engine.connect() as conn:
        found = conn.scalar(sa.select(DRAFT.c.mention_id).where(DRAFT.c.id == b.seeded.draft_id))
    assert found is not None
    return int(found)


async def test_a_reply_written_by_hand_withdraws_the_draft_on_its_card(b: Both) -> None:
    assert buttons(b) >= DRAFT_BUTTONS
    path = f"/mentions/{_mention(b)}/reply"
    await desk_post(b, path, "replied", kind="private", text="Hi Ann, on it.", seen="0")
    assert status(b) == "withdrawn"
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Withdrawn at" in lines(b)


async def test_a_corrected_reading_withdraws_the_draft_on_its_card(b: Both) -> None:
    await desk_post(b, f"/mentions/{_mention(b)}/correct", None, label="positive")
    assert status(b) == "withdrawn"
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Withdrawn at" in lines(b)


async def test_do_not_contact_withdraws_the_dm_on_its_card(b: Both) -> None:
    await desk_post(b, f"/mentions/{_mention(b)}/do-not-contact", "dnc-listed")
    assert status(b) == "withdrawn"
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Withdrawn at" in lines(b)


async def test_a_draft_restored_on_the_desk_is_offered_again_on_its_card(b: Both) -> None:
    await desk_post(b, f"/mentions/{_mention(b)}/correct", None, label="positive")
    assert not DRAFT_BUTTONS & buttons(b)
    await desk_post(b, f"/drafts/{b.seeded.draft_id}/restore", "restored")
    assert status(b) == "pending"
    assert buttons(b) >= DRAFT_BUTTONS
    assert "Withdrawn at" in lines(b)  # what was said on it stays
