"""The managers' banner: the sources a running worker stopped for good (a revoked token), those
whose polls keep failing or that no worker reads since the last one was killed (what makes
/healthz say "degraded": source_banner_failing), and the endpoints a long rate limit holds
(X's search, its mentions read), as the workers recorded them in the store (source_states),
so the desk served by any process names them: one line per source, saying what is not read
until when. Read before each of a manager's pages (app._banner); agents are not told. A source
held whole is not named: nothing is missed there that a wait does not fix."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from aiohttp import web

from mentiondesk.source_failing import down
from mentiondesk.source_health import Held, held_in, held_whole_until, rest_read
from mentiondesk.source_states import RecordedSource, recorded, standing
from mentiondesk.source_vanished import vanished_rows
from mentiondesk.store import Store
from mentiondesk.web.i18n import ZONE, Locale, negotiate
from mentiondesk.web.i18n_bidi import isolated
from mentiondesk.web.source_banner_failing import failing_line, vanished_line

# What each endpoint a listener reads (the names listener/*.py give Endpoints) brings in, as a
# community manager says it: X's, Bluesky's, Mastodon's, Reddit's and Hacker News' search;
# the brand account's mentions (X's, Bluesky's and Mastodon's notifications, Reddit's inbox);
# Reddit's comments that name the brand. Another plugin's endpoint goes by its own name.
SEARCH = "posts found by search"
MENTIONS = "mentions of the brand’s account"
COMMENTS = "comments that name the brand"
OTHER = "posts from “{endpoint}”"
# A source's line. "Everything else" only where the store shows it (source_health.rest_read).
HELD_REST_READ = (
    "Source “{name}”: {what} are not read until {until} (the platform’s rate limit); everything "
    "else from it is still read."
)
HELD = "Source “{name}”: {what} are not read until {until} (the platform’s rate limit)."
# Endpoints held until different times, the soonest first: "…until 10:14, mentions … until 10:20".
HELD_APART = (
    "Source “{name}”: {what} are not read until {until}, {later} (the platform’s rate limit)."
)
LATER = "{what} until {until}"
# The poller waits for the whole source (every endpoint refused: X's search held, then a 429
# on its mentions): nothing is read till then, and the endpoints held longer are named after.
WHOLE = "Source “{name}”: nothing from it is read until {until} (the platform’s rate limit)."
WHOLE_THEN = (
    "Source “{name}”: nothing from it is read until {until}, nor {later} (the platform’s rate "
    "limit)."
)
AND = "{items} and {last}"


@dataclass(frozen=True)
class HeldSource:
    name: str
    held: Held  # its endpoints held, each until when
    rest_read: bool  # its other endpoints read meanwhile (source_health.rest_read)
    whole: datetime | None = None  # every endpoint held till then (source_health.held_whole_until)


@dataclass(frozen=True)
class Banner:
    stopped: list[RecordedSource]
    held: list[HeldSource]
    now: datetime | None = None  # the desk's clock when read: which day is today
    # Failing past their grace (source_failing.down): what makes /healthz say "degraded".
    failing: list[RecordedSource] = field(default_factory=list)
    # Read by no worker since the last one was killed (source_vanished): "degraded" too.
    vanished: list[RecordedSource] = field(default_factory=list)


BANNER: web.RequestKey[Banner] = web.RequestKey("source_banner")


def banner_now(store: Store, now: datetime, configured: Collection[str]) -> Banner:
    """What a manager's page names, as the running processes recorded it; `configured`: the
    desk's sources (source_vanished.configured_names), as /healthz counts the vanished."""
    every = recorded(store)
    rows = list(standing(every, now).values())
    held = [(row, endpoints) for row in rows if (endpoints := held_in(row, now))]
    named = [
        HeldSource(
            row.name,
            endpoints,
            rest_read(row, endpoints, now),
            held_whole_until(row, endpoints, now),
        )
        for row, endpoints in held
    ]
    failing = [row for row in rows if down(row, now)]
    gone = list(vanished_rows(every, configured).values())
    return Banner([row for row in rows if row.stopped()], named, now, failing, gone)


def banner(request: web.Request) -> dict[str, Any]:
    """What base.html names: none where the page was not loaded for a manager. A held source's
    line says what it leaves unread and until when, "10:14" in the desk's timezone (rate limits
    last minutes: the day is said only where it is not today's)."""
    told = request.get(BANNER, Banner([], []))
    zone, loc = request.app.get(ZONE, UTC), negotiate(request)
    now = told.now or datetime.now(UTC)
    return {
        "stopped_sources": told.stopped,
        "held_endpoints": [held_line(loc, source, zone, now) for source in told.held],
        # Nothing read from either (base.html's "source-failing"), the vanished first: a wait
        # does not fix them, a restart does.
        "failing_sources": [vanished_line(loc, row, zone, now) for row in told.vanished]
        + [failing_line(loc, row, zone, now) for row in told.failing],
    }


def held_line(loc: Locale, source: HeldSource, zone: tzinfo, now: datetime) -> str:
    """A held source's line, in the page's language: its endpoints held until the same minute
    said together ("posts found by search and mentions of the brand’s account"), the soonest
    first; "everything else from it is still read" only where that is known."""
    today, name = now.astimezone(zone).date(), isolated(source.name)
    parts = _parts(loc, source, zone, today)
    if source.whole is not None:  # an endpoint held no longer than the source is said with it
        whole = _until(loc, source.whole.astimezone(zone), today)
        if not parts:
            return loc.t(WHOLE, name=name, until=whole)
        later = joined(loc, [loc.t(LATER, what=w, until=u) for w, u in parts])
        return loc.t(WHOLE_THEN, name=name, until=whole, later=later)
    (what, until), *others = parts
    if others:
        later = joined(loc, [loc.t(LATER, what=w, until=u) for w, u in others])
        return loc.t(HELD_APART, name=name, what=what, until=until, later=later)
    if source.rest_read:
        return loc.t(HELD_REST_READ, name=name, what=what, until=until)
    return loc.t(HELD, name=name, what=what, until=until)


def _parts(loc: Locale, source: HeldSource, zone: tzinfo, today: date) -> list[tuple[str, str]]:
    """(what is not read, until when) by the minute shown, the soonest first; with the source
    held whole, only the endpoints held past that."""
    groups: dict[str, list[str]] = {}
    for endpoint, at in sorted(source.held, key=lambda held: held[1]):
        if source.whole is None or at > source.whole:
            until = _until(loc, at.astimezone(zone), today)
            groups.setdefault(until, []).append(unread(loc, endpoint))
    return [(joined(loc, whats), until) for until, whats in groups.items()]


def _until(loc: Locale, local: datetime, today: date) -> str:
    """10:14; with its date where that is not today (a daily limit's reset)."""
    return f"{local:%H:%M}" if local.date() == today else f"{loc.date(local)} {local:%H:%M}"


def joined(loc: Locale, items: list[str]) -> str:
    """ "a", "a and b", "a, b and c", in the page's language."""
    if len(items) == 1:
        return items[0]
    return loc.t(AND, items=", ".join(items[:-1]), last=items[-1])


def unread(loc: Locale, endpoint: str) -> str:
    """What a held endpoint leaves unread, in the page's language: "posts found by search"."""
    # One loc.t(NAME) each, as the catalogue's scan finds a text passed by name.
    if endpoint == "search":
        return loc.t(SEARCH)
    if endpoint == "mentions":
        return loc.t(MENTIONS)
    if endpoint == "comments":
        return loc.t(COMMENTS)
    return loc.t(OTHER, endpoint=isolated(endpoint))
