"""The managers' banner on a source whose polls keep failing past their grace (source_failing:
the moment /healthz says "degraded" for it), as the running workers recorded it: a line saying
since when nothing is read from it, who fails (its platform, or the store refusing its pages),
how often, and the latest failure's words (scrubbed by the writer; a server's words, so
isolated and escaped where shown). A blip within the grace is not named.

And a source no worker reads because the one that did went without a clean stop (kill -9,
the OOM killer: source_vanished), as /healthz names it in `no_worker_since`: since when no
process said it reads it, and that the service wants a restart, as nothing else brings a
reader back (systemd restarts only on a failure it saw, a hung process not at all)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from mentiondesk.source_failing import STORE, who_and_how_often
from mentiondesk.source_states import RecordedSource
from mentiondesk.web.i18n import Locale
from mentiondesk.web.i18n_bidi import isolated

FAILING = (
    "Source “{name}”: nothing has been read from it since {since}: its polls keep failing "
    "({tries}): {reason}. mentiondesk keeps trying."
)
FAILING_STORE = (
    "Source “{name}”: nothing has been read from it since {since}: the database keeps "
    "refusing its pages ({tries}): {reason}. mentiondesk keeps trying."
)
VANISHED = (
    "Source “{name}”: nothing has been read from it since {since}: no mentiondesk worker reads "
    "it (the one that did went down without a clean stop: killed, or out of memory). Restart "
    "the mentiondesk service."
)
TRY = "{n} failed try"
TRIES = "{n} failed tries"


def failing_line(loc: Locale, row: RecordedSource, zone: tzinfo, now: datetime) -> str:
    """A failing source's line, in the page's language; "10:14" in the desk's timezone, with
    the date where that is not today."""
    by, failures = who_and_how_often(row)
    said = _when(loc, row.since, zone, now)
    tries = loc.tn(TRY, TRIES, failures)
    name, reason = isolated(row.name), isolated(row.reason)
    if by == STORE:
        return loc.t(FAILING_STORE, name=name, since=said, tries=tries, reason=reason)
    return loc.t(FAILING, name=name, since=said, tries=tries, reason=reason)


def vanished_line(loc: Locale, row: RecordedSource, zone: tzinfo, now: datetime) -> str:
    """A vanished source's line (`row`: its latest writer's, source_vanished.vanished_rows),
    since that writer's last refresh, as /healthz's `no_worker_since` says it."""
    since = _when(loc, row.updated_at, zone, now)
    return loc.t(VANISHED, name=isolated(row.name), since=since)


def _when(loc: Locale, at: datetime, zone: tzinfo, now: datetime) -> str:
    """10:14 in the desk's timezone, with the date where that is not today."""
    local = at.astimezone(zone)
    if local.date() != now.astimezone(zone).date():
        return f"{loc.date(local)} {local:%H:%M}"
    return f"{local:%H:%M}"
