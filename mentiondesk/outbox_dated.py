"""An outbox row dated ahead of the clock every worker shares, dated by it when claimed.

A row is dated (`created_at`) by the clock of the host that queued it, and a retry looks for
what an earlier attempt sent only since then, less a few minutes' skew (responders._post
`sent_since`, Slack's history): the same stock text sent to an author weeks ago is another
message. A host whose clock runs ten minutes fast (NTP broken, a jump not yet put right)
dated its rows after the post its own worker made at once; the retry's window began after
that post, missed it, and sent it again. On PostgreSQL the database's clock is the one every
worker shares (outbox_lease), so a claim dates such a row by it instead, and says so: an
operator learns which clock is wrong before it costs a duplicate. On SQLite one process
serves the store and its clock dates and judges alike (DESIGN "Scale"): nothing to put right.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.tables import OUTBOX

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look


def dated_now(leases: LeaseClock) -> dict[str, sa.ColumnElement[datetime]]:
    """The claim's UPDATE values that date a row from the future by the shared clock."""
    if not leases.postgres:
        return {}
    now = leases.now()
    return {"created_at": sa.case((OUTBOX.c.created_at > now, now), else_=OUTBOX.c.created_at)}


def ahead(conn: sa.Connection, ids: Sequence[int], leases: LeaseClock) -> tuple[int, timedelta]:
    """How many of `ids` are dated ahead of the shared clock, and the furthest by how much;
    read before the claim dates them anew (`dated_now`)."""
    if not leases.postgres or not ids:
        return 0, timedelta()
    now = leases.now()
    query = sa.select(sa.func.count(), sa.func.max(OUTBOX.c.created_at - now)).where(
        OUTBOX.c.id.in_(ids), OUTBOX.c.created_at > now
    )
    count, by = conn.execute(query).one()
    return int(count or 0), by if isinstance(by, timedelta) else timedelta()


def said_ahead(count: int, by: timedelta) -> None:
    """One line a claim that dated rows anew: which clock to set right."""
    if not count:
        return
    _LOGGER.warning(
        "outbox: %d action(s) claimed were dated up to %.0f s ahead of the database's clock "
        "(the clock of a host that queued them runs fast: check its NTP); dated by the "
        "database's instead, so a retry's look for an earlier send does not miss it",
        *(count, by.total_seconds()),
    )
