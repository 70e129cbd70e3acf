"""How Mastodon writes what the fake Mastodon (tests/fakes/mastodon.py) serves: a status's JSON,
its ids (db/schema.rb; lib/mastodon/snowflake.rb), refusals (statuses_controller.rb), the
`X-RateLimit-*` headers (reset in ISO 8601) and a timeline's page by id (`max_id`, `since_id`,
`min_id`) with its `Link` header."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from tests.fakes.mastodon_text import render

FALSE = ("", "0", "f", "false", "off")  # Rails's boolean casting of a query parameter
LIMIT = 500  # the default instance's max_characters
TOO_LONG = {"error": f"Validation failed: Text character limit of {LIMIT} exceeded"}
# The same refusal from a server whose locale is Portuguese (the account's, else the
# instance's DEFAULT_LOCALE): config/locales/pt-BR.yml and pt-PT.yml's over_character_limit.
TOO_LONG_PT_BR = {"error": f"A validação falhou: Texto limite de caracteres de {LIMIT} excedido"}
TOO_LONG_PT_PT = {"error": f"A validação falhou: Texto limite de caracter excedeu {LIMIT}"}
# A deleted status: Rails's RecordNotFound (404) on its pages; a reply to it, 404 with
# statuses.errors.in_reply_not_found (statuses_controller.rb, set_thread).
NOT_FOUND = {"error": "Record not found"}
REPLY_GONE = {"error": "The post you are trying to reply to does not appear to exist."}
ME = {
    "id": "1",
    "username": "lumora",
    "acct": "lumora",
    "display_name": "Lumora",
    "url": "https://social.test/@lumora",
    "followers_count": 5000,
}


def instance_json(max_characters: int) -> dict[str, Any]:
    """GET /api/v{1,2}/instance: its version (Mastodon.py's version check reads it) and the
    status limit it advertises (configuration.statuses)."""
    statuses = {"max_characters": max_characters, "characters_reserved_per_url": 23}
    return {
        "version": "4.3.0",
        "uri": "social.test",
        "title": "fake",
        "api_versions": {"mastodon": 2},
        "configuration": {"statuses": statuses},
    }


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def snowflake(when: datetime, sequence: int) -> str:
    """A status's id: its time in milliseconds << 16, `sequence` (unique within a ms) below."""
    return str((int(when.timestamp() * 1000) << 16) | (sequence & 0xFFFF))


def status_json(
    sid: str, text: str, when: datetime, author: str, content: str | None
) -> dict[str, Any]:
    """A public status by `author` of remote.test that mentions us; `content` (HTML as is)
    instead of `text` rendered."""
    return {
        "id": sid,
        "uri": f"https://remote.test/users/{author}/statuses/{sid}",
        "url": f"https://remote.test/@{author}/{sid}",
        "created_at": iso(when),
        "content": render(text) if content is None else content,
        "visibility": "public",
        "spoiler_text": "",
        "sensitive": False,
        "language": None,
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "edited_at": None,
        "reblog": None,
        "account": {
            "id": str(zlib.crc32(author.encode())),
            "username": author,
            "acct": f"{author}@remote.test",
            "display_name": author.title(),
            "url": f"https://remote.test/@{author}",
            "followers_count": 0,
        },
        "mentions": [{"id": "1", "username": "lumora", "acct": "lumora", "url": ME["url"]}],
        "tags": [],
        "emojis": [],
        "media_attachments": [],
    }


def poll_json(sid: str, options: list[str], when: datetime) -> dict[str, Any]:
    """A status's open poll (entities/Poll): its options, no votes yet."""
    return {
        "id": str(int(sid) >> 16),
        "expires_at": iso(when + timedelta(days=1)),
        "expired": False,
        "multiple": False,
        "votes_count": 0,
        "voters_count": 0,
        "options": [{"title": title, "votes_count": 0} for title in options],
        "emojis": [],
    }


def rate_headers(limit: int, remaining: int, reset: datetime) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    }


def window(q: Mapping[str, str], items: list[dict[str, Any]], most: int) -> list[dict[str, Any]]:
    """Mastodon's id paging of `items` (oldest first), newest first: max_id/since_id bound it,
    min_id gives the page just above; `limit` is capped at the endpoint's `most`
    (notifications 80, timelines 40)."""
    limit = min(int(q.get("limit", "20")), most)

    def above(key: str) -> list[dict[str, Any]]:
        return [i for i in items if int(i["id"]) > int(q[key])] if key in q else items

    chosen = [i for i in above("since_id") if "max_id" not in q or int(i["id"]) < int(q["max_id"])]
    if "min_id" in q:
        return list(reversed(above("min_id")[:limit]))
    return list(reversed(chosen))[:limit]


def link(url: str, page: list[dict[str, Any]]) -> str:
    """The `Link` header of a page at `url`: the next (older) page and the previous one."""
    return (
        f'<{url}?max_id={page[-1]["id"]}>; rel="next", <{url}?min_id={page[0]["id"]}>; rel="prev"'
    )
