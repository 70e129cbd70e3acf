"""Cards settled for decisions made away from the desk: a periodic pass in the Slack app.

The desk settles the cards of what it decides at once (slack_desk_decisions). A draft a
follow-up replaced (in a pipeline worker), a case the help-desk sync resolved, or a decision
made with the CLI, tells no one: its card would go on offering Approve or "Assign to me"
until pressed. So the process serving the Slack app looks, every SETTLE_EVERY, for drafts
decided and cases ended since its watermark and settles their cards the same way (the
buttons the store settled go, a line says who decided or that the case ended). The
watermark starts a little before the process did (what was decided while it restarted) and
trails each pass by OVERLAP: a decision's time is taken before its transaction commits, so
one may appear later with an earlier stamp. What was settled is remembered until the
watermark passes it; settling a card twice would change nothing anyway (slack_card.refreshed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.periodic import attempt, wait_or_stop
from mentiondesk.slack_desk_decisions import show_case, show_decided
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.tables import CASE, DRAFT
from responders.slack import SlackResponder

_LOGGER = logging.getLogger(__name__)
SETTLE_EVERY = 30.0  # seconds: how long a card may offer what was decided elsewhere
OVERLAP = timedelta(minutes=5)  # a batch's decisions commit after their stamp
AT_START = timedelta(minutes=10)  # decided while the process was restarting

Seen = tuple[str, int, datetime]  # ("draft" | "case", its id, when it was decided or ended)


def decided_since(store: Store, since: datetime) -> list[Seen]:
    """The drafts decided and the cases ended at `since` or later, oldest first."""
    drafts = sa.select(DRAFT.c.id, DRAFT.c.decided_at).where(
        DRAFT.c.status != "pending", DRAFT.c.decided_at >= since
    )
    cases = sa.select(CASE.c.id, CASE.c.closed_at).where(
        CASE.c.status != "open", CASE.c.closed_at >= since
    )
    with store.engine.connect() as conn:
        found = [("draft", int(r.id), r.decided_at) for r in conn.execute(drafts)]
        found += [("case", int(r.id), r.closed_at) for r in conn.execute(cases)]
    return sorted(found, key=lambda seen: seen[2])


class SlackSettle:
    """Settles, pass by pass, the cards of what was decided since the watermark."""

    def __init__(
        self,
        updates: CardUpdates,
        slacks: Sequence[SlackResponder],
        *,
        now: Callable[[], datetime],
        every: float = SETTLE_EVERY,
    ) -> None:
        self.updates = updates
        self.slacks = slacks
        self.every = every
        self._now = now
        self.since = now() - AT_START
        self._done: set[Seen] = set()
        # Settled by the desk in this process already (SlackActions): not read from Slack
        # again, which a burst of desk decisions would spend Slack's history limit on.
        self._told: set[tuple[str, int]] = set()

    def told(self, kind: str, found_id: int) -> None:
        """The desk settled this draft's or case's cards itself: the next pass skips it."""
        self._told.add((kind, found_id))

    async def once(self) -> int:
        """One pass: settle the cards of each decision not settled yet; how many were new."""
        since, next_since = self.since, self._now() - OVERLAP
        try:
            found = await asyncio.to_thread(decided_since, self.updates.store, since)
        except UNREACHABLE as exc:  # tried again next pass, from the same watermark
            name = type(exc).__name__  # not its message: that may name the database's host
            _LOGGER.warning("settling slack cards: the store is unreachable (%s)", name)
            return 0
        told = self._told & {(kind, found_id) for kind, found_id, _ in found}
        self._told -= told
        new = [s for s in found if s not in self._done and (s[0], s[1]) not in told]
        for kind, found_id, _when in new:
            if kind == "draft":
                await show_decided(self.updates, self.slacks, found_id)
            else:
                await show_case(self.updates, self.slacks, found_id)
        self._done |= set(found)
        self.since = max(since, next_since)
        self._done = {seen for seen in self._done if seen[2] >= self.since}
        return len(new)

    async def loop(self, stop: asyncio.Event) -> None:
        """A pass every `every` seconds until `stop`; the first after one interval (the
        process has just started), a failing one logged and tried again next time."""
        while not stop.is_set():
            await wait_or_stop(stop, self.every)
            if not stop.is_set():
                await attempt(self.once, "settling slack cards failed", log=_LOGGER)

    async def running(self, _app: web.Application) -> AsyncIterator[None]:
        """The app's cleanup context: the passes run while it serves."""
        stop = asyncio.Event()
        task = asyncio.create_task(self.loop(stop), name="slack-settle")
        yield
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await task


SLACK_SETTLE = web.AppKey("slack_settle", SlackSettle)
