"""A fake HN Algolia API: `search_by_date` with `numericFilters`, `page`, newest first."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.platform import PlatformFake

SEARCH = "/api/v1/search_by_date"
_FILTER = re.compile(r"created_at_i(>=|>|<=|<)(\d+)")
_SEARCHED = ("title", "url", "story_text", "comment_text", "story_title", "story_url", "author")
PAGINATION_LIMIT = 1000  # Algolia's paginationLimitedTo (algolia/hn-search#230)


class HackerNewsFake(PlatformFake):
    """State: stories and comments (hits), oldest first."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._ids = itertools.count(41_000_000)
        self.hits: list[dict[str, Any]] = []
        # Hits that match the query by a typo alone ("came" for "acme"): Algolia returns and
        # highlights them as matches unless asked `typoTolerance=false`.
        self.typo_ids: set[str] = set()
        self.handle("GET", SEARCH, self._search)

    def comment(
        self,
        text: str,
        *,
        author: str = "pg",
        story: int = 40_000_000,
        story_title: str = "Ask HN: lamps?",
        when: datetime | None = None,
    ) -> dict[str, Any]:
        created = when or self.clock()
        oid = next(self._ids)
        hit = {
            "objectID": str(oid),
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "created_at_i": int(created.timestamp()),
            "author": author,
            "comment_text": text,
            "story_id": story,
            "story_title": story_title,
            "parent_id": story,
            "story_url": None,
            "points": None,
            "num_comments": None,
            "_tags": ["comment", f"author_{author}", f"story_{story}"],
        }
        self.hits.append(hit)
        return hit

    def story(
        self,
        title: str,
        *,
        author: str = "dang",
        url: str = "https://lumora.test/",
        when: datetime | None = None,
    ) -> dict[str, Any]:
        created = when or self.clock()
        oid = next(self._ids)
        hit = {
            "objectID": str(oid),
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "created_at_i": int(created.timestamp()),
            "author": author,
            "title": title,
            "url": url,
            "story_text": None,
            "points": 1,
            "num_comments": 0,
            "_tags": ["story", f"author_{author}", f"story_{oid}"],
        }
        self.hits.append(hit)
        return hit

    async def _search(self, request: web.Request) -> web.Response:
        q = request.query
        per_page = int(q.get("hitsPerPage", "20"))
        page = int(q.get("page", "0"))
        items = list(reversed(self.hits))
        if q.get("typoTolerance") == "false":
            items = [h for h in items if h["objectID"] not in self.typo_ids]
        for op, value in _FILTER.findall(q.get("numericFilters", "")):
            items = [h for h in items if _compare(h["created_at_i"], op, int(value))]
        if items and page * per_page >= PAGINATION_LIMIT:
            return web.json_response(_past_the_limit(page, per_page))
        reachable = items[:PAGINATION_LIMIT]  # like Algolia: nbHits counts all, pages stop
        chunk = reachable[page * per_page : (page + 1) * per_page]
        pages = (len(reachable) + per_page - 1) // per_page
        body = {
            "hits": [self._highlighted(h, q.get("query", "")) for h in chunk],
            "nbHits": len(items),
            "page": page,
            "nbPages": pages,
            "hitsPerPage": per_page,
            "exhaustiveNbHits": True,
            "processingTimeMS": 1,
            "query": q.get("query", ""),
            "params": request.query_string,
        }
        return web.json_response(body)

    def _highlighted(self, hit: dict[str, Any], query: str) -> dict[str, Any]:
        """The hit with Algolia's `_highlightResult`: for each text it searches, whether every
        word of the query is in it (a comment's story title and URL are searched with it); a
        typo hit's text is highlighted as a full match, as Algolia does."""
        words = query.lower().split()
        found = {}
        for field in _SEARCHED:
            value = hit.get(field)
            if isinstance(value, str):
                said = [w for w in words if w in value.lower()]
                level = "full" if said == words and said else "partial" if said else "none"
                if hit["objectID"] in self.typo_ids and field in ("comment_text", "title"):
                    level = "full"
                found[field] = {"value": value, "matchLevel": level, "matchedWords": []}
        return {**hit, "_highlightResult": found}


def _compare(left: object, op: str, right: int) -> bool:
    if not isinstance(left, int) or isinstance(left, bool):
        return False  # like Algolia: a numeric filter matches only a record with a number
    return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]


def _past_the_limit(page: int, per_page: int) -> dict[str, Any]:
    """Algolia's answer for a page past the first 1,000 hits (algolia/hn-search#230)."""
    return {
        "hits": [],
        "nbHits": 0,
        "page": page,
        "nbPages": 0,
        "hitsPerPage": per_page,
        "message": f"you can only fetch the {PAGINATION_LIMIT} hits for this query",
    }
