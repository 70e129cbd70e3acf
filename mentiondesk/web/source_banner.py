"""The managers' banner: the sources a running worker stopped for good (a revoked token), and
the endpoints a long rate limit holds where the source's others are read (X's search, its
mentions read), as the workers recorded them in the store (source_states), so the desk served
by any process names them. Read before each of a manager's pages (app._banner); agents are not
told. A source held whole is not named: nothing is missed there that a wait does not fix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from mentiondesk.source_health import held_in
from mentiondesk.source_states import RecordedSource, recorded, standing
from mentiondesk.store import Store
from mentiondesk.web.i18n import ZONE, Locale, negotiate

# What each endpoint a listener reads (the names listener/*.py give Endpoints) brings in, as a
# community manager says it: X's, Bluesky's, Mastodon's, Reddit's and Hacker News' search;
# the brand account's mentions (X's, Bluesky's and Mastodon's notifications, Reddit's inbox);
# Reddit's comments that name the brand. Another plugin's endpoint goes by its own name.
SEARCH = "posts found by search"
MENTIONS = "mentions of the brand’s account"
COMMENTS = "comments that name the brand"
OTHER = "posts from “{endpoint}”"


@dataclass(frozen=True)
class Banner:
    stopped: list[RecordedSource]
    held: list[tuple[str, str, datetime]]  # source, endpoint, until when


BANNER: web.RequestKey[Banner] = web.RequestKey("source_banner")


def banner_now(store: Store, now: datetime) -> Banner:
    """What a manager's page names, as the running processes recorded it."""
    rows = list(standing(recorded(store), now).values())
    held = [(row.name, endpoint, at) for row in rows for endpoint, at in held_in(row, now)]
    return Banner([row for row in rows if row.stopped()], held)


def banner(request: web.Request) -> dict[str, Any]:
    """What base.html names: none where the page was not loaded for a manager. A hold says what
    it leaves unread (`unread`) and its end, "10:14" in the desk's timezone (rate limits last
    minutes: the day goes without saying)."""
    told = request.get(BANNER, Banner([], []))
    zone = request.app.get(ZONE, UTC)
    loc = negotiate(request)
    held = [(name, unread(loc, e), f"{at.astimezone(zone):%H:%M}") for name, e, at in told.held]
    return {"stopped_sources": told.stopped, "held_endpoints": held}


def unread(loc: Locale, endpoint: str) -> str:
    """What a held endpoint leaves unread, in the page's language: "posts found by search"."""
    # One loc.t(NAME) each, as the catalogue's scan finds a text passed by name.
    if endpoint == "search":
        return loc.t(SEARCH)
    if endpoint == "mentions":
        return loc.t(MENTIONS)
    if endpoint == "comments":
        return loc.t(COMMENTS)
    return loc.t(OTHER, endpoint=endpoint)
