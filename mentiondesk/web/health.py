"""`GET /healthz` for load balancers and supervisors: is the store reachable, and how much
work is waiting. Public and cheap; it names no person, post or secret.

"degraded" (still 200) when the oldest undelivered action has waited longer than `[outbox]
degraded_after_seconds`: a chat or help desk that has been down all session is worth an
uptime monitor's alarm, but not a load balancer pulling the desk, where people can still
work the queue (a 503 stays for a store that fails: then nothing works). So is a source that
a running worker stopped for good (a revoked token: it is not read again until restart), as
the workers recorded it in the store (source_states), so the desk of any process says it;
`sources` says which, with the error's class and its message, scrubbed of anything token-like.
A source whose writer is gone (source_states' staleness rule) is "unknown" and degrades
nothing by itself: no process says how it stands now. But a source of the desk's config that
no running worker reads because the last one went without a clean stop (kill -9, the OOM
killer) degrades it, named in `no_worker_since` (source_vanished). A rate-limited source is
no failure either: its `rate_limited_until`, and where only some endpoints are held (X's
search, its mentions read) `rate_limited_endpoints`, each with until when.

A source whose polls keep failing (a host that does not resolve, a port where nothing listens,
the platform down) reads nothing either: "degraded" once it has failed past its grace
(source_failing: a blip does not flap the monitor), and shown from its first failure with who
failed (`cause`: the source, or the store that kept its pages out), the latest failure's
words, since when and how many times.

A stage of any running process (a poller, the processor, the outbox, a periodic chore) that
crashed and was started again (supervision) is in `restarts`, by task name, as many times as
in the last hour, every process's together: each records its restarts in the store
(stage_restarts), so a worker serving no desk is seen too. "degraded" while one process's
stage that had KEEPS_CRASHING of them still crashes (one within the last ten minutes:
stage_restarts' rule), named in `keeps_crashing`: started again, it keeps dying, and what it
does is not done. No host is named here (the endpoint is public): `sources check` says which
process ("host:pid")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.figures import count_unread
from mentiondesk.models import utc
from mentiondesk.source_failing import down, failing_json
from mentiondesk.source_health import held_in
from mentiondesk.source_states import RecordedSource, recorded, standing
from mentiondesk.source_vanished import configured_names, vanished
from mentiondesk.stage_restarts import StageRestarts, by_stage, recent
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web.common import DESK

__all__ = ["add_routes", "backlog", "healthz"]


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/healthz", healthz)


def backlog(store: Store, now: datetime) -> dict[str, int | None]:
    """Mentions not yet read, actions waiting to be delivered (and for how long the oldest
    has waited, in whole seconds since it was queued), actions held for a person."""
    count = sa.select(sa.func.count())
    pending = OUTBOX.c.status == "pending"
    with store.engine.connect() as conn:
        # The report's `mentions_unread` over the whole store, as the run summary shows it:
        # stored with no reading. A read post since edited, waiting to be read again, is not
        # unread (its reading is in every figure), so a monitor and the report agree.
        unread = count_unread(conn, None)
        waiting = conn.scalar(count.select_from(OUTBOX).where(pending))
        oldest = conn.scalar(sa.select(sa.func.min(OUTBOX.c.created_at)).where(pending))
        held = conn.scalar(count.select_from(OUTBOX).where(OUTBOX.c.status == "held"))
    waited = None if oldest is None else max(0, int((now - utc(oldest)).total_seconds()))
    return {
        "unread_mentions": unread or 0,
        "outbox_waiting": waiting or 0,
        "outbox_oldest_waiting_seconds": waited,
        "outbox_held": held or 0,
    }


Figures = tuple[
    dict[str, int | None], list[RecordedSource], list[RecordedSource], list[StageRestarts]
]


def _figures(store: Store, now: datetime) -> Figures:
    rows = recorded(store)
    return backlog(store, now), list(standing(rows, now).values()), rows, recent(store)


async def healthz(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    now = desk.clock()
    try:
        figures, sources, rows, stages = await desk.db(_figures, desk.store, now)
    except sa.exc.SQLAlchemyError as exc:
        return web.json_response({"status": "error", "store": type(exc).__name__}, status=503)
    waited = figures["outbox_oldest_waiting_seconds"]
    late = waited is not None and waited > desk.config.settings.outbox.degraded_after_seconds
    unread = any(source.stopped() or down(source, now) for source in sources)
    gone = vanished(rows, configured_names(desk.config.sources))  # those the config names
    shown: dict[str, dict[str, Any]] = {s.name: _source_json(s, now) for s in sources}
    for source in sources:  # X's search held while its mentions are read: which, until when
        if held := held_in(source, now):
            said = {endpoint: at.isoformat(timespec="seconds") for endpoint, at in held}
            shown[source.name]["rate_limited_endpoints"] = said
    restarts = by_stage(stages)
    crashing = sorted({one.stage for one in stages if one.crashing()})
    status = "degraded" if late or unread or gone or crashing else "ok"
    also: dict[str, Any] = {"sources": shown} if shown else {}  # none yet: no worker has polled
    if restarts:  # which stages crashed lately, how often, in any process
        also["restarts"] = restarts
    if crashing:  # those a process keeps restarting: what they do is not done
        also["keeps_crashing"] = crashing
    if gone:  # which sources no worker reads, since when
        also["no_worker_since"] = gone
    return web.json_response({"status": status, **figures, **also})


def _source_json(source: RecordedSource, now: datetime) -> dict[str, Any]:
    if source.current() and source.state == "failing":
        return failing_json(source, now)
    return source.as_json(now)
