"""The Slack interactivity endpoint, `POST /slack/actions`: verified clicks become queue actions.

Slack signs every request (v0: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing
secret). A bad or stale signature, or one already seen, gets 401 and changes nothing. "Seen" is
kept in the store, not in the process: a request one worker accepted, or this one before a
restart, is refused by all of them while it is fresh. The click itself is remembered too (its
body, which Slack sends again unchanged under a new timestamp and signature): a second
delivery of it is acknowledged and does nothing. A good one is acknowledged at once
(Slack wants an answer within 3 s); the work runs in a task we keep, then the card is updated
with `chat.update` saying who did what, when. An Edit submission is checked first (empty, too
long, the draft decided meanwhile): if it cannot be approved, the answer says why and Slack
keeps the modal open with the person's text in it (the card loses what the store settled,
as after a refused button). When the store cannot be reached, a signed
click still gets its 200 and the clicker is told nothing was changed (no bare Slack failure).
A draft saved on the desk is rewritten on its cards (draft_edited, slack_desk_edits); one
decided, or a case ended or taken, there is settled on them (slack_desk_decisions); one
decided anywhere else, by a periodic pass (slack_settle).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import parse_qs

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.config import Config
from mentiondesk.models import Responder
from mentiondesk.slack_desk_decisions import show_case, show_decided
from mentiondesk.slack_desk_edits import show_edited
from mentiondesk.slack_payload import clicker
from mentiondesk.slack_settle import SLACK_SETTLE, SlackSettle
from mentiondesk.slack_setup import refuse_unsigned
from mentiondesk.slack_work import STORE_DOWN, SlackWork
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.tables import SLACK_SEEN
from responders.slack import SlackResponder
from responders.slack_blocks import EDIT_BLOCK, OPEN_DESK

_LOGGER = logging.getLogger(__name__)
WINDOW_SECONDS = 300  # Slack's own rule: older requests may be replays
_PRUNE = 100  # expired rows deleted per accepted request: more than one, so they never pile up
# How long a click is remembered: past Slack's last retry (its schedule ends after 5 minutes),
# each under a new timestamp that is fresh in its own window.
CLICK_MEMORY = timedelta(minutes=15)
_Show = Callable[[SlackWork, Sequence[SlackResponder], int], Awaitable[bool]]


def signature(secret: str, *, timestamp: str, body: bytes) -> str:
    """The `X-Slack-Signature` value Slack sends for `body` at `timestamp`."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Verdict:
    ok: bool
    reason: str = ""
    slack: SlackResponder | None = None
    store_down: bool = False  # signed, but the store could not say whether it is a replay
    # Every responder whose secret signs it: those of one Slack app share theirs.
    signed: tuple[SlackResponder, ...] = ()
    repeated: bool = False  # signed anew, but the same click as one taken before: done once


