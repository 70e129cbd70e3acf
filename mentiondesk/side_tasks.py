"""Periodic work beside the flow: polling help desks for solved tickets, digests, and the
daily retention."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from mentiondesk.digest import digest_loop, flush_stranded
from mentiondesk.helpdesk_sync import SolvedSource, sync_loop
from mentiondesk.periodic import attempt
from mentiondesk.retention import retention_loop

if TYPE_CHECKING:
    from mentiondesk.pipeline import App

_LOGGER = logging.getLogger(__name__)


def start_side_tasks(app: App) -> list[asyncio.Task[None]]:
    """Start the periodic tasks the config asks for; they end when `app.stop_event` is set."""
    tasks: list[asyncio.Task[None]] = []
    if any(isinstance(r, SolvedSource) for r in app.responders.values()):
        seconds = app.config.settings.helpdesk.sync_seconds
        loop = sync_loop(app.store, app.responders, app.stop_event, seconds)
        tasks.append(asyncio.create_task(loop, name="helpdesk-sync"))
    tasks.append(asyncio.create_task(_stranded(app), name="stranded-digests"))
    routes = [r for r in app.config.settings.routing.alert_routes if r.digest_minutes]
    if routes:
        wording = app.config.context.wording  # [routing] language
        digests = digest_loop(
            app.store, routes, app.stop_event, wake=app.wake_outbox, wording=wording
        )
        tasks.append(asyncio.create_task(digests, name="digests"))
    days = app.config.settings.store.retain_days
    if days is not None:
        retention = retention_loop(app.store, days, app.stop_event)
        tasks.append(asyncio.create_task(retention, name="retention"))
    return tasks


async def _stranded(app: App) -> None:
    """Once at start: the waiting alerts of a digest route the config no longer has."""
    routing = app.config.settings.routing

    async def step() -> None:
        sent = await asyncio.to_thread(
            flush_stranded,
            app.store,
            routing.alert_routes,
            routing.alert,
            wording=app.config.context.wording,
        )
        if sent:
            app.wake_outbox()

    await attempt(step, "the alerts of a removed digest route could not be sent", log=_LOGGER)
