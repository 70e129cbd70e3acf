"""A Brazilian team's agents see the ticket alone. A ticket (or a follow-up's comment) the
outbox delivers late, the help desk having been down, shows the draft as it is now: edited,
rejected (said, its text not offered to copy), approved or sent, not as it was when queued.
A case escalated after its reply was approved or sent says so, not "Drafted reply"."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.alert_wording import wording_for
from mentiondesk.casework import escalate_case
from mentiondesk.config import OutboxSection
from mentiondesk.decisions import OutboxPlan
from mentiondesk.models import OutboxAction
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_payload import action_from_payload, outbox_row, post_key
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from responders._helpdesk import text_body
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import Seeded, follow_up, seed

ZONE = "America/Sao_Paulo"
QUEUED = "Sorry, DM us"  # the seeded draft's text when its ticket was queued
ROUTE = {"default": "console"}


def _late_ticket_and_comment(store: Store) -> Seeded:
    """A case whose ticket to "zd" waits in the outbox with a follow-up's comment after it,
    both carrying the case's pending draft as it was then."""
    case = seed(store, plan=OutboxPlan("ticket", "zd", "complaint"))
    later = follow_up("zd", "e aí??")
    ctx = replace(later.context, case_number=case.number, draft_id=case.draft_id)
    later = replace(later, context=replace(ctx, draft_text=QUEUED))
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(later, case.case_id, datetime.now(UTC))])
    return case


def _claimed(store: Store) -> list[OutboxAction]:
    """What the worker takes to deliver now, in order (the ticket first)."""
    soon = datetime.now(UTC) + timedelta(minutes=1)
    return [c.action for c in claim(store, OutboxSection(), soon, None, None, None)]


async def _filed(fake_api: FakeAPI, actions: list[OutboxAction], language: str) -> list[str]:
    """The HTML of each ticket and comment Zendesk got for `actions`, in order."""
    fake = zd.ZendeskFake(fake_api)
    wording = wording_for(language, ZONE)
    responder = ZendeskResponder(
        "zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN, wording=wording
    )
    try:
        for action in actions:
            await responder.deliver(action)
    finally:
        await responder.close()
    first = fake_api.calls("/api/v2/tickets.json", "POST")[0].json()["ticket"]["comment"]
    comments = [c["html_body"] for c in next(iter(fake.comments.values()))[1:]]
    return [first["html_body"], *comments]


async def test_a_late_ticket_and_comment_show_the_draft_as_edited(
    store: Store, fake_api: FakeAPI
) -> None:
    case = _late_ticket_and_comment(store)
    queue.edit_draft(store, case.draft_id, text="Olá! Chame-nos por DM <b>já</b>", by="ana")
    ticket, comment = await _filed(fake_api, _claimed(store), "pt-BR")
    for html in (ticket, comment):
        assert (
            "<p><b>Rascunho de resposta:</b> Olá! Chame-nos por DM &lt;b&gt;já&lt;/b&gt;</p>"
            in html
        )
        assert QUEUED not in html


@pytest.mark.parametrize("language", ["pt-BR", "pt-PT"])
async def test_a_late_ticket_says_its_draft_was_rejected_without_offering_it(
    store: Store, fake_api: FakeAPI, language: str
) -> None:
    """Said, not left off: an agent who saw the draft in the chat (or an earlier ticket) learns
    the team turned it down, and has no text to paste into the reply."""
    case = _late_ticket_and_comment(store)
    queue.reject_draft(store, case.draft_id, by="ana")
    for html in await _filed(fake_api, _claimed(store), language):
        said = "<p><b>Rascunho de resposta:</b> Rejeitado no mentiondesk: não deve ser enviado</p>"
        assert said in html
        assert QUEUED not in html


async def test_a_late_ticket_says_its_reply_was_sent(store: Store, fake_api: FakeAPI) -> None:
    case = _late_ticket_and_comment(store)
    queue.approve_draft(store, case.draft_id, by="ana", post_route=ROUTE)
    with store.engine.begin() as conn:  # the reply went out while the help desk was down
        conn.execute(
            sa.update(OUTBOX).where(OUTBOX.c.key == post_key(case.draft_id)).values(status="done")
        )
    actions = [a for a in _claimed(store) if a.kind in ("ticket", "comment")]
    for html in await _filed(fake_api, actions, "pt-BR"):
        assert f"<p><b>Resposta enviada:</b> {QUEUED}</p>" in html
        assert "Rascunho de resposta" not in html


def _escalated(store: Store, case: Seeded) -> OutboxAction:
    key = escalate_case(store, case.case_id, by="ana", target="zd")
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == key))
    return action_from_payload(str(payload), 1)


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Reply approved, not sent yet"),
        ("pt-BR", "Resposta aprovada, ainda não enviada"),
        ("pt-PT", "Resposta aprovada, ainda por enviar"),
    ],
)
def test_an_escalated_case_says_its_reply_is_approved(
    store: Store, language: str, label: str
) -> None:
    case = seed(store, alert_to="console")
    queue.approve_draft(store, case.draft_id, by="ana", post_route=ROUTE)  # its post waits
    body = text_body(_escalated(store, case), wording_for(language, ZONE))
    assert f"\n{label}: {QUEUED}\n" in body + "\n"
    assert "Drafted reply" not in body and "Rascunho de resposta" not in body


def test_an_escalated_case_whose_reply_was_posted_by_hand_says_it_was_sent(store: Store) -> None:
    """Mark as posted (Hacker News, which mentiondesk cannot post to) approves the draft and
    queues no post: it was sent, by a person. (As Mark as posted leaves it; the seeded
    post is on X, which refuses Mark as posted.)"""
    case = seed(store, alert_to="console")
    with store.engine.begin() as conn:
        approved = {"status": "approved", "decided_by": "ana", "decided_at": datetime.now(UTC)}
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == case.draft_id).values(approved))
    body = text_body(_escalated(store, case), wording_for("pt-PT", ZONE))
    assert f"\nResposta enviada: {QUEUED}\n" in body + "\n"


async def test_an_escalated_ticket_filed_after_its_reply_went_says_sent(
    store: Store, fake_api: FakeAPI
) -> None:
    """Escalated while the reply waited, filed after it went: the ticket says what is so then."""
    case = seed(store, alert_to="console")
    queue.approve_draft(store, case.draft_id, by="ana", post_route=ROUTE)
    escalate_case(store, case.case_id, by="ana", target="zd")
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX).where(OUTBOX.c.key == post_key(case.draft_id)).values(status="done")
        )
    [ticket] = [a for a in _claimed(store) if a.kind == "ticket"]
    [html] = await _filed(fake_api, [ticket], "pt-BR")
    assert f"<p><b>Resposta enviada:</b> {QUEUED}</p>" in html


def test_a_pending_draft_is_still_a_drafted_reply(store: Store) -> None:
    case = seed(store, alert_to="console")
    body = text_body(_escalated(store, case), wording_for("pt-BR", ZONE))
    assert f"\nRascunho de resposta: {QUEUED}\n" in body + "\n"
