"""Periodic work beside the flow: polling help desks for solved tickets, digests, and the
daily retention."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from mentiondesk.contacts import mastodon_homes
from mentiondesk.digest import digest_loop
from mentiondesk.helpdesk_sync import SolvedSource, sync_loop
from mentiondesk.retention import retention_loop

if TYPE_CHECKING:
    from mentiondesk.pipeline import App


def start_side_tasks(app: App) -> list[asyncio.Task[None]]:
    """Start the periodic tasks the config asks for; they end when `app.stop_event` is set.
    The digests' runs with no digest route too: alerts a removed route left are sent."""
    tasks: list[asyncio.Task[None]] = []
    if any(isinstance(r, SolvedSource) for r in app.responders.values()):
        seconds = app.config.settings.helpdesk.sync_seconds
        loop = sync_loop(app.store, app.responders, app.stop_event, seconds)
        tasks.append(asyncio.create_task(loop, name="helpdesk-sync"))
    routing, wording = app.config.settings.routing, app.config.context.wording
    digests = digest_loop(app.store, routing, app.stop_event, wake=app.wake_outbox, wording=wording)
    tasks.append(asyncio.create_task(digests, name="digests"))
    days = app.config.settings.store.retain_days
    if days is not None:
        home = mastodon_homes(app.config.sources)
        retention = retention_loop(app.store, days, app.stop_event, home=home)
        tasks.append(asyncio.create_task(retention, name="retention"))
    return tasks
