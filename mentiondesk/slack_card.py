"""A Slack card as it should read now, after a click or a refused one.

Slack sends each click with the card as the clicker saw it, which may predate another
click's update, and a draft may be decided on the desk or the CLI meanwhile. So the new card
is built from the card as posted now (read back from the channel) and the store says which
buttons are settled: a race between clicks, or between workers, never brings back a button
whose work is done, nor a card that offers Approve on a decided draft.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import FatalError, RateLimited, TransientError, Wording
from mentiondesk.queue_errors import NotFound, StaleAction
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX, case_number, parse_case_number
from responders._escape import slack_mrkdwn
from responders._settled import CASE_BUTTONS, CASE_VERBS, DRAFT_BUTTONS, DRAFT_VERBS, settled_line
from responders.slack import SlackResponder
from responders.slack_blocks import ACTIONS_BLOCK, SETTLES, Block, without_buttons
from responders.slack_blocks import who_is as who_is  # where the cards' glue finds it

_LOGGER = logging.getLogger(__name__)
# The longest Retry-After a card update or a private note waits out (Slack's per-minute
# tiers ask for seconds); longer, and the card is left as it is, logged.
PATIENCE_SECONDS = 30.0


@dataclass(frozen=True)
class CardState:
    """What the store says of a card's draft and case; None where unknown (no such row,
    or the store could not be read): nothing is settled on its word then."""

    draft: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    case: str | None = None
    closed_at: datetime | None = None
    assignee: str | None = None
    escalated: bool = False
    ticket: str | None = None  # the help desk its ticket went to, once escalated

    def settled(self) -> set[str]:
        """The buttons whose work is done, or that would only be refused."""
        if self.case not in (None, "open"):
            return set(DRAFT_BUTTONS | CASE_BUTTONS)
        gone = set(DRAFT_BUTTONS) if self.draft not in (None, "pending") else set()
        if self.assignee:
            gone.add("assign")
        if self.escalated:
            gone.add("escalate")
        return gone


async def card_state(store: Store, ids: Mapping[str, Any], ticket_target: str | None) -> CardState:
    """The card's draft and case in the store; unknown if it cannot be read now (the click's
    action is done: the card says so on the click's word alone)."""
    try:
        return await asyncio.to_thread(_read_state, store, ids, ticket_target)
    except UNREACHABLE as exc:
        _LOGGER.warning("slack card: the store is unreachable (%s)", type(exc).__name__)
        return CardState()


def pending_text(store: Store, draft_id: int) -> str:
    """The text of a draft that waits for approval; StaleAction once it was decided."""
    with store.engine.connect() as conn:
        query = sa.select(DRAFT.c.text, DRAFT.c.status).where(DRAFT.c.id == draft_id)
        row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"no draft {draft_id}")
    if row.status != "pending":  # as approve_draft says it
        raise StaleAction(f"draft {draft_id} was already {row.status}")
    return str(row.text)


def _read_state(store: Store, ids: Mapping[str, Any], ticket_target: str | None) -> CardState:
    draft_id, case_id = _int(ids.get("draft")), _case_id(ids.get("case"))
    found: dict[str, Any] = {}
    with store.engine.connect() as conn:
        if draft_id is not None:
            cols = (DRAFT.c.status, DRAFT.c.decided_by, DRAFT.c.decided_at)
            row = conn.execute(sa.select(*cols).where(DRAFT.c.id == draft_id)).first()
            if row is not None:
                found |= {"draft": row.status, "decided_by": row.decided_by}
                found["decided_at"] = row.decided_at
        if case_id is not None:
            cols = (CASE.c.status, CASE.c.assignee, CASE.c.closed_at)
            row = conn.execute(sa.select(*cols).where(CASE.c.id == case_id)).first()
            if row is not None:
                found |= {"case": row.status, "assignee": row.assignee}
                found["closed_at"] = row.closed_at
            if ticket_target:  # as escalate_case: a dropped ticket may be filed again
                key = f"ticket:{ticket_target}:case:{case_number(case_id)}"
                ticket = sa.select(OUTBOX.c.id).where(
                    OUTBOX.c.key == key, OUTBOX.c.status != "dropped"
                )
                found["escalated"] = conn.scalar(ticket) is not None
                found["ticket"] = ticket_target if found["escalated"] else None
    return CardState(**found)


