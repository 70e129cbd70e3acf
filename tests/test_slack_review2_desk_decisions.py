"""Work done on the desk is said on the Slack card, as a click on the card would say it: a draft
approved or rejected there, a case resolved or taken there, stops being offered on the card,
which says who did it. And "Assign to me" on a card never takes a case a colleague took since
the card was posted. The desk and /slack/actions served by one app, real slack_sdk against the
fake Slack API (set-up: test_slack_review_desk_edits)."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from mentiondesk import casework
from mentiondesk.alert_wording import wording_for
from mentiondesk.casework import Reassigned
from mentiondesk.models import ENGLISH
from mentiondesk.slack_refusals import reason
from mentiondesk.tables import CASE
from tests.test_slack_review_desk_edits import Both, approve_on_card, both, click, draft

__all__ = ["both"]  # the fixture, used by name

DRAFT_BUTTONS = {"approve", "edit", "reject"}


def buttons(b: Both) -> set[str]:
    return {
        e["action_id"]
        for blk in b.card()
        if blk.get("block_id") == "md_actions"
        for e in blk["elements"]
    }


def lines(b: Both) -> str:
    """The card's context lines, where "… by …" is said."""
    return json.dumps([blk for blk in b.card() if blk.get("type") == "context"])


def told(b: Both) -> list[str]:
    """What the clickers were told, in messages only they see."""
    return [str(c.json()["text"]) for c in b.slack.api.calls("/api/chat.postEphemeral")]


def assignee(b: Both) -> str | None:
    with b.store.engine.connect() as conn:
        found = conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == b.seeded.case_id))
    return None if found is None else str(found)


async def desk_post(b: Both, path: str, said: str | None, **form: str) -> None:
    answer = await b.desk.post(path, back=f"/cases/{b.seeded.case_id}", **form)
    assert answer.status == 303
    if said is not None:
        assert await b.desk.said(answer) == said
    await b.actions.drain()


async def test_a_draft_approved_on_the_desk_is_no_longer_offered_on_its_card(b: Both) -> None:
    assert buttons(b) >= DRAFT_BUTTONS
    await desk_post(b, f"/drafts/{b.seeded.draft_id}/approve", "approved")
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Approved by agent at" in lines(b)
    assert "assign" in buttons(b)  # the case is still nobody's
    # Said once: settling it again (a second hook, a late task) changes nothing.
    before = len(b.slack.api.calls("/api/chat.update"))
    b.actions.draft_decided(b.seeded.draft_id)
    await b.actions.drain()
    assert len(b.slack.api.calls("/api/chat.update")) == before == 1


async def test_a_draft_rejected_on_the_desk_says_so_on_its_card(b: Both) -> None:
    as_posted = approve_on_card(b)  # Slack sends the clicker's copy of the card
    await desk_post(b, f"/drafts/{b.seeded.draft_id}/reject", "rejected")
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Rejected by agent at" in lines(b)
    # A click on the card as it was is refused, and the card says nothing twice.
    await click(b, as_posted)
    assert draft(b)[0] == "rejected"
    assert lines(b).count("Rejected by agent") == 1


async def test_a_case_resolved_on_the_desk_leaves_nothing_to_press_on_its_card(b: Both) -> None:
    path = f"/cases/{b.seeded.case_id}/close"
    await desk_post(b, path, None, resolution="resolved")  # its pending draft withdrawn
    assert buttons(b) <= {"open_desk"}
    assert "Case resolved at" in lines(b)


async def test_a_case_taken_on_the_desk_is_not_offered_on_its_card(b: Both) -> None:
    await desk_post(b, f"/cases/{b.seeded.case_id}/assign", None, assignee="agent")
    assert "assign" not in buttons(b)
    assert buttons(b) >= DRAFT_BUTTONS  # its draft still waits


async def test_assign_on_a_card_never_takes_a_case_a_colleague_took_since(b: Both) -> None:
    # Taken where no card is updated (the CLI, another worker): the card still offers it.
    casework.assign_case(b.store, b.seeded.case_id, assignee="carla", by="carla")
    assert "assign" in buttons(b)
    await click(b, {**approve_on_card(b), "actions": [_pressed(b, "assign")]})
    assert assignee(b) == "carla"
    [said] = told(b)
    assert said.startswith("Could not assign: carla took this case after this card was posted")
    assert "assign" not in buttons(b)  # the card no longer offers it


async def test_assign_on_a_card_of_a_case_the_clicker_holds_changes_nothing(b: Both) -> None:
    """Theirs already, under the username they had then: no refusal naming themselves."""
    old = "slack:U42ANN (ann.old)"
    casework.assign_case(b.store, b.seeded.case_id, assignee=old, by=old)
    await click(b, {**approve_on_card(b), "actions": [_pressed(b, "assign")]})
    assert assignee(b) == old and told(b) == []


def test_whose_the_case_is_said_in_the_cards_language() -> None:
    taken = Reassigned(7, "slack:U0CARLA (carla)")
    assert reason(taken, ENGLISH).startswith("<@U0CARLA> took this case")
    br = reason(taken, wording_for("pt-BR", "UTC"))
    assert br.startswith("<@U0CARLA> assumiu este caso depois que este cartão foi publicado")
    pt = reason(taken, wording_for("pt-PT", "UTC"))
    assert pt.startswith("<@U0CARLA> assumiu este caso depois de este cartão ser publicado")
    # A desk user's name is text, escaped as the card escapes it.
    assert reason(Reassigned(7, "<!channel>"), ENGLISH).startswith("&lt;!channel&gt; took")


def _pressed(b: Both, action_id: str) -> dict[str, Any]:
    [button] = [
        e
        for blk in b.card()
        if blk.get("block_id") == "md_actions"
        for e in blk["elements"]
        if e["action_id"] == action_id
    ]
    return {**button, "action_ts": "1.000003"}
