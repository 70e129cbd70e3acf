"""The fake X's direct messages: sending one to a participant, and reading the conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.x_wire import BRAND_ID, as_posted, fields, iso, problem

# Why X refuses a DM to an author who does not take ours, by their setting: messages only
# from accounts they follow (code 150, the v1.1 codes v2's answers still carry), none from
# us (349), requests only from verified accounts (476). Sources: X's response-code table;
# d60/twikit#231, #297 (349 and 476 as X answered them).
CLOSED = {
    "followers": (150, "You cannot send messages to users who are not following you."),
    "closed": (349, "You cannot send messages to this user."),
    "verified": (476, "Sender is not verified to send message requests"),
}


class DirectMessages:
    """Mixed into XFake, whose clock, ids, headers and daily cap it uses."""

    dms: list[dict[str, Any]]
    closed_dms: dict[str, str]  # user id: CLOSED's key (see close_dms)
    clock: Any
    next_id: Any
    _headers: Any
    _write_headers: Any

    def dm_sent(self, participant: str, text: str, *, at: datetime | None = None) -> dict[str, Any]:
        """A DM from us to `participant`, sent `at` (now by the fake clock). Its links are t.co
        links, as in a post; X's docs do not say the originals come with it, so they do not."""
        event = {
            "id": self.next_id(),
            "event_type": "MessageCreate",
            "text": as_posted(text)["text"],
            "sender_id": BRAND_ID,
            "dm_conversation_id": f"{BRAND_ID}-{participant}",
            "created_at": iso(at or self.clock()),
            "participant": participant,
        }
        self.dms.append(event)
        return event

    def close_dms(self, user_id: str, setting: str = "closed") -> None:
        """The author `user_id` takes no DM from us (`setting`: a key of CLOSED)."""
        self.closed_dms[user_id] = setting

    async def _dm(self, request: web.Request) -> web.Response:
        participant = request.path.split("/")[4]
        headers, refused = self._write_headers("dm")
        if refused:
            return web.json_response(problem(429, "Too Many Requests"), status=429, headers=headers)
        if setting := self.closed_dms.get(participant):
            code, message = CLOSED[setting]
            body = {**problem(403, "Forbidden"), "errors": [{"code": code, "message": message}]}
            return web.json_response(body, status=403, headers=headers)
        event = self.dm_sent(participant, (await request.json())["text"])
        data = {"dm_conversation_id": event["dm_conversation_id"], "dm_event_id": event["id"]}
        return web.json_response({"data": data}, status=201, headers=headers)

    async def _dm_events(self, request: web.Request) -> web.Response:
        participant = request.path.split("/")[4]
        # Like X, `created_at` only when `dm_event.fields` asks for it.
        hidden = {"participant"} | ({"created_at"} - set(fields(request, "dm_event.fields")))
        events = [
            {k: v for k, v in e.items() if k not in hidden}
            for e in reversed(self.dms)
            if e["participant"] == participant
        ]
        body: dict[str, Any] = {"meta": {"result_count": len(events)}}
        if events:
            body["data"] = events
        return web.json_response(body, headers=self._headers("dm_events"))
