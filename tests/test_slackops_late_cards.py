"""slackops: a card delivered late, after its case was escalated meanwhile (a click on
another card, the desk, the pipeline filing a follow-up's ticket), offers no Escalate: it
would only be refused ("already escalated")."""

from __future__ import annotations

import dataclasses

from mentiondesk import casework
from mentiondesk.models import ENGLISH
from mentiondesk.store import Store
from responders._settled import SETTLED, settled_extra
from responders.slack_blocks import alert_blocks
from tests.fakes._base import FakeAPI
from tests.responders._data import action, seed
from tests.test_slack_review5_late_cards import buttons, delivered


def _told(escalated: bool) -> dict[str, object]:
    said = settled_extra(
        draft="pending",
        decided_by=None,
        decided_at=None,
        case="open",
        closed_at=None,
        assigned=False,
        escalated=escalated,
    )
    return {SETTLED: said}


def test_a_card_told_its_case_has_a_ticket_offers_no_escalate() -> None:
    alert = action()
    assert "escalate" in buttons(
        alert_blocks(dataclasses.replace(alert, extra=_told(False)), ENGLISH)
    )
    late = dataclasses.replace(alert, extra=_told(True))
    shown = buttons(alert_blocks(late, ENGLISH))
    assert "escalate" not in shown
    assert shown >= {"approve", "reject", "assign"}  # the rest still waits


async def test_a_case_escalated_before_its_card_is_posted_offers_no_escalate(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    casework.escalate_case(store, seeded.case_id, by="carla", target="cases")
    card = await delivered(store, fake_api)
    assert "escalate" not in buttons(card)
    assert buttons(card) >= {"approve", "reject", "assign"}
