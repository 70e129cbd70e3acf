"""One-shot notices: what an action says ("Draft approved", "stale", a refused form's typed
values) is kept in the store with the login session (the `flash` table) for the page its
redirect lands on, shown by the next GET of that page in that session, and deleted as it is
shown. A reload, a bookmark, a shared link or the back button shows the page as it is; the
notice never goes in the URL (browser history, server and proxy logs). A ?notice= in an old
link is ignored. Gone with the session (logout, expiry) too."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from aiohttp import web
from yarl import URL

from mentiondesk.store import Store
from mentiondesk.tables import FLASH

# What the page a request shows was told to say (app's middleware sets it; {}: nothing).
SAID: web.RequestKey[Mapping[str, Any]] = web.RequestKey("said")
# A redirect not followed at once (a tab closed mid-way) says nothing ten minutes on.
FRESH = timedelta(minutes=10)


class Said(web.HTTPSeeOther):
    """A 303 with what its page should say; the app's middleware keeps `said` for it."""

    def __init__(self, location: str, said: Mapping[str, Any]) -> None:
        super().__init__(location)
        self.said = dict(said)


def landing(location: str | URL) -> str:
    """The path a redirect lands on, as the request for it will have it (decoded, no query)."""
    return URL(location).path


def keep(store: Store, session_id: str, path: str, said: Mapping[str, Any], now: datetime) -> None:
    """Keep `said` for the session's next GET of `path`, instead of what was kept there."""
    mine = sa.and_(FLASH.c.session_id == session_id, FLASH.c.path == path)
    values = {"session_id": session_id, "path": path[:512], "created_at": now}
    with store.engine.begin() as conn:
        conn.execute(sa.delete(FLASH).where(mine))
        conn.execute(sa.insert(FLASH).values(said=json.dumps(dict(said)), **values))


def take(store: Store, session_id: str, path: str, now: datetime) -> dict[str, Any]:
    """What was kept for this GET of `path`, deleted as it is read ({}: nothing): shown once.
    DELETE … RETURNING, so two requests at once (two tabs of the session) cannot both get it."""
    mine = sa.and_(FLASH.c.session_id == session_id, FLASH.c.path == path)
    with store.engine.begin() as conn:
        rows = conn.execute(
            sa.delete(FLASH).where(mine).returning(FLASH.c.said, FLASH.c.created_at)
        ).all()
    fresh = [row for row in rows if row.created_at >= now - FRESH]
    if not fresh:
        return {}
    values = json.loads(max(fresh, key=lambda row: row.created_at).said)
    return values if isinstance(values, dict) else {}
