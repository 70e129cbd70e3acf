"""Periodic work beside the flow: polling help desks for solved tickets (and digests)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from mentiondesk.helpdesk_sync import SolvedSource, sync_loop

if TYPE_CHECKING:
    from mentiondesk.pipeline import App


def start_side_tasks(app: App) -> list[asyncio.Task[None]]:
    """Start the periodic tasks the config asks for; they end when `app.stop_event` is set."""
    tasks: list[asyncio.Task[None]] = []
    if any(isinstance(r, SolvedSource) for r in app.responders.values()):
        seconds = app.config.settings.helpdesk.sync_seconds
        loop = sync_loop(app.store, app.responders, app.stop_event, seconds)
        tasks.append(asyncio.create_task(loop, name="helpdesk-sync"))
    return tasks
