"""Request Tracker 5 through REST2: a ticket per case, found again by the case number in its
subject (RT has no idempotency key), and a poll for the ones people resolved."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from typing import Any

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    OutboxAction,
    PluginContext,
    Receipt,
    Wording,
    secret_from_env,
)
from responders import _helpdesk as desk
from responders._helpdesk_base import (
    HelpDeskResponder,
    credentials_fix,
    earlier_ticket,
    recorded_id,
    thread_has,
)
from responders._rest import RestClient
from responders._rt_config import RequestTrackerResponderConfig as RequestTrackerResponderConfig
from responders._rt_solved import solved_chunk
from responders._rt_text import content, marks, owners, quoted, titled, unfolded

_LOGGER = logging.getLogger(__name__)
# What a follow-up sets open: RT's inactive statuses (deleted tickets are not searched, so
# never found), and stalled, which waits on the author, who has now written.
REOPENED = ("resolved", "rejected", "stalled")
# Where RT 5 makes a token: the user's own, which RT shows once (a new one if it was lost).
_WHERE = "its user makes one under Logged in as > Settings > Auth Tokens (RT shows it once)"


class RequestTrackerResponder(HelpDeskResponder):
    """Opens one RT ticket per case; `solved()` says which of ours were resolved in RT. A
    follow-up's comment is found again by its subject."""

    Config = RequestTrackerResponderConfig
    service, said = "request tracker", "rt"
    chunk = 50  # ids in one TicketSQL query: short ones

    def __init__(
        self,
        name: str,
        *,
        base_url: str,
        token: str,
        queue: str = "General",
        wording: Wording = ENGLISH,
        token_env: str | None = None,
    ) -> None:
        base = base_url.rstrip("/") + "/"
        # Its answers are read as JSON whatever content type they say.
        auth = {"Authorization": f"token {token}"}
        fix = credentials_fix(name, "auth token", "token_env", token_env, _WHERE)
        http = RestClient(base, "request tracker", headers=auth, json_only=False, fix=fix)
        super().__init__(name, base=base, http=http, wording=wording, log=_LOGGER)
        self.web = base.removesuffix("REST/2.0/")
        self.queue = queue

    @classmethod
    def from_config(
        cls, config: RequestTrackerResponderConfig, context: PluginContext
    ) -> RequestTrackerResponder:
        token = secret_from_env(config.token_env).get_secret_value()
        return cls(
            config.name or "rt",
            base_url=config.base_url,
            token=token,
            queue=config.queue,
            wording=context.wording,
            token_env=config.token_env,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        number = desk.case_of(action)
        if action.kind == "comment":
            return await self._follow_up(action, number)
        found = await self._find(action, number)
        if found is None:
            body = {
                "Queue": self.queue,
                "Subject": desk.subject(action, self.wording),
                "Content": content(action, self.wording),
                "ContentType": "text/plain",
                "Priority": desk.frustration(action) * 25,
            }
            created = await self._call("POST", "ticket", json=body)
            found = str(created["id"])
            _LOGGER.info("rt ticket %s opened for %s", found, number)
        return self._receipt(found)

    def ticket_url(self, ref: str) -> str:
        return f"{self.web}Ticket/Display.html?id={ref}"

    async def _follow_up(self, action: OutboxAction, number: str) -> Receipt:
        """A comment on the case's ticket: the one recorded (this desk's own receipt, wherever
        triage moved or renamed it), not one someone else filed with the case number in its
        subject; the one the case number finds in this queue only while none is recorded, or
        the recorded one is gone (a follow-up filed anew after it was deleted, retried).
        Where it was deleted, the follow-up is a ticket of its own, the case's from then on."""
        recorded = action.context.ticket_ref
        ticket, shown = await self._recorded(action)
        if ticket is None or shown.get("Status") == "deleted":
            found = await self._find(action, number)
            if found is None:
                return await self._none_found(action, number, ticket, shown)
            ticket, shown = found, await self._call("GET", f"ticket/{found}")
        elif not titled(shown, number):
            renamed = "rt ticket %s of %s has a subject of its own now; commented on"
            _LOGGER.info(renamed, ticket, number)
        await self._raise_priority(ticket, shown, action)
        await self._comment(ticket, action)
        await self._reopen(ticket, shown)
        # Not the recorded ticket: a retry of a follow-up filed anew finds that one.
        return self._receipt(ticket, case_ticket=recorded is not None and ticket != recorded)

    async def _recorded(self, action: OutboxAction) -> tuple[str | None, dict[str, Any]]:
        """The case's recorded ticket and what RT shows of it; (None, {}) while none is
        recorded (the ticket is not filed yet), or RT has it no more."""
        ref = recorded_id(action)
        if ref is None:
            return None, {}
        shown = await self._call("GET", f"ticket/{ref}", missing=(404,))
        return (ref, shown) if shown else (None, {})

    async def _none_found(
        self, action: OutboxAction, number: str, deleted: str | None, shown: dict[str, Any]
    ) -> Receipt:
        """No live ticket of the case's: its deleted one is followed by a new ticket; one RT
        has not at all, or deleted after a rename (so no longer the case's by its subject
        either), is for a person; none recorded yet, the follow-up waits for it."""
        ref = recorded_id(action)
        if deleted is not None and titled(shown, number):
            return await self._filed_anew(action, number, deleted)
        if deleted is not None:
            raise FatalError(f"rt ticket {ref} of {number} was renamed and deleted; not filed")
        if ref is not None:
            raise FatalError(f"rt has no ticket {ref}, recorded for {number}; check by hand")
        raise desk.no_ticket_yet(number)

    async def _filed_anew(self, action: OutboxAction, number: str, deleted: str) -> Receipt:
        """The follow-up as a new ticket, its subject the follow-up's comment subject (so a
        retry finds it there as it finds a comment), its first line the deleted ticket."""
        w = self.wording
        label, text = earlier_ticket(w, deleted, "deleted")
        before = f"{label}: {text}\n"
        body = {
            "Queue": self.queue,
            "Subject": marks(action, w)[0],
            "Content": content(action, w, before),
            "ContentType": "text/plain",
            "Priority": desk.frustration(action) * 25,
        }
        created = str((await self._call("POST", "ticket", json=body))["id"])
        self._said_filed_anew(deleted, "deleted", created)
        return self._receipt(created, case_ticket=True)

    async def _raise_priority(
        self, ticket: str, shown: dict[str, Any], action: OutboxAction
    ) -> None:
        """A follow-up more urgent than the ticket raises its Priority (RT's 0-99: 25 a level),
        before the comment and only ever upwards, so a retry repeats nothing."""
        level = desk.raised(action, int(shown.get("Priority") or 0) // 25)
        if level is not None:
            await self._call("PUT", f"ticket/{ticket}", json={"Priority": level * 25})

    async def _comment(self, ticket: str, action: OutboxAction) -> None:
        """Add a follow-up as a comment, unless a retry finds it there already (by subject)."""
        w = self.wording
        subjects = marks(action, w)
        if await self._has_comment(ticket, {unfolded(mark) for mark in subjects}):
            return
        text = desk.text_body(action, w)
        body = {"Subject": subjects[0], "Content": text, "ContentType": "text/plain"}
        await self._call("POST", f"ticket/{ticket}/comment", json=body)
        _LOGGER.info("rt ticket %s: follow-up added to %s", ticket, action.context.case_number)

    async def _has_comment(self, ticket: str, subjects: set[str]) -> bool:
        """Whether any of the ticket's attachments, on any page (an agent's mail with files
        adds one a file), has one of these subjects."""

        async def read(page: int) -> tuple[list[str], int | None]:
            params = {"fields": "Subject", "per_page": "100", "page": str(page)}
            seen = await self._call("GET", f"ticket/{ticket}/attachments", params=params)
            # RT keeps a subject as a mail header, folded past ~76 characters ("…publicação\n
            # 1846…"): compared with its white space as one space, or a retry adds it again.
            found = [unfolded(item.get("Subject")) for item in seen.get("items") or []]
            return found, page + 1 if seen.get("next_page") else None

        return await thread_has(int(ticket), read, 1, subjects.__contains__)

    async def _reopen(self, ticket: str, shown: dict[str, Any]) -> None:
        """Open a resolved, rejected or stalled ticket again: RT takes a comment on it but
        leaves its status (its default scrip opens only inactive tickets, and on correspondence,
        which would mail the requestor, not on a comment), so it would sit out of the agents'
        active views or wait on the author. After the comment, so a retry that finds the
        comment still reopens."""
        was = shown.get("Status")
        if was in REOPENED:
            await self._call("PUT", f"ticket/{ticket}", json={"Status": "open"})
            self._said_reopened(ticket, was)

    async def _solved_chunk(self, chunk: list[str]) -> set[str]:
        """Which of these ticket ids are inactive (resolved, rejected…) in RT now."""
        return await solved_chunk(self._search, self._show, self._sweep, chunk)

    async def _show(self, ref: str) -> dict[str, Any]:
        return await self._call("GET", f"ticket/{ref}", missing=(404,))

    async def check(self) -> str:
        """Say whether the URL and token work, for `mentiondesk responders check`. The queue
        is looked up by name in a search: as a path (queue/{name}) one named "Sales/EMEA" or
        "Tier #2" was not found (404), though its tickets were filed."""
        query = json.dumps([{"field": "Name", "value": self.queue}])
        found = await self._call("GET", "queues", params={"query": query})
        if not found.get("count"):
            raise FatalError(
                f"request tracker has no queue {self.queue!r} that this token may see; check "
                "`queue` in its [[responders]] table and the token user's rights"
            )
        return f"token valid; queue {self.queue!r} reachable"

    async def _find(self, action: OutboxAction, number: str) -> str | None:
        """The case's ticket in this queue: the first whose subject starts with the case
        number, as ours do. LIKE matches anywhere, so "Fwd: [MD-…]", a ticket someone else
        filed from our mail, is not taken for it (nor would the sync follow it after). One
        of another author's (a case number reused after a restore) holds the action: told by
        the author tag its content ends with, the subject's handle only on one without."""
        sql = f"Subject LIKE {quoted(f'[{number}]')} AND Queue = {quoted(self.queue)}"
        items = await self._search(sql, fields="Subject,Created")
        found = [
            {
                "id": item["id"],
                "subject": item.get("Subject"),
                "tags": await self._tags(item),
                "created_at": item.get("Created"),  # an earlier case's is told by it
            }
            for item in items
            if titled(item, number) and str(item["id"]) != action.context.ticket_ref
        ]
        recorded = [item for item in items if str(item["id"]) == action.context.ticket_ref]
        # One its author had before the restore (filed before this case began) is held too.
        mine = recorded or self._own_tickets(action, number, found)
        return str(mine[0]["id"]) if mine else None

    async def _tags(self, item: dict[str, Any]) -> list[str] | None:
        """The author tag of a ticket found by the case number (`owners`), from its first
        attachment: the content it was filed with."""
        params = {"fields": "Content", "per_page": "1", "orderby": "id", "order": "ASC"}
        first = await self._call("GET", f"ticket/{item['id']}/attachments", params=params)
        return owners(next(iter(first.get("items") or []), None))

    async def _search(self, sql: str, **params: str) -> list[dict[str, Any]]:
        params |= {"query": sql, "per_page": "100", "orderby": "id"}
        answer = await self._call("GET", "tickets", params=params)
        items: list[dict[str, Any]] = answer.get("items") or []
        return items

    async def _call(
        self, method: str, path: str, *, missing: Collection[int] = (), **kwargs: Any
    ) -> dict[str, Any]:
        """The decoded answer; {} for a status in `missing` (asked on purpose: not there)."""
        answer: dict[str, Any] = await self.http.call(method, path, missing=missing, **kwargs)
        return answer or {}
