"""A crisis day: thousands of alerts queued for the team chat at its pace (Slack, 1 a second).
The team adds a digest route and restarts: the alerts already queued join the digest instead
of going one message each; what no digest route takes, or a rule sent to a named chat, stays."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.config import AlertRoute, RoutingSection
from mentiondesk.digest import DigestSink, digest_loop, flush_due
from mentiondesk.digest_rerouted import reroute_to_digests
from mentiondesk.models import Label, OutboxAction
from mentiondesk.outbox_payload import action_from_payload, outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.responders._data import action, mention, reading

CRISIS = AlertRoute(name="crise", to=["slack"], label=["negative"], digest_minutes=10)
ROUTING = RoutingSection(alert=["slack", "teams"], alert_routes=[CRISIS])


def _alert(
    n: int, target: str, *, rule: str = "complaint", label: Label = Label.NEGATIVE
) -> OutboxAction:
    base = action(f"powerbank pegou fogo #{n}", target=target)
    ctx = replace(base.context, mention=mention(base.context.mention.text, f"p{n}"), rule=rule)
    ctx = replace(ctx, reading=reading(label))
    return replace(base, key=f"alert:{target}:x:p{n}:{rule}", context=ctx)


def _queue(store: Store, actions: list[OutboxAction], **values: object) -> None:
    now = datetime.now(UTC)
    rows = [{**outbox_row(a, None, now), **values} for a in actions]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), rows)


def _rows(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(OUTBOX.c.key, OUTBOX.c.target)).all())


def test_queued_alerts_join_the_digest_route_added_since(store: Store) -> None:
    flood = [_alert(n, chat) for n in range(3) for chat in ("slack", "teams")]
    praise = _alert(9, "slack", rule="praise", label=Label.POSITIVE)  # no digest route's
    pinned = _alert(8, "slack", rule="to-slack")  # its rule names the chat: `to = "slack"`
    notice = replace(_alert(7, "slack"), text="Source x stopped", extra={"notice": "x"})
    _queue(store, [*flood, praise, pinned, notice])
    leased = _alert(6, "slack")  # a worker is sending it right now
    _queue(store, [leased], lease_until=datetime.now(UTC) + timedelta(minutes=5))
    tried = _alert(5, "slack")  # its try went unanswered: it may be in the chat already
    _queue(store, [tried], attempts=1, last_error="TimeoutError")

    assert reroute_to_digests(store, ROUTING, pinned={"to-slack"}) == 3
    rows = _rows(store)
    # One line per post in the digest, however many chats its alert was queued for.
    moved = {k for k, t in rows.items() if t == "digest:crise"}
    assert moved == {f"alert:digest:crise:x:p{n}:complaint" for n in range(3)}
    for kept in (praise, pinned, notice, leased, tried):
        assert rows[kept.key] == "slack"
    assert len(rows) == 3 + 5
    assert reroute_to_digests(store, ROUTING, pinned={"to-slack"}) == 0  # nothing left to move

    # Delivered as the outbox delivers them (from the stored payload), they make one digest.
    sink = DigestSink(store, CRISIS)
    with store.engine.connect() as conn:
        payloads = conn.scalars(sa.select(OUTBOX.c.payload).where(OUTBOX.c.key.in_(moved)))
        for payload in payloads.all():
            stored = action_from_payload(payload, 1)
            assert stored.target == "digest:crise"
            asyncio.run(sink.deliver(stored))
    later = datetime.now(UTC) + timedelta(minutes=11)
    assert flush_due(store, CRISIS, now=later) == 3


def test_the_digest_loop_moves_them_at_start(store: Store) -> None:
    _queue(store, [_alert(n, "slack") for n in range(2)])
    stop, woke = asyncio.Event(), asyncio.Event()

    async def started() -> None:
        reroute = lambda: reroute_to_digests(store, ROUTING)  # noqa: E731
        loop = asyncio.create_task(
            digest_loop(store, ROUTING, stop, wake=woke.set, seconds=0.05, reroute=reroute)
        )
        try:
            await asyncio.wait_for(woke.wait(), 30)  # the outbox is woken to collect them
        finally:
            stop.set()
            await loop

    asyncio.run(started())
    assert set(_rows(store).values()) == {"digest:crise"}
