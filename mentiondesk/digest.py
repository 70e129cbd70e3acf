"""Digests: alerts of a digest route are collected in the database and sent as one message
per period. Collecting and flushing are each one transaction, so a crash loses or repeats none."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa

from mentiondesk.alert_routing import digest_name
from mentiondesk.config import AlertRoute, Config, RoutingSection
from mentiondesk.models import ENGLISH, CaseContext, OutboxAction, Receipt, Wording, handle_shown
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.periodic import attempt, every
from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, OUTBOX
from mentiondesk.wording import whole

_LOGGER = logging.getLogger(__name__)
_LISTED = 20  # lines in one digest message; the rest are counted


def _utcnow() -> datetime:
    return datetime.now(UTC)


class DigestSink:
    """The outbox target `digest:<route>`: delivering an alert stores it for the next digest."""

    def __init__(self, store: Store, route: AlertRoute) -> None:
        self.name = digest_name(route)
        self.store = store
        self.route = route

    async def deliver(self, action: OutboxAction) -> Receipt:
        await asyncio.to_thread(self._collect, action)
        return Receipt(ref=self.name, detail="collected for the digest")

    def _collect(self, action: OutboxAction) -> None:
        post = action.context.mention
        row = {
            "key": action.key,
            "platform": post.platform,  # the retention's indexed link to the post
            "external_id": post.external_id,
            "route": self.route.name,
            "payload": json.dumps(action.context.to_dict(), ensure_ascii=False),
            "created_at": _utcnow(),
        }
        with self.store.engine.begin() as conn:
            stmt = self.store.insert(DIGEST_ITEM).on_conflict_do_nothing(index_elements=["key"])
            conn.execute(stmt, [row])

    async def close(self) -> None:
        return None


def digest_sinks(config: Config, store: Store) -> dict[str, DigestSink]:
    routes = [r for r in config.settings.routing.alert_routes if r.digest_minutes]
    return {digest_name(r): DigestSink(store, r) for r in routes}


def flush_due(
    store: Store,
    route: AlertRoute,
    *,
    now: datetime | None = None,
    wording: Wording = ENGLISH,
    at_once: bool = False,
) -> int:
    """If the route's oldest waiting alert is a period old (or `at_once`), queue one digest
    per sink, in `wording`'s language ([routing] language).

    Return how many alerts the digest holds (0 when nothing was due)."""
    now = now or _utcnow()
    period = timedelta(minutes=route.digest_minutes or 60)
    waiting = sa.and_(DIGEST_ITEM.c.route == route.name, DIGEST_ITEM.c.flushed_at.is_(None))
    with store.engine.begin() as conn:
        rows = conn.execute(
            sa.select(DIGEST_ITEM).where(waiting).order_by(DIGEST_ITEM.c.id).with_for_update()
        ).all()
        if not rows or (rows[0].created_at > now - period and not at_once):
            return 0
        contexts = [CaseContext.from_dict(json.loads(r.payload)) for r in rows]
        text = summary(route, contexts, covered(period, now - rows[0].created_at), wording)
        batch = digest_key(route, rows[0])
        for target in route.to:
            key = f"{batch}:{target}"
            action = OutboxAction(
                key=key,
                kind="alert",
                target=target,
                context=contexts[0],
                text=text,
                extra={"digest": len(rows)},
            )
            stmt = store.insert(OUTBOX).on_conflict_do_nothing(index_elements=["key"])
            conn.execute(stmt, [outbox_row(action, None, now)])
        ids = [r.id for r in rows]
        flushed = {"flushed_at": now, "digest_key": batch}  # the link the retention follows
        conn.execute(sa.update(DIGEST_ITEM).where(DIGEST_ITEM.c.id.in_(ids)).values(flushed))
    _LOGGER.info("digest %s: %d alert(s) queued as one message", route.name, len(rows))
    return len(rows)


def covered(period: timedelta, oldest: timedelta) -> timedelta:
    """The time a digest's alerts came in over: its period, or, once the oldest waited a
    period beyond it (the desk was stopped, a chat down; a stranded route's at start), since
    the oldest: "3 mentions in the last hour" of alerts collected overnight misled."""
    return oldest if oldest > 2 * period else period


def digest_key(route: AlertRoute, first: sa.Row[Any]) -> str:
    """`digest:ROUTE:ID-STAMP`: a retried flush of the same batch gets the same key. The first
    item's time beside its id because stores made before ids were never reused (SQLite gives
    an emptied table's next row id 1 again) would otherwise name a new digest as an old one,
    delivered, and the outbox would drop it as already sent."""
    created: datetime = first.created_at
    return f"digest:{route.name}:{first.id}-{created:%Y%m%dT%H%M%S%f}"


def summary(
    route: AlertRoute,
    contexts: list[CaseContext],
    period: timedelta,
    wording: Wording = ENGLISH,
) -> str:
    """Plain text, one mention a line: no newline inside a line, so each sink can escape it
    for its own format line by line and keep the lines. A line starts with the author's handle
    as their platform writes it ("• u/ana (Reddit, en): …"; digests stored before wrote
    "• @ana": erasure_payloads.line_starts finds both)."""
    w, n = wording, len(contexts)
    head = "{route}: {n} mention {when}" if n == 1 else "{route}: {n} mentions {when}"
    lines = [w.t(head, route=route.name, n=w.number(n), when=_when(period, w))]
    for ctx in contexts[:_LISTED]:
        m = ctx.mention
        text = _one_line(m.text)
        snippet = text if len(text) <= 140 else text[:139] + "…"
        where = f"{w.word('platform', m.platform)}, {w.word('lang', ctx.reading.lang)}"
        who = _one_line(f"{handle_shown(m.platform, m.author.handle)} ({where})")  # u/ana, ana
        if ctx.impostor_of:  # told at once, as its own alert would (responders/_text.py)
            fake = w.t("possible fake support account, it resembles {term}", term=ctx.impostor_of)
            who = f"⚠ {who}, {_one_line(fake)}"
        lines.append(f"• {who}: {snippet}")
    if len(contexts) > _LISTED:
        lines.append(w.t("… and {n} more", n=w.number(len(contexts) - _LISTED)))
    return "\n".join(lines)


def _when(period: timedelta, w: Wording) -> str:
    """ "in the last minute", "in the last 15 min", "in the last hour", "in the last 2 hours":
    a one-minute route's "in the last 1 min" read as a machine's (pt "nos últimos 1 min")."""
    minutes = whole(period.total_seconds() / 60)  # 2.5 → 3
    if minutes == 1:
        return w.t("in the last minute")
    if minutes == 60:
        return w.t("in the last hour")
    if minutes % 60 == 0:
        return w.t("in the last {hours} hours", hours=w.number(minutes // 60))
    return w.t("in the last {minutes} min", minutes=w.number(minutes))  # pt-BR 1.500


def _one_line(text: str) -> str:
    """Whitespace folded: a newline in a mention (or a handle) cannot start a line of its own."""
    return " ".join(text.split())


def flush_stranded(
    store: Store, routes: list[AlertRoute], to: list[str], *, wording: Wording = ENGLISH
) -> int:
    """Alerts collected for a digest route since renamed, removed or made immediate would wait
    for ever (and keep the posts they quote from the retention): sent now, each old route's as
    one digest to its chats if it is still configured (made immediate: a restricted route's
    alerts stay in its channels), else to `to` (`routing.alert`). How many alerts went."""
    names = [r.name for r in routes if r.digest_minutes]
    immediate = {r.name: r.to for r in routes if not r.digest_minutes}
    query = sa.select(DIGEST_ITEM.c.route).where(
        DIGEST_ITEM.c.flushed_at.is_(None), DIGEST_ITEM.c.route.not_in(names)
    )
    with store.engine.connect() as conn:
        stranded = sorted(set(conn.scalars(query.distinct())))
    sent = 0
    for name in stranded:
        chats = immediate.get(name, to)
        _LOGGER.warning(
            "digest route %s is no longer configured as one; its waiting alerts go to %s",
            name,
            ", ".join(chats) or "no chat (routing.alert is empty): they stay waiting",
        )
        if chats:
            route = AlertRoute(name=name, to=chats, digest_minutes=60)
            sent += flush_due(store, route, wording=wording, at_once=True)
    return sent


async def digest_loop(
    store: Store,
    routing: RoutingSection,
    stop: asyncio.Event,
    *,
    wake: Callable[[], None],
    seconds: float = 30.0,
    wording: Wording = ENGLISH,
    reroute: Callable[[], int] | None = None,
) -> None:
    """Send the alerts of digest routes no longer configured (flush_stranded), and move the
    queued alerts a digest route now takes there (`reroute`, digest_rerouted), then flush due
    digests every `seconds` until `stop`; each route on its own, so one that fails does not
    hold back the others. The stranded alerts are tried again each turn until a try goes
    through: a database down at start would otherwise keep them until the next restart."""
    routes = [r for r in routing.alert_routes if r.digest_minutes]
    stranded_left = True

    async def stranded() -> None:
        nonlocal stranded_left
        moved = await asyncio.to_thread(reroute) if reroute else 0
        every_route = routing.alert_routes  # one made immediate keeps its chats
        flush = partial(flush_stranded, store, every_route, routing.alert, wording=wording)
        sent = await asyncio.to_thread(flush)
        stranded_left = False  # sent, or said to wait for a chat (routing.alert is empty)
        if sent or moved:
            wake()

    async def flush(route: AlertRoute) -> None:
        if await asyncio.to_thread(flush_due, store, route, wording=wording):
            wake()

    async def step() -> None:
        if stranded_left:
            failed = "the alerts of a digest route no longer configured could not be sent"
            await attempt(stranded, failed, log=_LOGGER)
        for route in routes:
            failed = f"digest {route.name} could not be flushed"
            await attempt(partial(flush, route), failed, log=_LOGGER)

    await every(seconds, stop, step, "digests could not be flushed", log=_LOGGER)
