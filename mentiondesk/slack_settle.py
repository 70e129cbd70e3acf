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
A case taken or escalated elsewhere counts too (a click on another of its cards, the
pipeline filing a follow-up's ticket): its Assign or Escalate would only be refused. A card
Slack did not update (5xx, a long rate limit, the network) is tried again each pass, the
watermark held at its decision for up to GIVE_UP.
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
from mentiondesk.tables import AUDIT, CASE, DRAFT, OUTBOX
from responders.slack import SlackResponder

_LOGGER = logging.getLogger(__name__)
SETTLE_EVERY = 30.0  # seconds: how long a card may offer what was decided elsewhere
OVERLAP = timedelta(minutes=5)  # a batch's decisions commit after their stamp
AT_START = timedelta(minutes=10)  # decided while the process was restarting
GIVE_UP = timedelta(hours=1)  # a card Slack kept failing is left as it is after this

Seen = tuple[str, int, datetime]  # ("draft" | "case", its id, when it was decided or changed)
Key = tuple[str, int]  # ("draft" | "case", its id)


def decided_since(store: Store, since: datetime) -> list[Seen]:
    """The drafts decided, restored, and the cases ended, assigned or escalated (a ticket
    queued, by anyone) at `since` or later, oldest first."""
    drafts = sa.select(DRAFT.c.id, DRAFT.c.decided_at).where(
        DRAFT.c.status != "pending", DRAFT.c.decided_at >= since
    )
    cases = sa.select(CASE.c.id, CASE.c.closed_at).where(
        CASE.c.status != "open", CASE.c.closed_at >= since
    )
    tickets = sa.select(OUTBOX.c.case_id, OUTBOX.c.created_at).where(
        OUTBOX.c.kind == "ticket", OUTBOX.c.case_id.is_not(None), OUTBOX.c.created_at >= since
    )
    audited = sa.select(AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.draft_id, AUDIT.c.at).where(
        AUDIT.c.action.in_(("assign", "restore")), AUDIT.c.at >= since
    )
    with store.engine.connect() as conn:
        found = [("draft", int(r.id), r.decided_at) for r in conn.execute(drafts)]
        found += [("case", int(r.id), r.closed_at) for r in conn.execute(cases)]
        found += [("case", int(r.case_id), r.created_at) for r in conn.execute(tickets)]
        found += [_audited(r.action, r.case_id, r.draft_id, r.at) for r in conn.execute(audited)]
    return sorted((s for s in found if s[1] > 0), key=lambda seen: seen[2])


def _audited(action: str, case_id: int | None, draft_id: int | None, at: datetime) -> Seen:
    """An audit line's draft (a restore) or case (an assignment); id 0 when it names none."""
    if action == "restore":
        return ("draft", int(draft_id or 0), at)
    return ("case", int(case_id or 0), at)


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
        # Up to when each draft's or case's cards are settled: by a pass, or by the desk in
        # this process (SlackActions tells), whose settlements are not read from Slack again
        # (a burst of desk decisions would spend Slack's history limit on them). A later
        # decision on the same draft or case is still settled.
        self._done: dict[Key, datetime] = {}

    def told(self, kind: str, found_id: int, *, at: datetime | None = None) -> None:
        """The desk settled this draft's or case's cards itself, from the store as it was
        at `at` (now if not said): the next pass skips what was decided until then."""
        self._settled((kind, found_id), at or self._now())

    def _settled(self, key: Key, at: datetime) -> None:
        self._done[key] = max(at, self._done.get(key, at))

    async def once(self) -> int:
        """One pass: settle the cards of each decision not settled yet; how many were new."""
        since, next_since = self.since, self._now() - OVERLAP
        try:
            found = await asyncio.to_thread(decided_since, self.updates.store, since)
        except UNREACHABLE as exc:  # tried again next pass, from the same watermark
            name = type(exc).__name__  # not its message: that may name the database's host
            _LOGGER.warning("settling slack cards: the store is unreachable (%s)", name)
            return 0
        latest: dict[Key, datetime] = {}
        for kind, found_id, when in found:  # once a pass each, as of its latest decision
            latest[(kind, found_id)] = when
        new = {k: w for k, w in latest.items() if k not in self._done or w > self._done[k]}
        failed = [w for k, w in new.items() if not await self._settle(k, w)]
        if failed:  # held back to the oldest Slack failed, for a while
            next_since = max(min(next_since, *failed), self._now() - GIVE_UP)
        self.since = max(since, next_since)
        self._done = {k: at for k, at in self._done.items() if at >= self.since}
        return len(new)

    async def _settle(self, key: Key, when: datetime) -> bool:
        """Settle one draft's or case's cards; whether Slack took every update."""
        show = show_decided if key[0] == "draft" else show_case
        if not await show(self.updates, self.slacks, key[1]):
            return False
        self._settled(key, when)
        return True

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
