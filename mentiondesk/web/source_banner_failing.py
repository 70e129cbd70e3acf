"""The managers' banner on a source whose polls keep failing past their grace (source_failing:
the moment /healthz says "degraded" for it), as the running workers recorded it: a line saying
since when nothing is read from it, who fails (its platform, or the store refusing its pages),
how often, and the latest failure's words (scrubbed by the writer; a server's words, so
isolated and escaped where shown). A blip within the grace is not named."""

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
TRY = "{n} failed try"
TRIES = "{n} failed tries"


def failing_line(loc: Locale, row: RecordedSource, zone: tzinfo, now: datetime) -> str:
    """A failing source's line, in the page's language; "10:14" in the desk's timezone, with
    the date where that is not today."""
    by, failures = who_and_how_often(row)
    since = row.since.astimezone(zone)
    said = f"{since:%H:%M}"
    if since.date() != now.astimezone(zone).date():
        said = f"{loc.date(since)} {said}"
    tries = loc.tn(TRY, TRIES, failures)
    name, reason = isolated(row.name), isolated(row.reason)
    if by == STORE:
        return loc.t(FAILING_STORE, name=name, since=said, tries=tries, reason=reason)
    return loc.t(FAILING, name=name, since=said, tries=tries, reason=reason)