class SlackActions:
    """Verifies and acknowledges interactivity requests; the work runs in kept tasks."""

    def __init__(
        self,
        slacks: list[SlackResponder],
        work: SlackWork,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.slacks = slacks
        self.work = work
        self._clock = clock
        self.tasks: set[asyncio.Task[None]] = set()
        self.settle: SlackSettle | None = None  # told what the desk settles itself

    async def verify(self, *, body: bytes, timestamp: str, sent: str) -> Verdict:
        """Check freshness, the signature (constant-time) and that no worker saw it before."""
        verdict = self._signed(body=body, timestamp=timestamp, sent=sent)
        if not verdict.ok:
            return verdict
        now = datetime.fromtimestamp(self._clock(), UTC)
        stale_at = datetime.fromtimestamp(int(timestamp) + WINDOW_SECONDS, UTC)
        seen = partial(first_sight, self.work.store, now=now)
        try:
            if not await asyncio.to_thread(seen, sent, stale_at=stale_at):
                return Verdict(False, "replayed request")
            new = await asyncio.to_thread(seen, click_key(body), stale_at=now + CLICK_MEMORY)
        except UNREACHABLE as exc:
            name = type(exc).__name__  # not its message: that may name the database's host
            _LOGGER.warning("slack actions: the store is unreachable (%s); nothing done", name)
            return Verdict(
                False, "store unreachable", verdict.slack, store_down=True, signed=verdict.signed
            )
        return verdict if new else replace(verdict, repeated=True)

    def _signed(self, *, body: bytes, timestamp: str, sent: str) -> Verdict:
        """Fresh and signed with one of the responders' secrets (which one, in the verdict)."""
        now = self._clock()
        # Hostile headers get a 401, not a 500: int() refuses more than 4,300 digits, and a
        # real timestamp has 10 (12 leaves room until the year 33658).
        digits = timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12
        if not (digits and sent.isascii()):
            return Verdict(False, "stale or missing timestamp")
        if abs(now - int(timestamp)) > WINDOW_SECONDS:
            return Verdict(False, "stale or missing timestamp")
        signed = tuple(
            s
            for s in self.slacks
            if s.signing_secret is not None  # never a blank key: anyone could sign with it
            and hmac.compare_digest(
                signature(s.signing_secret.get_secret_value(), timestamp=timestamp, body=body),
                sent,
            )
        )
        if not signed:
            return Verdict(False, "bad signature")
        return Verdict(True, slack=signed[0], signed=signed)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        verdict = await self.verify(
            body=body,
            timestamp=request.headers.get("X-Slack-Request-Timestamp", ""),
            sent=request.headers.get("X-Slack-Signature", ""),
        )
        if verdict.slack is None or not (verdict.ok or verdict.store_down):
            _LOGGER.warning("slack actions: rejected request (%s)", verdict.reason)
            return web.json_response({"error": "invalid request signature"}, status=401)
        if verdict.repeated:  # a retry, or a double submit: the first did it, and said so
            _LOGGER.info("slack actions: a click delivered again; done once already")
            return web.Response(status=200)
        try:
            payload = json.loads(parse_qs(body.decode())["payload"][0])
            if not isinstance(payload, dict):  # Slack's are objects; anything else, a 400
                raise ValueError("the payload is not an object")
        except (KeyError, IndexError, ValueError, UnicodeDecodeError):
            return web.json_response({"error": "expected a form field named payload"}, status=400)
        if _link_click(payload):  # Slack has opened the case's page; nothing to do here
            return web.Response(status=200)
        slack = card_owner(verdict.signed or (verdict.slack,), payload)
        if verdict.store_down:
            return self._store_down(slack, payload)
        if payload.get("type") == "view_submission":
            problem = await self.work.edit_problem(slack, payload)
            if problem:  # Slack keeps the modal open, the text in it, the problem under it
                self._keep(self.work.run(slack, payload, refused=True))
                errors = {EDIT_BLOCK: problem}
                return web.json_response({"response_action": "errors", "errors": errors})
        self._keep(self.work.run(slack, payload))
        return web.Response(status=200)

    def _store_down(self, slack: SlackResponder, payload: Mapping[str, Any]) -> web.Response:
        """Answer a signed click the store could not take with a 200 (anything else, Slack
        shows as a bare failure) and say why: under the edit dialog's text, which stays open
        with what they wrote; for a button, in a message only the clicker sees."""
        if payload.get("type") == "view_submission":
            errors = {EDIT_BLOCK: slack.wording.t(STORE_DOWN)}  # the card's language
            return web.json_response({"response_action": "errors", "errors": errors})
        self._keep(self.work.tell_store_down(slack, payload))
        return web.Response(status=200)

    def draft_edited(self, draft_id: int) -> None:
        """The desk saved a new text for `draft_id`: its cards show it (in a kept task)."""
        self._keep(show_edited(self.work, self.slacks, draft_id))

    def draft_decided(self, draft_id: int) -> None:
        """The desk approved, rejected or restored `draft_id`: its cards say so."""
        self._keep(self._settled("draft", draft_id, show_decided))

    def case_changed(self, case_id: int) -> None:
        """The desk resolved, closed, assigned or escalated case `case_id`: its cards say so."""
        self._keep(self._settled("case", case_id, show_case))

    async def _settled(self, kind: str, found_id: int, show: _Show) -> None:
        """Settle the cards, and tell the settle pass only when Slack took every update:
        one that failed (Slack down, rate limited) is tried again by the next pass."""
        began = self.work.now()  # what the pass may skip: decided before these cards were read
        if await show(self.work, self.slacks, found_id) and self.settle:
            self.settle.told(kind, found_id, at=began)

    def _keep(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work, name="slack-action")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self, _app: web.Application | None = None) -> None:
        """Wait for the actions in progress (the app's cleanup, and tests)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)


SLACK_ACTIONS = web.AppKey("slack_actions", SlackActions)


def add_slack_routes(
    app: web.Application,
    *,
    store: Store,
    config: Config,
    responders: Mapping[str, Responder],
    wake: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.time,
) -> SlackActions | None:
    """Mount `POST /slack/actions` when a Slack responder is configured; return its handler.
    Only those with a signing secret take clicks (their cards have buttons); with none, the
    route refuses every request."""
    slacks = [r for r in responders.values() if isinstance(r, SlackResponder) and r.buttons]
    if not slacks:
        if any(isinstance(r, SlackResponder) for r in responders.values()):
            app.router.add_post("/slack/actions", refuse_unsigned)
        return None
    routing = config.settings.routing
    work = SlackWork(
        store,
        post_route=routing.post,
        ticket_target=routing.ticket,
        wake=wake,
        now=_now,
        desk_url=config.settings.desk.public_url,
        brand=config.brand,
    )
    actions = SlackActions(slacks, work, clock=clock)
    app[SLACK_ACTIONS] = actions
    app.router.add_post("/slack/actions", actions.handle)
    app.on_cleanup.append(actions.drain)
    # Decisions made elsewhere (pipeline, help-desk sync, CLI) settled on their cards too.
    app[SLACK_SETTLE] = actions.settle = settle = SlackSettle(work, slacks, now=_now)
    app.cleanup_ctx.append(settle.running)
    return actions


def card_owner(signed: Sequence[SlackResponder], payload: Mapping[str, Any]) -> SlackResponder:
    """The responder whose card was clicked, whose approvers decide: the one posting to the
    card's channel (the secret cannot say which, when responders share a Slack app). With
    several for that channel, or none (since removed from the config), one that refuses the
    clicker if any does: a click passes only what every candidate's approvers allow."""
    found = clicker(payload)
    if found is None:
        return signed[0]
    channel, user = found
    owners = [s for s in signed if s.channel == channel] or list(signed)
    return next((s for s in owners if not s.may_act(user)), owners[0])


