"""Discord's refusals of Execute Webhook, read from the JSON error `code` in its body: which
refuse every alert alike (held as a whole, naming what to set right), which one message
(naming the fields it refused), and Discord's IP ban, which no header dates.

Without this, a webhook made in a forum channel (every message a 400 "needs a thread_name
or thread_id") held each alert on its own under "check the URL, token and permissions", as
did a message whose field Discord refused; a deleted thread (a `?thread_id=` in the URL)
read as a deleted webhook; a 429's `retry_after` went unread where no Retry-After came; and
the IP ban was retried every 30 s. Only codes, field names and times are read: the body's
`message` is never kept (responders/_refusal.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from mentiondesk.models import FatalError, RateLimited, SinkRefused

# (status, code) → what is wrong with the webhook as a whole (JSON error codes, Discord's
# docs: topics/opcodes-and-status-codes).
_WHOLE: dict[tuple[int, int], str] = {
    (404, 10015): "the webhook was deleted (Unknown Webhook)",
    (404, 10003): (
        "the channel or thread it posts to is gone (Unknown Channel: a thread named by "
        "?thread_id= in the URL deleted, or not in the webhook's channel)"
    ),
    (400, 220001): (
        "the webhook is in a forum or media channel, where every message must open or join a post"
    ),
}
# What to set right for a forum channel's webhook: the URL may name one post to join.
_FORUM_FIX = (
    "make the webhook in a text channel, or add ?thread_id=<the post's id> to the URL in {where}"
)
_FORUM = (400, 220001)
# Discord's IP ban (too many refused requests from this address: discord-api-docs#5810): a
# static 429 with neither `retry_after` nor a Retry-After header. It lasts a while (about an
# hour); asked again every 30 s it only answers the same, so it is waited out in longer steps.
BANNED_WAIT = timedelta(minutes=15)
_FIELD = re.compile(r"[A-Za-z0-9_.]{1,64}")  # "content", "embeds.0.description"
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")  # "BASE_TYPE_MAX_LENGTH"


def raise_known(status: int, said: bytes, *, url_fix: str, where: str) -> None:
    """The error a Discord refusal's body names; any other is left to the shared mapping
    (_http.check). `where`: the variable holding the URL, as url_fix names it."""
    body = _body(said)
    if status == 429:
        _rate_limited(body)
        return
    code = body.get("code")
    if not isinstance(code, int) or isinstance(code, bool):
        return
    if (status, code) == _FORUM:
        fix = _FORUM_FIX.format(where=where)
        raise SinkRefused(f"discord answered {status}: {_WHOLE[_FORUM]}; {fix}")
    if what := _WHOLE.get((status, code)):
        raise SinkRefused(f"discord answered {status}: {what}; {url_fix}")
    if status == 400 and (fields := refused_fields(body)):
        # This message's fields, not the URL or the token: the alert alone is held.
        raise FatalError(f"discord answered 400: it refused these fields ({fields})")


def _rate_limited(body: dict[str, Any]) -> None:
    """Discord's own 429s carry `retry_after`, in seconds under the API version posted to
    (_discord_url), to the millisecond where the Retry-After header rounds it up and
    may be missing (left to _http.check's default, a one-minute limit was tried again at 30
    s); one without it, in a JSON body, is the IP ban."""
    if not body:
        return
    wait = body.get("retry_after")
    if isinstance(wait, int | float) and not isinstance(wait, bool) and 0 <= wait < 86_400:
        until = datetime.now(UTC) + timedelta(seconds=float(wait))
        scope = "for all of this host's requests" if body.get("global") is True else ""
        raise RateLimited(until, " ".join(filter(None, ["discord answered 429", scope])))
    if "retry_after" in body:
        return
    until = datetime.now(UTC) + BANNED_WAIT
    minutes = int(BANNED_WAIT.total_seconds() // 60)
    raise RateLimited(
        until,
        "discord answered 429 without a retry time: Discord is blocking this host's address "
        "for a while (too many refused requests from it, perhaps by another program on the "
        f"same address); tried again every {minutes} min",
    )


def refused_fields(body: dict[str, Any]) -> str:
    """ "content: BASE_TYPE_MAX_LENGTH" from a 50035 Invalid Form Body's `errors` tree (each
    refused field's path to its `_errors`); only plain names and codes, at most ten."""
    named = dict.fromkeys(
        f"{field}: {code}" if code else field
        for field, code in _errors(body.get("errors"), ())
        if _FIELD.fullmatch(field)
    )
    return ", ".join(list(named)[:10])


def _errors(tree: object, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if not isinstance(tree, dict) or len(path) > 6:
        return
    for key, value in tree.items():
        if key == "_errors" and path:
            for error in value if isinstance(value, list) else []:
                code = error.get("code") if isinstance(error, dict) else None
                ok = isinstance(code, str) and _CODE.fullmatch(code)
                yield ".".join(path), code if ok and isinstance(code, str) else ""
        elif isinstance(key, str):
            yield from _errors(value, (*path, key))


def _body(said: bytes) -> dict[str, Any]:
    try:
        body = json.loads(said) if said.strip() else None
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
