"""What a verified Slack click does: approve, edit, reject, assign or escalate; then the card."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from mentiondesk import casework, queue
from mentiondesk.hand_posting import PostByHand
from mentiondesk.models import Brand, FatalError, RateLimited, TransientError, Wording, text_digest
from mentiondesk.slack_card import pending_text, who_is
from mentiondesk.slack_desk_edits import show_on_card
from mentiondesk.slack_payload import button_ids, slack_actor, submitted
from mentiondesk.slack_refusals import NoHelpDesk, UnreadableCard, reason
from mentiondesk.slack_updates import STORE_DOWN as STORE_DOWN
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.tables import parse_case_number
from responders.slack import SlackResponder
from responders.slack_blocks import TOO_LONG_TO_EDIT, edit_modal, fits_edit_box

_LOGGER = logging.getLogger(__name__)
_FAILED = (queue.NotFound, queue.StaleAction, ValueError, KeyError, PostByHand)
# Why an edit is not approved, said under its text; any other error is a bug, not the text's.
_EDIT_REFUSED = (
    queue.NotFound,
    queue.StaleAction,
    queue.EmptyReply,
    queue.ReplyTooLong,
    PostByHand,
)
# What the clicker of Edit reads when Slack would not open the edit box.
NOT_OPENED = "Slack did not open the edit box in time: nothing was changed. Press *Edit* again."


class SlackWork(CardUpdates):
    """Performs one interaction through mentiondesk.queue and reports back in Slack."""

    def __init__(
        self,
        store: Store,
        *,
        post_route: dict[str, str],
        ticket_target: str | None,
        wake: Callable[[], None] | None,
        now: Callable[[], datetime],
        desk_url: str | None = None,
        brand: Brand | None = None,
    ) -> None:
        super().__init__(
            store, ticket_target=ticket_target, now=now, desk_url=desk_url, brand=brand
        )
        self.post_route = post_route
        self.wake = wake

    async def run(
        self, slack: SlackResponder, payload: Mapping[str, Any], *, refused: bool = False
    ) -> None:
        """Dispatch on the payload type; never raise (this runs after the request was answered).
        `refused`: an Edit submission edit_problem() kept open; only its card is brought up
        to date (a draft decided meanwhile stops being offered, as after a refused button)."""
        try:
            if refused:
                meta, user = submitted(payload)[0], str(payload["user"]["id"])
                channel, ts = str(meta["channel"]), str(meta["ts"])
                async with self.cards.hold(channel, ts):
                    await self._update(slack, channel, ts, meta, None, None, user)
            elif payload.get("type") == "block_actions":
                await self._button(slack, payload)
            elif payload.get("type") == "view_submission":
                await self._edited(slack, payload)
        except UnreadableCard:  # said under the Edit dialog's text, which stays open
            _LOGGER.warning("slack action not done: its card could not be read")
        except UNREACHABLE as exc:
            # Its type only: the message may name the database's host, never the click's text.
            name = type(exc).__name__
            _LOGGER.warning("slack action not done: the store is unreachable (%s)", name)
            await self.tell_store_down(slack, payload)
        except (FatalError, TransientError, RateLimited) as exc:
            _LOGGER.error("slack action could not be reported back: %s", exc)
        except Exception:
            _LOGGER.exception("slack action failed")

    async def _button(self, slack: SlackResponder, payload: Mapping[str, Any]) -> None:
        pressed = payload["actions"][0]
        action_id = str(pressed["action_id"])
        user = str(payload["user"]["id"])
        by = slack_actor(payload["user"])
        channel, ts = str(payload["channel"]["id"]), str(payload["container"]["message_ts"])
        if not slack.may_act(user):
            await self._refuse(slack, channel, user)
            return
        try:
            ids = button_ids(pressed)
        except UnreadableCard as exc:  # a broken value, or one from a card format since gone
            _LOGGER.warning("slack action not done: its button's value could not be read")
            await self._refused(slack, exc, action_id, channel, ts, {}, user)
            return
        if action_id == "edit":  # changes nothing, and its trigger_id lasts 3 s: no lock
            try:
                await self._open_editor(slack, payload, ids, channel=channel, ts=ts)
            except _FAILED as exc:
                async with self.cards.hold(channel, ts):
                    await self._refused(slack, exc, action_id, channel, ts, ids, user)
            return
        # The action and its card update under the card's lock: its updates keep their order.
        async with self.cards.hold(channel, ts):
            try:
                verb = await asyncio.to_thread(self._perform, action_id, ids, by, slack.wording)
            except _FAILED as exc:
                await self._refused(slack, exc, action_id, channel, ts, ids, user)
                return
            if action_id in ("approve", "escalate"):
                self._wake()  # on the loop: asyncio events are not thread-safe
            clicked = (payload.get("message") or {}).get("blocks")  # None: read back only
            await self._update(slack, channel, ts, ids, clicked, verb, user, action_id)

    async def _refused(
        self,
        slack: SlackResponder,
        exc: Exception,
        action_id: str,
        channel: str,
        ts: str,
        ids: Mapping[str, Any],
        user: str,
    ) -> None:
        """Tell the clicker why `action_id` did nothing (under the card's lock)."""
        w = slack.wording  # the reason in its words too, not the exception's English
        said = w.t("Could not {action}: {reason}", action=w.t(action_id), reason=reason(exc, w))
        await self._tell(slack, channel, user, said)
        # Edited since shown: the draft still waits, and the card shows it as it is now
        # (had the desk's own update not landed). Decided or ended elsewhere: the card
        # stops offering it.
        if isinstance(exc, queue.DraftEdited):
            await show_on_card(self, slack, channel, ts, int(ids["draft"]))
        elif isinstance(exc, queue.StaleAction):
            await self._update(slack, channel, ts, ids, None, None, user)

    def _perform(self, action_id: str, ids: Mapping[str, Any], by: str, w: Wording) -> str:
        """Run the queue function for `action_id` (in a thread); return what to show, in the
        card's language `w`."""
        # The text the card showed ("seen"; a card from before has none): neither Approve nor
        # Reject decides on a draft a colleague edited since, unread.
        if action_id == "approve":
            draft, seen = int(ids["draft"]), ids.get("seen")
            queue.approve_draft(self.store, draft, by=by, post_route=self.post_route, seen=seen)
            return w.t("Approved")
        if action_id == "reject":
            queue.reject_draft(self.store, int(ids["draft"]), by=by, seen=ids.get("seen"))
            return w.t("Rejected")
        case_id = parse_case_number(str(ids["case"]))
        if action_id == "assign":
            # The card offers "Assign to me" only while it shows the case as nobody's (the
            # button goes once the store says otherwise): one a colleague took since, unseen,
            # stays theirs (Reassigned), as on the desk.
            try:
                casework.assign_case(self.store, case_id, assignee=by, by=by, seen=None)
            except casework.Reassigned as exc:  # theirs under their former username: done
                if exc.holder is None or who_is(exc.holder) != who_is(by):
                    raise
            return w.t("Assigned")
        if action_id == "escalate":
            if not self.ticket_target:
                raise NoHelpDesk("no help desk is configured (routing.ticket)")
            casework.escalate_case(self.store, case_id, by=by, target=self.ticket_target)
            return w.t("Escalated to {target}", target=self.ticket_target)
        raise ValueError(f"unknown action {action_id!r}")

    async def _open_editor(
        self,
        slack: SlackResponder,
        payload: Mapping[str, Any],
        ids: Mapping[str, Any],
        *,
        channel: str,
        ts: str,
    ) -> None:
        # A draft decided elsewhere is refused before the dialog, not after the typing.
        text = await asyncio.to_thread(pending_text, self.store, int(ids["draft"]))
        if not fits_edit_box(text):  # edited on the desk since the card was posted
            said = slack.wording.t(TOO_LONG_TO_EDIT)
            await self._tell(slack, channel, str(payload["user"]["id"]), said)
            return
        meta = {"draft": ids["draft"], "case": ids.get("case"), "channel": channel, "ts": ts}
        meta["seen"] = text_digest(text)  # an edit saved on the desk meanwhile is not overwritten
        view = edit_modal(draft_text=text, metadata=meta, wording=slack.wording)
        try:
            await slack.call("views_open", trigger_id=payload["trigger_id"], view=view)
        except (FatalError, TransientError, RateLimited) as exc:
            # Mostly expired_trigger_id (Slack allows 3 s): a click that seems to do nothing
            # is pressed again and again, so say what to do.
            _LOGGER.warning("slack edit box not opened: %s", exc)
            said = slack.wording.t(NOT_OPENED)
            await self._tell(slack, channel, str(payload["user"]["id"]), said)

    async def edit_problem(self, slack: SlackResponder, payload: Mapping[str, Any]) -> str | None:
        """What keeps an Edit submission from being approved (empty, too long for the
        platform, the draft decided meanwhile), checked while Slack waits for the answer, so
        the modal can stay open with the text; a card it cannot read, too. None when it
        would go through, or when run() has something else to say (not an approver)."""
        try:
            user = str(payload["user"]["id"])
        except (KeyError, TypeError):
            return None
        if not slack.may_act(user):
            return None
        try:
            meta, text = submitted(payload)
        except UnreadableCard as exc:  # its ids lost or cut short: nothing can be approved
            _LOGGER.warning("slack edit not approved: its card could not be read")
            return slack.wording.t(
                "Could not approve: {reason}.", reason=reason(exc, slack.wording)
            )
        draft = int(meta["draft"])
        check = partial(queue.check_approval, self.store, draft, text=text, seen=meta.get("seen"))
        try:
            await asyncio.to_thread(check)
        except _EDIT_REFUSED as exc:
            why = reason(exc, slack.wording)
            return slack.wording.t("Could not approve: {reason}.", reason=why)
        except UNREACHABLE as exc:  # under the text, which stays: nothing was changed
            _LOGGER.warning("slack edit: the store is unreachable (%s)", type(exc).__name__)
            return slack.wording.t(STORE_DOWN)
        return None

    async def _edited(self, slack: SlackResponder, payload: Mapping[str, Any]) -> None:
        meta, text = submitted(payload)
        user = str(payload["user"]["id"])
        by = slack_actor(payload["user"])
        channel, ts = str(meta["channel"]), str(meta["ts"])
        if not slack.may_act(user):
            await self._refuse(slack, channel, user)
            return
        approve = partial(
            queue.approve_draft,
            self.store,
            int(meta["draft"]),
            by=by,
            post_route=self.post_route,
            text=text,
            seen=meta.get("seen"),
        )
        async with self.cards.hold(channel, ts):
            try:
                await asyncio.to_thread(approve)
            except _FAILED as exc:
                why = reason(exc, slack.wording)
                said = slack.wording.t("Could not approve the edit: {reason}", reason=why)
                await self._tell(slack, channel, user, said)
                return
            self._wake()
            verb = slack.wording.t("Edited and approved")
            await self._update(slack, channel, ts, meta, None, verb, user, "edit")

    def _wake(self) -> None:
        if self.wake is not None:
            self.wake()
