"""README's own routing example sends praise to an hourly digest. A fake support account's
friendly reply ("Olá! Seu estorno foi aprovado… chame no WhatsApp 😊") reads as praise: the
shipped `impostor` rule's alert is routed by that reading to the digest, whose line carried no
warning: the team saw it as just praise."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.alert_routing import alert_targets
from mentiondesk.config import AlertRoute, OutboxSection, RoutingSection
from mentiondesk.digest import DigestSink, flush_due
from mentiondesk.models import Author, Brand, Label
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.tables import DIGEST_ITEM, OUTBOX
from responders.console import ConsoleResponder
from tests.responders._data import action, reading

BRAND = Brand("Lumora", ("@lumora", "@lumora_br", "@lumora_pt"))
PRAISE = AlertRoute(name="praise", to=["console"], label=["positive"], digest_minutes=60)
ROUTING = RoutingSection(alert=["console"], alert_routes=[PRAISE])


async def test_impostor_alert_in_a_digest_still_warns(store) -> None:
    alert = action(
        "@sandra_lins Olá! Seu estorno foi aprovado 😊 chame no WhatsApp (11) 94821-3370"
    )
    m = replace(
        alert.context.mention,
        author=Author(id="9", handle="1umora_br", name="Lumora Brasil"),
        parent_id="p1",
    )
    r = reading(label=Label.POSITIVE, frustration=0)
    (target,) = alert_targets(ROUTING, m, r, "impostor")
    assert target == "digest:praise"
    alert = replace(
        alert,
        target=target,
        key="alert:digest:x:m1:impostor",
        context=replace(alert.context, mention=m, reading=r, rule="impostor", draft_text=None),
    )
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(alert, None, datetime.now(UTC))])
    out = io.StringIO()
    sinks = {"console": ConsoleResponder(out=out, width=400), target: DigestSink(store, PRAISE)}
    worker = OutboxWorker(store, sinks, OutboxSection(), brand=BRAND)
    await worker.drain()
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(DIGEST_ITEM).values(created_at=datetime.now(UTC) - timedelta(minutes=61))
        )
    assert flush_due(store, PRAISE) == 1
    await worker.drain()
    printed = " ".join(out.getvalue().split())  # the console wraps long lines
    assert (
        "• ⚠ @1umora_br (x, en), possible fake support account, it resembles @lumora_br: @sandra"
        in (printed)
    )