def click_key(body: bytes) -> str:
    """What a click is remembered by, beside its requests' signatures: its body's digest
    (Slack's retry sends the same body; a new click has its own action_ts and trigger_id)."""
    return "click=" + hashlib.sha256(body).hexdigest()


def first_sight(store: Store, sent: str, *, stale_at: datetime, now: datetime) -> bool:
    """Remember an accepted request's signature (or its click_key, until `stale_at`); False
    when a worker already had it.

    The primary key makes the check and the write one atomic step across workers (the
    second insert waits for the first and then does nothing). Rows past `stale_at` could only
    match requests refused as stale anyway: a few are deleted on each call, skipping any a
    concurrent worker is deleting, so the table holds about five minutes of signatures (and
    CLICK_MEMORY of click keys)."""
    expired = (
        sa.select(SLACK_SEEN.c.signature)
        .where(SLACK_SEEN.c.expires_at < now)
        .limit(_PRUNE)
        .with_for_update(skip_locked=True)
    )
    insert = store.insert(SLACK_SEEN).values(signature=sent, expires_at=stale_at)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(SLACK_SEEN).where(SLACK_SEEN.c.signature.in_(expired)))
        added = conn.execute(insert.on_conflict_do_nothing().returning(SLACK_SEEN.c.signature))
        return added.first() is not None


def _link_click(payload: Mapping[str, Any]) -> bool:
    """Whether this is the card's "Open in desk" button: a URL button Slack still reports."""
    actions = payload.get("actions") if payload.get("type") == "block_actions" else None
    first = actions[0] if isinstance(actions, list) and actions else None
    return isinstance(first, dict) and first.get("action_id") == OPEN_DESK


def _now() -> datetime:
    return datetime.now(UTC)
