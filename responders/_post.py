"""What the platform posters share: checks on the action and matching our own earlier sends."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from mentiondesk.models import FatalError, Mention, OutboxAction

_LOGGER = logging.getLogger(__name__)
Found = TypeVar("Found")


def post_parts(action: OutboxAction, platform: str) -> tuple[Mention, str]:
    """The mention to answer and the text to send; FatalError when the action is not ours."""
    mention = action.context.mention
    if action.kind != "post":
        raise FatalError(f"{platform} posting only takes post actions, not {action.kind}")
    if mention.platform != platform:
        raise FatalError(
            f"a {mention.platform} mention was routed to the {platform} poster; "
            f"fix [routing] post.{mention.platform}"
        )
    text = (action.text or "").strip()
    if not text:
        raise FatalError("the post has no text; edit the draft and approve it again")
    return mention, text


def same_text(ours: str, sent: str) -> bool:
    """Whether a post we find on the platform is the one we meant (whitespace folded)."""
    return " ".join(ours.split()) == " ".join(sent.split())


def may_have_sent(action: OutboxAction) -> bool:
    """The outbox counts an attempt before calling out; a later attempt may follow a crash after
    the platform accepted the post, so only then is the platform asked first."""
    return action.attempt > 1


async def sent_before(
    name: str, action: OutboxAction, look: Callable[[], Awaitable[Found | None]]
) -> Found | None:
    """What an earlier attempt of `action` sent, where one may have (`look` asks the
    platform), said in the log so a retry that sends nothing is explained; else None."""
    if not may_have_sent(action):
        return None
    found = await look()
    if found is not None:
        _LOGGER.info("responder %s: found what an earlier attempt sent; not sending again", name)
    return found


# The outbox row is dated by our clock, a post by the platform's: they may disagree this much.
CLOCK_SKEW = timedelta(minutes=5)


def sent_since(action: OutboxAction) -> datetime:
    """The earliest a post from an attempt of `action` can be dated: not before its outbox row
    was written (a stock text sent to this author weeks ago is another message, not ours)."""
    return (action.created_at or action.context.mention.created_at) - CLOCK_SKEW


def sent_for(action: OutboxAction, stamp: str | datetime | None) -> bool:
    """Whether a post the platform dates `stamp` (ISO 8601, or a datetime as Mastodon.py
    parses it) can come from an attempt of `action`. An undated one cannot be told apart from
    an old one: not counted, so it is sent."""
    if isinstance(stamp, datetime):
        when = stamp
    elif isinstance(stamp, str):
        try:
            when = datetime.fromisoformat(stamp)
        except ValueError:
            return False
    else:
        return False
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) >= sent_since(action)


def utc_iso(when: datetime | None = None) -> str:
    value = (when or datetime.now(UTC)).astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
