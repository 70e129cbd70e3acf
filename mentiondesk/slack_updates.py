"""What the Slack glue says back: a card brought up to date, a note only the clicker sees.

Shared by clicks (slack_work) and by drafts edited on the desk (slack_desk_edits): each
card's updates go one at a time, under its lock, built from the card as posted now.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from mentiondesk.erased_cards import erased_card
from mentiondesk.models import Brand, FatalError, OutboxAction, RateLimited, TransientError
from mentiondesk.slack_card import (
    CardLocks,
    card_state,
    current_card,
    read_card,
    refreshed,
    tell,
    waited_out,
)
from mentiondesk.slack_payload import clicker
from mentiondesk.store import UNREACHABLE, Store
from responders._slack_erased import erased_blocks
from responders.slack import SlackResponder
from responders.slack_blocks import Block, decided_blocks, fallback_text

_LOGGER = logging.getLogger(__name__)
# What the clicker reads when the store is down: the click did nothing, and will not later.
STORE_DOWN = (
    "mentiondesk could not reach its database, so nothing was changed. Try again in a minute."
)


class CardUpdates:
    """Updates cards and tells clickers, for one worker; `cards` orders each card's updates."""

    def __init__(
        self,
        store: Store,
        *,
        ticket_target: str | None,
        now: Callable[[], datetime],
        desk_url: str | None = None,
        brand: Brand | None = None,
    ) -> None:
        self.store = store
        self.ticket_target = ticket_target
        self.now = now
        # What delivery added to the cards (slack_posted.as_delivered), for a card made again.
        self.desk_url = desk_url
        self.brand = brand
        self.cards = CardLocks()

    async def _update(
        self,
        slack: SlackResponder,
        channel: str,
        ts: str,
        ids: Mapping[str, Any],
        clicked: list[Block] | None,
        verb: str | None,
        user: str,
        pressed: str | None = None,
        *,
        retried: bool = False,
        strict: bool = False,
    ) -> None:
        """The card after `pressed`, said by `verb`, or after a refused click (None: only
        what the store settled since goes). Built from the card as posted now, else from
        the click's copy `clicked`; with neither, left as it is. `strict`: Slack's error
        reading the card back is raised (to be tried again), not taken as "left as it is".
        A card about an author erased on request is made again in its erased form: re-sent
        as read back (before its rewrite went out) or as clicked, it would show them again."""
        read = read_card if strict else current_card
        card = await read(slack, channel, ts, now=self.now)
        shown = card.get("blocks", []) if card is not None else clicked
        erased = await self._erased(channel, ts)
        if shown is None and erased is None:
            return
        blocks = (shown or []) if erased is None else erased_blocks(erased, slack.wording)
        when, w = self.now(), slack.wording
        state = await card_state(self.store, ids, self.ticket_target)
        new = refreshed(blocks, state, pressed=pressed, when=when, wording=w)
        if verb is not None and pressed is not None:
            new = decided_blocks(new, verb=verb, pressed=pressed, user=user, when=when, wording=w)
        elif new == shown:
            return  # the card says it already
        text = verb or str((card or {}).get("text") or "")  # a refusal keeps the card's own
        if erased is not None and not verb:  # the card's own names them
            text = fallback_text(erased, w)
        try:
            await slack.update(channel, ts, blocks=new, text=text)
        except RateLimited as exc:  # after a short wait, made again from the card as it is then
            if retried or not await waited_out(exc, now=self.now):
                raise
            args = (slack, channel, ts, ids, clicked, verb, user, pressed)
            await self._update(*args, retried=True, strict=strict)

    async def _erased(self, channel: str, ts: str) -> OutboxAction | None:
        """The blanked alert of this card if its author was erased (erased_cards); None when
        not, or when the store cannot be read (the card as it is, as card_state takes it)."""
        try:
            return await asyncio.to_thread(erased_card, self.store, channel, ts)
        except UNREACHABLE as exc:
            _LOGGER.warning("slack card: the store is unreachable (%s)", type(exc).__name__)
            return None

    async def settle(
        self, slack: SlackResponder, channel: str, ts: str, ids: Mapping[str, Any]
    ) -> None:
        """Bring the card at `channel`/`ts` up to what the store settled since it was posted
        (a decision made elsewhere: its buttons go, a line says who); unchanged, no update.
        Slack's errors are raised, for the settle pass to try again. The caller holds the
        card's lock."""
        await self._update(slack, channel, ts, ids, None, None, "", strict=True)

    async def _refuse(self, slack: SlackResponder, channel: str, user: str) -> None:
        _LOGGER.warning("slack action refused: user %s is not among the approvers", user)
        said = slack.wording.t(
            "Only the approvers listed for this Slack responder can act on these cards; "
            "ask an admin to add your member ID ({user}) to `approvers`.",
            user=user,
        )
        await self._tell(slack, channel, user, said)

    async def _tell(self, slack: SlackResponder, channel: str, user: str, text: str) -> None:
        await tell(slack, channel, user, text, now=self.now)

    async def tell_store_down(self, slack: SlackResponder, payload: Mapping[str, Any]) -> None:
        """Tell the clicker, in a message only they see, that the store could not be reached
        and nothing changed (rather than nothing at all); never raise."""
        found = clicker(payload)
        if found is None:
            return
        try:
            await self._tell(slack, *found, slack.wording.t(STORE_DOWN))
        except (FatalError, TransientError, RateLimited) as exc:
            _LOGGER.error("slack action could not be reported back: %s", exc)