def refreshed(
    blocks: list[Block],
    state: CardState,
    *,
    pressed: str | None,
    when: datetime,
    wording: Wording,
) -> list[Block]:
    """`blocks` less the buttons `state` settles, and a line for a settlement made elsewhere
    (not by `pressed`) that the card still offered: who decided the draft, or that the case
    ended. The caller adds the pressed button's own line."""
    offered = {
        e.get("action_id")
        for b in blocks
        if b.get("block_id") == ACTIONS_BLOCK
        for e in b.get("elements", [])
    }
    mine = SETTLES.get(pressed or "", set())
    ended = state.case in CASE_VERBS and offered & (DRAFT_BUTTONS | CASE_BUTTONS)
    decided = state.draft in DRAFT_VERBS and offered & DRAFT_BUTTONS and not mine & DRAFT_BUTTONS
    lines = []
    if ended or decided:
        line = settled_line(
            wording,
            draft=state.draft,
            decided_by=state.decided_by,
            decided_at=state.decided_at,
            case=state.case if ended else None,
            closed_at=state.closed_at,
            person=who_is,
            when=when,
        )
        lines = [line] if line else []
    if not ended:
        lines += _case_lines(offered - mine, state, wording)
    out = without_buttons(blocks, state.settled())
    return out + [{"type": "context", "elements": [{"type": "mrkdwn", "text": t}]} for t in lines]


def _case_lines(offered: set[Any], state: CardState, wording: Wording) -> list[str]:
    """Who took the case, or where it was escalated, elsewhere (the desk, another card, the
    pipeline), said where the card offered it: a button gone unsaid reads as a glitch."""
    lines = []
    if "assign" in offered and state.assignee:
        lines.append(wording.t("Assigned to {user}", user=who_is(state.assignee)))
    if "escalate" in offered and state.escalated and state.ticket:
        target = slack_mrkdwn(state.ticket, 80)
        lines.append(wording.t("Escalated to {target}", target=target))
    return lines


async def current_card(
    slack: SlackResponder, channel: str, ts: str, *, now: Callable[[], datetime]
) -> dict[str, Any] | None:
    """The card as posted now (its blocks and text); None when it cannot be read (a missing
    history scope, Slack down, the message gone), for the caller to fall back on its own."""
    try:
        return await read_card(slack, channel, ts, now=now)
    except (FatalError, TransientError, RateLimited) as exc:
        _LOGGER.warning("slack card %s could not be read back: %s", ts, exc)
        return None


async def read_card(
    slack: SlackResponder, channel: str, ts: str, *, now: Callable[[], datetime]
) -> dict[str, Any] | None:
    """The card as posted now; None when the message is gone; Slack's errors raised. A
    short Retry-After (a burst of desk decisions, each reading its cards) is waited out:
    read once more, rather than leave a card offering what was done."""
    read = partial(
        slack.call, "conversations_history", channel=channel, latest=ts, inclusive=True, limit=1
    )
    try:
        history = await read()
    except RateLimited as exc:
        if not await waited_out(exc, now=now):
            raise
        history = await read()
    messages = history.get("messages") or []
    if not messages or messages[0].get("ts") != ts:  # deleted: an older message came back
        return None
    card: dict[str, Any] = messages[0]
    return card


async def waited_out(exc: RateLimited, *, now: Callable[[], datetime]) -> bool:
    """Sleep out Slack's Retry-After when it is short (True: call again once): the click's
    work is done, and a card left as it was still offers it. False for a longer one, not
    slept in a kept task (shutdown waits for those): the caller raises, to be logged."""
    wait = max((exc.until - now()).total_seconds(), 0.0)
    if wait > PATIENCE_SECONDS:
        return False
    _LOGGER.info("slack: rate limited; calling again in %.0f s", wait)
    await asyncio.sleep(wait)
    return True


async def tell(
    slack: SlackResponder, channel: str, user: str, text: str, *, now: Callable[[], datetime]
) -> None:
    """A message in `channel` only `user` sees; made again once after a short 429."""
    post = partial(slack.call, "chat_postEphemeral", channel=channel, user=user, text=text)
    try:
        await post()
    except RateLimited as exc:
        if not await waited_out(exc, now=now):
            raise
        await post()


class CardLocks:
    """One asyncio.Lock per card (channel, ts), so one worker's updates to a card follow
    the order of its actions; a lock goes once no one holds or awaits it."""

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, channel: str, ts: str) -> AsyncIterator[None]:
        key = (channel, ts)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _case_id(value: object) -> int | None:
    try:
        return parse_case_number(str(value)) if value is not None else None
    except ValueError:
        return None
