"""Mastodon as the Mastodon source meets it through Mastodon.py: the notifications
request Mastodon.py cannot make, what its errors mean, a status as a mention (its HTML as
text, its visibility, its edits)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from typing import Any

from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
)

from listener._own import OwnAccounts
from listener._urls import status_url
from listener._wire import parse_time
from mentiondesk.models import (
    VISIBILITIES,
    Author,
    FatalError,
    Mention,
    RateLimited,
    TransientError,
)

_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# The Mastodon.py errors `refusal` says the meaning of; any other is a bug, and is raised as is.
CLIENT_ERRORS = (MastodonRatelimitError, MastodonAPIError, MastodonNetworkError)
# The notifications that carry a status about the brand: it is named in it, or quoted by it;
# or, `update` (EDITED), a status the brand's account boosted was edited. Mastodon (4.0+) tells
# only those who boosted a status of its edits, never the accounts it mentions
# (update_status_service.rb, notify_about_update!): an edit of a mention not boosted is unseen.
NOTIFIED = ["mention", "quote", "update"]
EDITED = "update"
# Mastodon answers 403 for a token without the scope a read needs ("This action is outside
# the authorized scopes") and for an account its server disabled or suspended ("Your login
# is currently disabled"); Mastodon.py drops those words for a list's endpoint: both named.
FORBIDDEN = (
    "check the token's scopes (read) and that the account is not disabled or suspended "
    "on its server"
)


def notifications(api: Mastodon, **params: Any) -> Any:
    """GET /api/v1/notifications?types[]=mention&types[]=quote&types[]=update&include_filtered=
    true (a quote of our status notifies as `quote` since 4.5, an edit as `update` since 4.0;
    older servers ignore a type they do not know). Since 4.3 the account's notification policy
    filters some mentions (by default private mentions from people it does not follow) out of
    this list unless include_filtered is sent, and Mastodon.py 2.3's notifications() has no
    such parameter: its request path (paging, rate limits and errors as for every call) is
    called with the parameters the server reads."""
    query = {"types[]": NOTIFIED, "include_filtered": "true"}
    query.update((k, str(v)) for k, v in params.items() if v is not None)
    request = api._Mastodon__api_request  # type: ignore[attr-defined]
    return request("GET", "/api/v1/notifications", query)


def edit_version(status: Any) -> str | None:
    """The version of an edited status, for the store (edited_posts): its id stays, so the
    version is a snowflake of `edited_at` (milliseconds << 16, as status ids are), later
    than the status's id and than each earlier edit's. None when it was never edited, or
    when `edited_at` is no time: the status is still read, at the text it has."""
    edited_at = status.get("edited_at")
    try:
        return str(int(parse_time(edited_at).timestamp() * 1000) << 16) if edited_at else None
    except (TypeError, ValueError, OverflowError):
        return None


def refusal(endpoint: str, exc: Exception, reset: Callable[[], datetime]) -> Exception:
    """One of CLIENT_ERRORS as the poller's error kinds (`reset`: when a rate limit ends),
    said as the other sources say them ("mastodon mentions: 401 Unauthorized; check the
    token"): the status and its standard phrase, never Mastodon.py's tuple or class name."""
    if isinstance(exc, MastodonRatelimitError):
        return RateLimited(reset(), f"mastodon {endpoint}")
    status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
    # A body that is not JSON has no status here; a network failure says its kind.
    network = type(exc).__name__ if isinstance(exc, MastodonNetworkError) else ""
    said = f"mastodon {endpoint}: {status_words(status) or network or 'malformed body'}"
    if isinstance(exc, MastodonUnauthorizedError) or status == 401:
        return FatalError(f"{said}; check the token")
    if status == 403:
        return FatalError(f"{said}; {FORBIDDEN}")
    if isinstance(exc, MastodonNotFoundError):
        return FatalError(f"{said}; check base_url")
    # A 5xx, a network failure, a body that is not JSON, a 4xx the server should not send:
    # retried.
    return TransientError(said)


def status_words(status: int | None) -> str:
    """ "503 Service Unavailable": the status and its standard phrase ("" for none)."""
    if status is None:
        return ""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def html_to_text(content: str) -> str:
    """Mastodon sends HTML; people read text (line breaks kept, tags and entities gone)."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", content))).strip()


def visibility(value: Any) -> str | None:
    """Who may see the status. One this version does not know (a fork's "local", "list") is
    taken as "direct": a reply is never posted wider than the post may have been seen."""
    if not value:
        return None
    return str(value) if value in VISIBILITIES else "direct"


def names(status: Any, own: OwnAccounts) -> bool:
    """Whether the status mentions one of the brand's accounts."""
    named = status.get("mentions") or []
    return any(own.account(str(m.get("id")), str(m.get("acct") or "")) for m in named)


def poll_options(status: Any) -> list[str]:
    """The status's poll, as one line of its options ("📊 Lumora / Outra marca"): the
    question alone ("qual o melhor café?") says nothing of what is asked, and an option may
    be all that names the brand. Options are plain text, as Mastodon sends them."""
    poll = status.get("poll")
    options = poll.get("options") if isinstance(poll, dict) else None
    titles = (
        [o.get("title") for o in options if isinstance(o, dict)]
        if isinstance(options, list)
        else []
    )
    said = [" ".join(t.split()) for t in titles if isinstance(t, str) and t.strip()]
    return [f"📊 {' / '.join(said)}"] if said else []


def shown_with(status: Any, text: str, base_url: str | None = None) -> list[str]:
    """What the status shows beside its text, a line each (as the Bluesky source writes
    them): its poll's options, its media's descriptions (alt text: a photo's may be all
    that names the brand), its link card's title and description, and the address of the
    status it quotes (Mastodon 4.5's `quote`). A part of another shape is left out."""
    media = status.get("media_attachments")
    alts = (
        [m.get("description") for m in media if isinstance(m, dict)]
        if isinstance(media, list)
        else []
    )
    lines = poll_options(status)
    lines += [f"🖼️ {a.strip()}" for a in alts if isinstance(a, str) and a.strip()]
    card = status.get("card")
    if isinstance(card, dict):
        parts = [card.get("title"), card.get("description")]
        if isinstance(card.get("url"), str) and card["url"] not in text:
            parts.append(card["url"])  # a link the text shows already is not said twice
        said = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
        lines += ["🔗 " + "\n".join(said)] if said else []
    quote = status.get("quote")  # 4.5: a Quote; a ShallowQuote (an id alone) says less
    quoted = quote.get("quoted_status") if isinstance(quote, dict) else None
    if isinstance(quoted, dict) and quoted.get("id"):
        lines.append(f"↪️ {status_url(quoted, base_url)}")
    return lines


def read_status(status: Any, base_url: str | None) -> Mention:
    account = status["account"]
    text = html_to_text(status.get("content") or "")
    text = "\n\n".join(t for t in [text, *shown_with(status, text, base_url)] if t)
    if status.get("spoiler_text"):
        # Marked as a warning (mentiondesk.reply_limits.WARNING reads it: a reply carries it,
        # and Mastodon counts it in the reply's 500 characters).
        text = f"\u26a0\ufe0f {status['spoiler_text']}\n\n{text}"
    return Mention(
        platform="mastodon",
        external_id=str(status["id"]),
        author=Author(
            id=str(account["id"]),
            handle=str(account["acct"]),
            name=str(account.get("display_name") or ""),
            followers=int(account.get("followers_count") or 0),
        ),
        text=text,
        created_at=parse_time(status["created_at"]),
        url=status_url(status, base_url),  # never a link of the remote server's choosing
        lang=status.get("language"),
        parent_id=str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
        visibility=visibility(status.get("visibility")),
        edit_id=edit_version(status),  # the same id, edited: the store reads it again
    )
