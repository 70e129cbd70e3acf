"""The managers' banner: the sources a running worker stopped for good (a revoked token), as
the workers recorded them in the store (source_states), so the desk served by any process
names them. Read before each of a manager's pages (app._banner); agents are not told."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mentiondesk.source_states import RecordedSource

STOPPED: web.RequestKey[list[RecordedSource]] = web.RequestKey("stopped_sources")


def banner(request: web.Request) -> dict[str, Any]:
    """What base.html names: none where the page was not loaded for a manager."""
    return {"stopped_sources": request.get(STOPPED, [])}
