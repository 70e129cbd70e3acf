"""How Reddit writes listings, their items and a subreddit it cannot show, for the fake Reddit
(tests/fakes/reddit.py).

Sources: reddit-archive/reddit wiki "JSON" (the Listing and the t1/t3 fields), asyncpraw's
listing/mixins/subreddit.py (`r/<subs>/comments`, which its comment stream polls) and what
reddit.com answers for a subreddit that is unknown (302), banned (404) or private (403).
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

ME = "lumora_bot"  # the account the fake signs in


def listing(page: list[dict[str, Any]], more: bool) -> dict[str, Any]:
    """A Listing of `page` (newest first); `after` names its last item when more follow."""
    data = {
        "after": page[-1]["data"]["name"] if page and more else None,
        "before": None,
        "dist": len(page),
        "modhash": None,
        "geo_filter": "",
        "children": page,
    }
    return {"kind": "Listing", "data": data}


def comment(
    cid: str, body: str, *, author: str, sub: str, link: str, parent: str, created: float
) -> dict[str, Any]:
    """A t1 comment as `r/<subs>/comments` lists it: its submission in `link_id`."""
    data = {
        "id": cid,
        "name": f"t1_{cid}",
        "body": body,
        "author": author,
        "author_fullname": f"t2_{author}",
        "subreddit": sub,
        "subreddit_name_prefixed": f"r/{sub}",
        "link_id": link,
        "parent_id": parent,
        "link_title": "A lamp question",
        "link_permalink": f"https://www.reddit.com/r/{sub}/comments/{link[3:]}/x/",
        "created_utc": created,
        "score": 1,
        "permalink": f"/r/{sub}/comments/{link[3:]}/x/{cid}/",
    }
    return {"kind": "t1", "data": data}


def inbox_form(item: dict[str, Any]) -> dict[str, Any]:
    """The same comment as the inbox lists a username mention of it: same id and fullname,
    its submission only in `context` and `link_title` (no `link_id`, no `permalink`)."""
    data = item["data"]
    keep = ("id", "name", "body", "author", "author_fullname", "subreddit", "parent_id")
    keep += ("link_title",)  # as Reddit's inbox gives it; no link_permalink there
    link, cid = data["link_id"][3:], data["id"]
    inbox = {key: data[key] for key in keep} | {
        "created_utc": data["created_utc"],
        "new": True,
        "was_comment": True,
        "type": "username_mention",
        "subject": "username mention",
        "context": f"/r/{data['subreddit']}/comments/{link}/x/{cid}/?context=3",
    }
    return {"kind": "t1", "data": inbox}


def tags_us(body: str) -> bool:
    """Whether Reddit files a comment in our inbox as a username mention."""
    return re.search(rf"(?<![\w/])/?u/{ME}(?!\w)", body, re.IGNORECASE) is not None


def subreddit_refusal(
    subs: list[str], *, known: set[str], banned: set[str], private: set[str]
) -> web.Response | None:
    """Reddit's answer when one of `subs` cannot be shown, else None."""
    for sub in subs:
        if sub in banned:
            error = {"message": "Not Found", "error": 404, "reason": "banned"}
        elif sub in private:
            error = {"message": "Forbidden", "error": 403, "reason": "private"}
        elif sub in known:
            continue
        else:  # what reddit.com answers r/<unknown>
            return web.Response(status=302, headers={"location": f"/subreddits/search?q={sub}"})
        return web.json_response(error, status=error["error"])
    return None


def subreddit_of(item: dict[str, Any]) -> str:
    return str(item["data"].get("subreddit", "")).lower()


def matches(query: str, item: dict[str, Any]) -> bool:
    """Reddit's search, minimally: any " OR " alternative whose words all occur in the text."""
    text = f"{item['data'].get('title', '')} {item['data'].get('selftext', '')}".lower()
    alternatives = re.split(r"\s+OR\s+", query)
    return any(
        all(word.strip('"').lower() in text for word in alternative.split())
        for alternative in alternatives
        if alternative.strip()
    )
