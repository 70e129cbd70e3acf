"""A digest's heading says its period as people do: a one-minute route's read "nos últimos 1
min" ("in the last 1 min"), an hourly one's "in the last 60 min"; now "no último minuto",
"na última hora", "nas últimas 2 horas", in each alert language."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import DigestSink, flush_due, summary
from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, OUTBOX
from tests.responders._data import action

_HEADS = {  # minutes: (en, pt-BR, pt-PT), two mentions
    1: ("in the last minute", "no último minuto", "no último minuto"),
    15: ("in the last 15 min", "nos últimos 15 min", "nos últimos 15 min"),
    60: ("in the last hour", "na última hora", "na última hora"),
    120: ("in the last 2 hours", "nas últimas 2 horas", "nas últimas 2 horas"),
    1440: ("in the last 24 hours", "nas últimas 24 horas", "nas últimas 24 horas"),
    90: ("in the last 90 min", "nos últimos 90 min", "nos últimos 90 min"),
}


@pytest.mark.parametrize("minutes", sorted(_HEADS))
@pytest.mark.parametrize(("lang", "mentions"), [("en", 0), ("pt-BR", 1), ("pt-PT", 2)])
def test_the_period_reads_as_people_say_it(minutes: int, lang: str, mentions: int) -> None:
    route = AlertRoute(name="crise", to=["chat"], digest_minutes=minutes)
    contexts = [action("a").context, action("b").context]
    text = summary(route, contexts, timedelta(minutes=minutes), wording_for(lang, "UTC"))
    noun = ("mentions", "menções", "menções")[mentions]
    assert text.split("\n")[0] == f"crise: 2 {noun} {_HEADS[minutes][mentions]}"


async def test_a_one_minute_digest_sent_from_the_store(store: Store) -> None:
    """As a crisis-day route flushes it: one mention, pt-BR, a minute's period."""
    route = AlertRoute(name="crise", to=["console"], digest_minutes=1)
    sink = DigestSink(store, route)
    alert = action("a bateria pegou fogo", target="digest:crise")
    await sink.deliver(replace(alert, key="alert:digest:crise:x:p1:complaint"))
    with store.engine.begin() as conn:
        ago = datetime.now(UTC) - timedelta(seconds=70)  # due, not kept past its period
        conn.execute(sa.update(DIGEST_ITEM).values(created_at=ago))
    assert flush_due(store, route, wording=wording_for("pt-BR", "UTC")) == 1
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload))
    head = json.loads(payload)["text"].split("\n")[0]
    assert head == "crise: 1 menção no último minuto"
