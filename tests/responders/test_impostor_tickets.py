"""A team that files possible impostors as help-desk tickets (a rule with `escalate`, for the
trust-and-safety queue) sees the warning there first, as the chat does: the ticket of a fake
"support" account read as praise otherwise looked like any thank-you."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import OutboxSection
from mentiondesk.models import Author, Brand, OutboxAction
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.tables import OUTBOX
from responders._helpdesk import html_body, text_body
from tests.responders._data import action, follow_up
from tests.test_pipeline import Recorder

BRAND = Brand("Lumora", ("@lumora",))
SCAM = "@ana_c Olá! Seu estorno foi aprovado, chame no WhatsApp"


def _by(handle: str, item: OutboxAction, name: str = "Lumora Help") -> OutboxAction:
    m = replace(item.context.mention, author=Author(id="9", handle=handle, name=name))
    return replace(item, context=replace(item.context, mention=m, rule="impostor"))


def _told(item: OutboxAction) -> OutboxAction:
    return replace(item, context=replace(item.context, impostor_of="Lumora"))


def test_the_ticket_says_it_first_in_the_team_s_language() -> None:
    ticket = _told(_by("lumora_help", action(SCAM, kind="ticket", target="cases")))
    first = text_body(ticket).splitlines()[0]
    assert first.startswith("Warning: ⚠ Possible fake support account (it resembles Lumora")
    br = text_body(ticket, wording_for("pt-BR", "UTC")).splitlines()[0]
    assert br.startswith("Atenção: ⚠ Possível perfil falso de atendimento (lembra Lumora")
    assert "<p><b>Warning:</b> ⚠ Possible fake" in html_body(ticket)
    assert "Warning" not in text_body(action(SCAM, kind="ticket", target="cases"))


def test_the_brand_name_is_escaped_in_the_html_ticket() -> None:
    ticket = action(SCAM, kind="ticket", target="cases")
    hostile = replace(ticket, context=replace(ticket.context, impostor_of="<b>Lumora</b>"))
    assert "<b>Lumora</b>" not in html_body(hostile) and "&lt;b&gt;Lumora" in html_body(hostile)


async def test_tickets_and_follow_ups_of_a_look_alike_are_told_at_delivery(store) -> None:
    items = [
        _by("lumora_help", action(SCAM, kind="ticket", target="cases")),
        replace(_by("lumora_help", follow_up("cases")), key="comment:cases:case:MD-7:x:m9"),
        _by("ana_c", replace(action(kind="ticket", target="cases"), key="ticket:c"), "Ana Costa"),
    ]
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(i, None, now) for i in items])
    cases = Recorder("cases")
    await OutboxWorker(store, {"cases": cases}, OutboxSection(), brand=BRAND).drain()
    told = {a.key: a.context.impostor_of for a in cases.delivered}
    assert told == {items[0].key: "Lumora", items[1].key: "Lumora", items[2].key: None}
