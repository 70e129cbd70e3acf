"""A fake Mastodon server: mention notifications, search, hashtag timeline, posting statuses
(a status's text rendered and counted as Mastodon does: mastodon_text.py; its JSON, ids,
refusals, rate-limit headers and pages as Mastodon writes them: mastodon_wire.py).

Timelines newest first with a `Link` header (`max_id` next, `min_id` prev), `X-RateLimit-*`
headers (reset in ISO 8601), and an `Idempotency-Key` honoured on POST /api/v1/statuses.
As the real server: `content` is the text rendered to HTML (escaped, in `<p>`), a status has
a visibility, notifications the account's policy filtered (4.3+) are left out unless
`include_filtered` is truthy, and a status over 500 characters (links 23, `@user@domain` as
`@user`) is refused with 422 and Mastodon's validation message; a deleted one (`delete()`)
answers 404, and so does a reply to it.
Search and the hashtag timeline list `hit()` statuses whatever the query, and ours as Mastodon
does: search those whose text says the query, the timeline the public ones carrying its tag.
Ids as Mastodon makes them (db/schema.rb): a status's is a snowflake of its time (milliseconds
<< 16, lib/mastodon/snowflake.rb; a status from another server gets its `published` time's), a
notification's a plain serial number.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.mastodon_text import render, says, status_length, tagged
from tests.fakes.mastodon_wire import (
    FALSE,
    LIMIT,
    ME,
    NOT_FOUND,
    REPLY_GONE,
    TOO_LONG,
    instance_json,
    iso,
    link,
    poll_json,
    rate_headers,
    snowflake,
    status_json,
    window,
)
from tests.fakes.platform import PlatformFake

NOTIFICATIONS = "/api/v1/notifications"
SEARCH = "/api/v2/search"
STATUSES = "/api/v1/statuses"
POLICY = "/api/v2/notifications/policy"
ACCOUNT_WINDOW = "account"


class MastodonFake(PlatformFake):
    """State: statuses that mention us or match the search, and what we posted (by key)."""

    def __init__(self, *args: Any, tag: str = "lumora", **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.window.seconds = 300
        self.tag = tag
        self._serial = itertools.count(34_975_000)  # notifications: a bigserial
        self._sequence = itertools.count()  # a status id's low 16 bits, unique within a ms
        self.notifications: list[dict[str, Any]] = []  # oldest first
        self.search_hits: list[dict[str, Any]] = []
        self.posted: list[dict[str, Any]] = []
        self.by_key: dict[str, dict[str, Any]] = {}
        self.forget_keys = False  # True: as if the hour Mastodon keeps keys has passed
        self.filtered: set[str] = set()  # notification ids the account's policy filtered
        self.deleted: set[str] = set()  # status ids their authors deleted (see delete())
        self.too_long: dict[str, str] = TOO_LONG  # the 422's body, in the server's locale
        # Mastodon 4.3's default policy: private mentions from strangers are filtered.
        self.policy: dict[str, Any] = {
            "for_not_following": "accept",
            "for_not_followers": "accept",
            "for_new_accounts": "accept",
            "for_private_mentions": "filter",
            "for_limited_accounts": "filter",
            "summary": {"pending_requests_count": 0, "pending_notifications_count": 0},
        }
        self.max_characters = LIMIT  # the server's (advertised, and enforced on posting)
        for path in (
            "/api/v1/instance",
            "/api/v1/instance/",
            "/api/v2/instance",
            "/api/v2/instance/",
        ):
            self.handle("GET", path, self._instance)
        self.handle("GET", "/api/v1/accounts/verify_credentials", self._json(ME))
        self.handle("GET", NOTIFICATIONS, self._notifications)
        self.handle("GET", POLICY, self._policy)
        self.handle("GET", SEARCH, self._search)
        self.handle("GET", f"/api/v1/timelines/tag/{tag}", self._tag)
        self.handle("POST", STATUSES, self._post)

    def _context(self, sid: str) -> Any:
        async def answer(request: web.Request) -> web.Response:
            if sid in self.deleted:
                return web.json_response(NOT_FOUND, status=404, headers=self._headers())
            replies = [s for s in self.posted if s["in_reply_to_id"] == sid]
            body = {"ancestors": [], "descendants": replies}
            return web.json_response(body, headers=self._headers())

        return answer

    async def _instance(self, request: web.Request) -> web.Response:
        return web.json_response(instance_json(self.max_characters), headers=self._headers())

    def _json(self, body: Any) -> Any:
        async def answer(request: web.Request) -> web.Response:
            return web.json_response(body, headers=self._headers())

        return answer

    def status(
        self,
        text: str,
        *,
        author: str = "carol",
        lang: str | None = "en",
        reply_to: str | None = None,
        followers: int = 42,
        created_at: datetime | None = None,  # earlier than now: federated to us late
        visibility: str = "public",
        content: str | None = None,  # HTML as is, instead of `text` rendered
        spoiler: str = "",  # a content warning
        media: list[dict[str, Any]] | None = None,  # media_attachments (their alt text)
        card: dict[str, Any] | None = None,  # the link preview Mastodon fetched
        quote: dict[str, Any] | None = None,  # 4.5's Quote: {"state", "quoted_status"}
        poll: list[str] | None = None,  # its poll's options
    ) -> dict[str, Any]:
        when = created_at or self.clock()
        sid = snowflake(when, next(self._sequence))
        self.handle("GET", f"{STATUSES}/{sid}/context", self._context(sid))
        status = status_json(sid, text, when, author, content)
        self.handle("GET", f"{STATUSES}/{sid}", self._one(status))
        status.update(visibility=visibility, spoiler_text=spoiler, sensitive=bool(spoiler))
        status.update(language=lang, in_reply_to_id=reply_to, card=card, quote=quote)
        status["account"]["followers_count"] = followers
        status["media_attachments"] = media or []
        status["poll"] = poll_json(sid, poll, when) if poll else None
        return status

    def _one(self, status: dict[str, Any]) -> Any:
        """GET /api/v1/statuses/:id: the status, or 404 once deleted."""

        async def answer(request: web.Request) -> web.Response:
            if status["id"] in self.deleted:
                return web.json_response(NOT_FOUND, status=404, headers=self._headers())
            return web.json_response(status, headers=self._headers())

        return answer

    def mention(self, text: str, *, filtered: bool = False, **kw: Any) -> dict[str, Any]:
        """A status that mentions us and its notification; `filtered`: one the account's
        notification policy filtered (shown only with include_filtered)."""
        status = self.status(text, **kw)
        serial = str(next(self._serial))
        if filtered:
            self.filtered.add(serial)
        self.notifications.append(
            {
                "id": serial,
                "type": "mention",
                "created_at": status["created_at"],
                "account": status["account"],
                "status": status,
            }
        )
        return status

    def edit(self, status: dict[str, Any], text: str, *, boosted: bool = False) -> None:
        """The author edits `status` (its id kept, `edited_at` set; every list shows it as
        now). Mastodon notifies (`update`) only accounts that boosted it (`boosted`: ours
        did; update_status_service.rb, notify_about_update!), never those it mentions."""
        status["content"] = render(text)
        status["edited_at"] = iso(self.clock())
        if boosted:
            serial = str(next(self._serial))
            note = {"id": serial, "type": "update", "created_at": status["edited_at"]}
            self.notifications.append({**note, "account": status["account"], "status": status})

    def delete(self, status: dict[str, Any]) -> None:
        """The author deletes `status`: its page and a reply to it answer 404."""
        self.deleted.add(status["id"])

    def hit(self, text: str, **kw: Any) -> dict[str, Any]:
        status = self.status(text, **kw)
        self.search_hits.append(status)
        return status

    def _headers(self) -> dict[str, str]:
        # One window per account, whatever the endpoint: Mastodon's default limit is 300
        # requests in 5 minutes per account (docs: api/rate-limits).
        return rate_headers(*self.window.hit(ACCOUNT_WINDOW))

    def _paged(self, request: web.Request, page: list[dict[str, Any]]) -> web.Response:
        headers = self._headers()
        if page:
            headers["Link"] = link(f"{self.base_url}{request.path}", page)
        return web.json_response(page, headers=headers)

    async def _notifications(self, request: web.Request) -> web.Response:
        types = request.query.getall("types[]", [])
        shown = request.query.get("include_filtered", "").lower() not in FALSE
        items = [
            n
            for n in self.notifications
            if (not types or n["type"] in types) and (shown or n["id"] not in self.filtered)
        ]
        return self._paged(request, window(request.query, items, 80))

    async def _policy(self, request: web.Request) -> web.Response:
        return web.json_response(self.policy, headers=self._headers())

    async def _tag(self, request: web.Request) -> web.Response:
        ours = [
            s for s in self.posted if s["visibility"] == "public" and tagged(self.tag, s["content"])
        ]
        listed = sorted(self.search_hits + ours, key=lambda s: int(s["id"]))
        return self._paged(request, window(request.query, listed, 40))

    async def _search(self, request: web.Request) -> web.Response:
        """Search is no timeline: the newest `limit` matches between min_id and max_id (not
        the ones just above min_id), 20 unless asked, 40 at most; `offset` only with `type`."""
        q = request.query
        limit = min(int(q.get("limit", "20")), 40)
        offset = int(q.get("offset", "0")) if q.get("type") else 0
        low, high = int(q.get("min_id", "0")), int(q.get("max_id", str(1 << 64)))
        ours = [s for s in self.posted if says(q.get("q", ""), s["content"])]
        newest = sorted(self.search_hits + ours, key=lambda s: int(s["id"]), reverse=True)
        matches = [s for s in newest if low < int(s["id"]) < high]
        statuses = matches[offset : offset + limit]
        body = {"accounts": [], "statuses": statuses, "hashtags": []}
        return web.json_response(body, headers=self._headers())

    async def _post(self, request: web.Request) -> web.Response:
        key = request.headers.get("Idempotency-Key")
        if key and key in self.by_key and not self.forget_keys:  # kept for an hour
            return web.json_response(self.by_key[key], headers=self._headers())
        form = await request.post()
        spoiler = str(form.get("spoiler_text") or "")
        if status_length(str(form["status"]), spoiler) > self.max_characters:
            return web.json_response(self.too_long, status=422, headers=self._headers())
        if form.get("in_reply_to_id") in self.deleted:
            return web.json_response(REPLY_GONE, status=404, headers=self._headers())
        status = self.status(
            str(form["status"]),
            author="lumora",
            reply_to=str(form.get("in_reply_to_id") or "") or None,
            spoiler=spoiler,
        )
        status["visibility"] = str(form.get("visibility", "public"))
        status["account"] = ME
        self.posted.append(status)
        if key:
            self.by_key[key] = status
        return web.json_response(status, headers=self._headers())
