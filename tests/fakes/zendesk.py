"""A fake Zendesk tickets API: create (with Idempotency-Key), search by external_id, show_many,
and comments: list them, add one by updating the ticket (which may change its priority too);
users made or found by external_id (create_or_update). Create refuses, as Zendesk does, a new
`requester` without an e-mail and a `requester_id` no user has. As Zendesk does, a private
comment leaves a ticket's status as it was (pending, on-hold, solved: only a requester's reply
sets pending or solved open); an update may set a status of STATUSES, never back to new (422).
A closed ticket cannot be updated (422); a follow-up to it is a new ticket naming it in
`via_followup_source_id`.
An archived ticket (`archive()`: closed, ~120 days on) drops out of the list endpoint but is
still shown by id (GET tickets/{id}.json) and taken as a follow-up's source, as Zendesk does.
A ticket merged into another (`merge()`) is closed, tagged `closed_by_merge`, its last comment
the merge note naming the target; the comments list reads newest first with `sort_order=desc`.
A ticket of a brand or group the token's agent may not see (`hidden`) answers 403.
A ticket Zendesk fails on (`broken`: a record its serializer chokes on) makes any show_many
naming it answer 500, as one bad record fails Zendesk's whole batch read."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

EMAIL, TOKEN = "agent@lumora.test", "zd-token"
AGENT_ID = 100  # the token's user: the requester of a ticket that names none
MERGE_NOTE = 'This request was closed and merged into request #{target} "{subject}".'
STATUSES = ("new", "open", "pending", "hold", "solved", "closed")  # hold: waits on a third party


def invalid(field: str, description: str) -> web.Response:
    """Zendesk's 422 for a record it will not save."""
    details = {field: [{"description": description, "error": "InvalidValue"}]}
    body = {"error": "RecordInvalid", "description": "Record validation errors", "details": details}
    return web.json_response(body, status=422)


