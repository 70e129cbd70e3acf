"""`GET /healthz` for load balancers and supervisors: is the store reachable, and how much
work is waiting. Public and cheap; it names no person, post or secret."""

from __future__ import annotations

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.store import Store
from mentiondesk.tables import MENTION, OUTBOX
from mentiondesk.web.common import DESK


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/healthz", healthz)


def backlog(store: Store) -> dict[str, int]:
    """Mentions not yet read, actions waiting to be delivered, actions held for a person."""
    count = sa.select(sa.func.count())
    with store.engine.connect() as conn:
        unread = conn.scalar(count.select_from(MENTION).where(MENTION.c.processed.is_(False)))
        waiting = conn.scalar(count.select_from(OUTBOX).where(OUTBOX.c.status == "pending"))
        held = conn.scalar(count.select_from(OUTBOX).where(OUTBOX.c.status == "held"))
    return {
        "unread_mentions": unread or 0,
        "outbox_waiting": waiting or 0,
        "outbox_held": held or 0,
    }


async def healthz(request: web.Request) -> web.Response:
    desk = request.app[DESK]
    try:
        figures = await desk.db(backlog, desk.store)
    except sa.exc.SQLAlchemyError as exc:
        return web.json_response({"status": "error", "store": type(exc).__name__}, status=503)
    return web.json_response({"status": "ok", **figures})
