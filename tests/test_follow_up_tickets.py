"""A follow-up on a case with a help-desk ticket is added to that ticket, never a second one."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.casework import AlreadyEscalated, escalate_case
from mentiondesk.models import CaseContext, Mention
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.pipeline import App
from mentiondesk.queue import reject_draft
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from responders._helpdesk import html_body, text_body
from tests.desk.seed import add
from tests.helpers import config_for, mention
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import COMPLAINT, Recorder


async def _run(
    tmp_path: Path, db_url: str, mentions: list[Mention], chat: Recorder | None = None
) -> Recorder:
    """One pass of the pipeline; returns what the help desk ("cases") was handed."""
    desk = Recorder("cases")
    app = App(
        config_for(tmp_path, db_url, mentions),
        responders={"console": chat or Recorder("console"), "cases": desk},
    )
    async with app:
        await app.run_once()
    return desk


def _outbox(db_url: str) -> list[tuple[str, str]]:
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            query = sa.select(OUTBOX.c.kind, OUTBOX.c.key).where(OUTBOX.c.target == "cases")
            return [(k, key) for k, key in conn.execute(query.order_by(OUTBOX.c.id))]
    finally:
        store.engine.dispose()


async def test_follow_ups_on_an_escalated_case_become_ticket_comments(
    tmp_path: Path, db_url: str
) -> None:
    first = [mention(1, ANGRY)]  # frustration 3: the rules escalate it
    desk = await _run(tmp_path, db_url, first)
    assert [(a.kind, a.context.case_number) for a in desk.delivered] == [("ticket", "MD-000001")]

    # A calm follow-up (its rules ask for no ticket) and an angry one (its rules do).
    chat = Recorder("console")
    desk = await _run(tmp_path, db_url, [*first, mention(2, COMPLAINT), mention(3, ANGRY)], chat)
    assert [(a.kind, a.context.mention.external_id) for a in desk.delivered] == [
        ("comment", "m2"),
        ("comment", "m3"),
    ]
    assert {a.context.case_number for a in desk.delivered} == {"MD-000001"}
    assert [kind for kind, _ in _outbox(db_url)] == ["ticket", "comment", "comment"]
    # The team chat is told these are follow-ups on the case, not new cases.
    assert {(a.context.case_number, a.context.follow_up) for a in chat.delivered} == {
        ("MD-000001", True)
    }


async def test_a_case_escalated_later_brings_its_follow_ups(tmp_path: Path, db_url: str) -> None:
    mentions = [mention(1, COMPLAINT), mention(2, COMPLAINT)]
    desk = await _run(tmp_path, db_url, mentions)
    assert desk.delivered == []  # plain complaints: no ticket yet

    store = Store(db_url)
    escalate_case(store, 1, by="ana", target="cases")
    with pytest.raises(AlreadyEscalated, match="already escalated to cases"):
        escalate_case(store, 1, by="ana", target="cases")  # a second click queues nothing more
    store.engine.dispose()
    desk = await _run(tmp_path, db_url, mentions)
    assert [(a.kind, a.context.mention.external_id) for a in desk.delivered] == [
        ("ticket", "m1"),
        ("comment", "m2"),
    ]
    assert _outbox(db_url)[1] == ("comment", "comment:cases:case:MD-000001:x:m2")


async def test_a_ticket_opened_by_a_follow_up_tells_the_story_so_far(
    tmp_path: Path, db_url: str
) -> None:
    first = mention(1, "<b>Lumora</b> " + COMPLAINT)  # plain complaint: a case, no ticket
    mentions = [first, mention(2, COMPLAINT), mention(3, ANGRY)]
    desk = await _run(tmp_path, db_url, mentions)
    [ticket] = desk.delivered
    assert (ticket.kind, ticket.context.mention.external_id) == ("ticket", "m3")
    assert [m.external_id for m in ticket.context.earlier] == ["m1", "m2"]
    # Every help desk's ticket shows them, oldest first, escaped like the mention itself.
    html = html_body(ticket)
    assert html.index("m1: &lt;b&gt;Lumora") < html.index("m2: ")
    assert "<b>Lumora" not in html
    assert "Earlier in the case: " in text_body(ticket)
    assert "Menção anterior do caso: " in text_body(ticket, wording_for("pt-BR", "UTC"))

    # A later follow-up is a comment on that ticket and repeats nothing.
    desk = await _run(tmp_path, db_url, [*mentions, mention(4, ANGRY)])
    [comment] = desk.delivered
    assert (comment.kind, comment.context.earlier) == ("comment", ())


def test_a_ticket_never_carries_a_reply_a_person_rejected(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    try:
        _, case, wrong = add(store, "My parcel is lost", handle="bia", draft="Sorry <wrong name>!")
        assert case is not None and wrong is not None
        reject_draft(store, wrong, by="ana")
        key = escalate_case(store, case, by="ana", target="cases")
        assert _ticket(store, key).draft_text is None  # nothing was or will be said
        # A newer reply waiting for approval is the one the help desk should see.
        _, _, better = add(store, "Still nothing!", handle="bia", draft="Sorry, Bia.")
        with store.engine.begin() as conn:
            conn.execute(sa.delete(OUTBOX))
        key = escalate_case(store, case, by="ana", target="cases")
        ticket = _ticket(store, key)
        assert (ticket.draft_id, ticket.draft_text) == (better, "Sorry, Bia.")
    finally:
        store.dispose()


def _ticket(store: Store, key: str) -> CaseContext:
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.key == key))
    return action_from_payload(str(payload), 0).context