class ZendeskFake:
    def __init__(self, api: FakeAPI) -> None:
        self.api = api
        self.tickets: dict[int, dict[str, Any]] = {}
        self.by_key: dict[str, int] = {}
        self.comments: dict[int, list[dict[str, Any]]] = {}
        self.users: dict[int, dict[str, Any]] = {AGENT_ID: {"id": AGENT_ID, "email": EMAIL}}
        self.archived: set[int] = set()
        self.deleted: set[int] = set()  # gone: 404 by id, the id not reused
        self.broken: set[int] = set()  # a show_many naming one answers 500
        self.hidden: set[int] = set()  # another brand's or group's: 403 to the token's agent
        api.route("POST", "/api/v2/users/create_or_update.json", self._upsert_user)
        api.route("GET", "/api/v2/tickets.json", self._search)
        api.route("POST", "/api/v2/tickets.json", self._create)
        api.route("GET", "/api/v2/tickets/show_many.json", self._show_many)
        for n in range(1, 10):
            api.route("GET", f"/api/v2/tickets/{n}/comments.json", self._list_comments)
            api.route("PUT", f"/api/v2/tickets/{n}.json", self._update)
            api.route("GET", f"/api/v2/tickets/{n}.json", self._show)

    def delete(self, ticket_id: int) -> None:
        """An agent deleted it: no longer listed, nor shown by id."""
        del self.tickets[ticket_id]
        self.deleted.add(ticket_id)

    def mark_spam(self, ticket_id: int) -> None:
        """What Zendesk's "Mark as spam" does: the ticket deleted, its requester suspended."""
        self.users[self.tickets[ticket_id]["requester_id"]]["suspended"] = True
        self.delete(ticket_id)

    def merge(self, source: int, target: int, said: str = MERGE_NOTE) -> None:
        """An agent merged `source` into `target`: closed and tagged `closed_by_merge`, its
        last comment the merge note naming the target (`said`: the agent's words, in the
        account's language, {target} and {subject} filled), and a note on the target."""
        subject = self.tickets[target].get("subject", "") if target in self.tickets else ""
        self.tickets[source]["status"] = "closed"
        self.tickets[source]["tags"] = [*self.tickets[source].get("tags", []), "closed_by_merge"]
        note = said.format(target=target, subject=subject)
        thread = self.comments.setdefault(source, [])
        thread.append(_comment(len(thread) + 1, {"body": note, "public": False}))
        if target in self.tickets:
            there = self.comments.setdefault(target, [])
            told = f"Request #{source} was closed and merged into this request."
            there.append(_comment(len(there) + 1, {"body": told, "public": False}))

    def archive(self, ticket_id: int) -> None:
        """What Zendesk does to a ticket closed for ~120 days."""
        self.tickets[ticket_id]["status"] = "closed"
        self.archived.add(ticket_id)

    def _authorised(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{EMAIL}/token:{TOKEN}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    async def _search(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        wanted = request.query.get("external_id")
        found = [
            t
            for t in self.tickets.values()
            if t["external_id"] == wanted and t["id"] not in self.archived
        ]
        return web.json_response({"tickets": found, "count": len(found)})

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        key = request.headers.get("Idempotency-Key", "")
        if key in self.by_key:  # Zendesk replays the first answer for a known key
            ticket = self.tickets[self.by_key[key]]
            return web.json_response(
                {"ticket": ticket}, status=201, headers={"x-idempotency-lookup": "hit"}
            )
        body = (await request.json())["ticket"]
        requester = body.get("requester_id", AGENT_ID)
        follows = body.pop("via_followup_source_id", None)  # not kept on the ticket
        source = self.tickets.get(follows) if follows is not None else None
        if follows is not None and (source is None or source["status"] != "closed"):
            return invalid("via_followup_source_id", "Follow-up source: is invalid")
        if "requester" in body and not body["requester"].get("email"):
            return invalid("requester", "Requester: Email is required for a new requester")
        if requester not in self.users:
            return invalid("requester_id", "Requester: is invalid")
        ticket_id = max([0, *self.tickets, *self.deleted]) + 1
        ticket = {
            **body,
            "requester_id": requester,
            "id": ticket_id,
            "status": "new",
            "url": f"{self.api.base_url}/api/v2/tickets/{ticket_id}.json",
        }
        if source is not None:  # how Zendesk tells a follow-up: `via`, and on its source
            ticket["via"] = {"channel": "api", "source": {"rel": "follow_up"}}
            source.setdefault("followup_ids", []).append(ticket_id)
        self.tickets[ticket_id] = ticket
        self.comments[ticket_id] = [_comment(1, body["comment"])]
        if key:
            self.by_key[key] = ticket_id
        return web.json_response(
            {"ticket": ticket}, status=201, headers={"x-idempotency-lookup": "miss"}
        )

    async def _show(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        ticket_id = int(request.path.rsplit("/", 1)[1].removesuffix(".json"))
        if ticket_id in self.hidden:
            said = "You do not have access to this page. Please contact the account owner."
            return web.json_response({"error": "Forbidden", "description": said}, status=403)
        if ticket_id not in self.tickets:
            return web.json_response({"error": "RecordNotFound"}, status=404)
        return web.json_response({"ticket": self.tickets[ticket_id]})

    async def _upsert_user(self, request: web.Request) -> web.Response:
        """The user with this external_id, renamed (200), or a new end user (201)."""
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        given = (await request.json())["user"]
        if not given.get("external_id") and not given.get("email"):
            return invalid("email", "Email: cannot be blank")
        for user in self.users.values():
            if any(given.get(k) and user.get(k) == given[k] for k in ("external_id", "email")):
                user.update(given)
                return web.json_response({"user": user}, status=200)
        user = {"role": "end-user", "suspended": False, **given, "id": AGENT_ID + len(self.users)}
        self.users[user["id"]] = user
        return web.json_response({"user": user}, status=201)

    async def _show_many(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        ids = [int(i) for i in request.query.get("ids", "").split(",") if i]
        if self.broken & set(ids):
            return web.json_response({"error": "InternalServerError"}, status=500)
        return web.json_response({"tickets": [self.tickets[i] for i in ids if i in self.tickets]})

    async def _list_comments(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        found = self.comments.get(int(request.path.split("/")[-2]), [])
        # Cursor pagination (page[size], page[after]), as Zendesk pages a long thread.
        size = int(request.query.get("page[size]", "100"))
        start = int(request.query.get("page[after]", "0"))
        if request.query.get("sort_order") == "desc":  # newest first
            found = found[::-1]
        page = found[start : start + size]
        more = start + size < len(found)
        meta = {"has_more": more, "after_cursor": str(start + size) if more else None}
        return web.json_response({"comments": page, "meta": meta, "links": {}})

    async def _update(self, request: web.Request) -> web.Response:
        """A comment is added by updating the ticket with a `comment` (Zendesk has no POST);
        other fields given (priority, status) are changed; the status is kept unless given."""
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        ticket_id = int(request.path.rsplit("/", 1)[1].removesuffix(".json"))
        if self.tickets[ticket_id]["status"] == "closed":
            details = {"status": [{"description": "Status: closed prevents ticket update"}]}
            body = {"error": "RecordInvalid", "description": "Record validation errors"}
            return web.json_response(body | {"details": details}, status=422)
        update = dict((await request.json())["ticket"])
        was = self.tickets[ticket_id]["status"]
        status = update.get("status", was)
        if status not in STATUSES or (status == "new" and was != "new"):
            return invalid("status", f"Status: {status} is not valid")
        if comment := update.pop("comment", None):
            thread = self.comments[ticket_id]
            thread.append(_comment(len(thread) + 1, comment))
        self.tickets[ticket_id].update(update)
        return web.json_response({"ticket": self.tickets[ticket_id], "audit": {"events": []}})


def _comment(comment_id: int, given: dict[str, Any]) -> dict[str, Any]:
    """A comment as Zendesk lists it: `body` is the plain text of `html_body`."""
    markup = given.get("html_body") or html.escape(given.get("body", ""))
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()
    return {
        "id": comment_id,
        "type": "Comment",
        "body": text,
        "html_body": markup,
        "plain_body": text,
        "public": given.get("public", True),
    }
