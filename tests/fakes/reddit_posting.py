"""The fake Reddit's writing side: our comment replies and private messages, the listings of
what we wrote, Reddit's refusals (a deleted parent, a user taking no messages), and answers
lost after the write was made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.reddit_wire import ME

COMMENT = "/api/comment/"
COMPOSE = "/api/compose/"


class Posting:
    """Mixed into RedditFake, whose clock, ids, headers and listings it uses."""

    comments: list[dict[str, Any]]
    sub_comments: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    lost_answers: dict[str, list[int]]
    no_messages: set[str]
    deleted: set[str]
    _id: Any
    _created: Any
    _headers: Any
    _listing: Any

    def lose_answer(self, path: str, status: int = 502) -> None:
        """Carry out the next POST to `path`, then answer `status` instead of the result, as
        when Reddit's gateway times out after the backend made the comment."""
        self.lost_answers.setdefault(path, []).append(status)

    def _lost(self, path: str) -> web.Response | None:
        if not self.lost_answers.get(path):
            return None
        status = self.lost_answers[path].pop(0)
        page = f"<html><body><h1>{status} Server Error</h1></body></html>"
        return web.Response(status=status, text=page, content_type="text/html")

    def commented(self, parent: str, text: str, *, at: datetime | None = None) -> dict[str, Any]:
        """A comment of ours replying to `parent`, made `at` (now by the fake clock)."""
        cid = self._id()
        data = {
            "id": cid,
            "name": f"t1_{cid}",
            "body": text,
            "author": ME,
            "parent_id": parent,
            "link_id": parent,
            "created_utc": self._created(at),
            "permalink": f"/r/lumora/comments/x/y/{cid}/",
            "subreddit": "lumora",
        }
        self.comments.append({"kind": "t1", "data": data})
        self.sub_comments.append({"kind": "t1", "data": data})
        return data

    def messaged(
        self, to: str, text: str, *, subject: str = "About your post", at: datetime | None = None
    ) -> dict[str, Any]:
        """A private message of ours to `to`, sent `at` (now by the fake clock)."""
        mid = self._id()
        data = {
            "id": mid,
            "name": f"t4_{mid}",
            "author": ME,
            "dest": to,
            "subject": subject,
            "body": text,
            "created_utc": self._created(at),
        }
        self.messages.append({"kind": "t4", "data": data})
        return data

    async def _comment(self, request: web.Request) -> web.Response:
        form = await request.post()
        if (parent := str(form["thing_id"])) in self.deleted:  # as Reddit says it: 200
            if parent.startswith("t1_"):
                return _refused("DELETED_COMMENT", "that comment has been deleted", "parent")
            return _refused("DELETED_LINK", "the link you are commenting on has been deleted", "")
        data = self.commented(str(form["thing_id"]), str(form["text"]))
        if lost := self._lost(COMMENT):
            return lost
        body = {"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": data}]}}}
        return web.json_response(body, headers=self._headers())

    async def _compose(self, request: web.Request) -> web.Response:
        form = await request.post()
        if str(form["to"]).lower() in self.no_messages:
            said = "Can't send a message to that user."
            return _refused("NOT_WHITELISTED_BY_USER_MESSAGE", said, "to")
        self.messaged(str(form["to"]), str(form["text"]), subject=str(form["subject"]))
        if lost := self._lost(COMPOSE):
            return lost
        return web.json_response({"json": {"errors": []}}, headers=self._headers())

    async def _our_comments(self, request: web.Request) -> web.Response:
        return self._listing(request, self.comments)

    async def _sent(self, request: web.Request) -> web.Response:
        return self._listing(request, self.messages)


def _refused(code: str, message: str, field: str) -> web.Response:
    """Reddit's refusal of a comment or message: 200, its `json.errors` [code, words, field]."""
    return web.json_response({"json": {"errors": [[code, message, field]]}})
