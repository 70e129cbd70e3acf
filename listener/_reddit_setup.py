"""What a Reddit source reads, settled once when it is built: whose posts are the brand's own
and whether listed comments are read.

Kept apart from the polling (listener/reddit.py): each is decided once, from the config and the
client alone, and says in the log where it falls short (not signed in, comments not readable).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import asyncpraw

from listener._own import OwnAccounts
from listener._reddit_config import firehose
from listener._reddit_query import QueryMatcher, UnsupportedQuery, matcher

# The source's own lines: an operator filtering on `listener.reddit` sees them as before.
_LOGGER = logging.getLogger("listener.reddit")


def own_accounts(source: str, account: str | None, handles: Sequence[str]) -> OwnAccounts:
    """Whose posts are the brand's own: the account signed in as, else (said so) the
    source's `account`."""
    if account:
        return OwnAccounts.named("reddit", [account])
    own = OwnAccounts.named("reddit", handles)
    fix = (
        "set `account` to the brand's Reddit username, or username_env and password_env "
        "to the account reddit-post signs in as"
    )
    if own.known:
        names = ", ".join(f"u/{n}" for n in sorted(own.names))
        _LOGGER.info(
            "source %s: not signed in: the brand's own posts are told by `account` alone (%s); %s",
            source,
            names,
            fix,
        )
    else:
        _LOGGER.warning(
            "source %s: not signed in and no `account`: the brand's own posts are read "
            "as mentions; %s",
            source,
            fix,
        )
    return own


def comment_matcher(
    source: str, query: str, subreddits: tuple[str, ...], *, wanted: bool
) -> QueryMatcher | None:
    """How listed comments are matched; None where they are not read (said why)."""
    if not wanted or not query:
        return None
    if firehose(subreddits):
        _LOGGER.info(
            "source %s: comments are not read in r/all or r/popular (every comment on "
            "Reddit); name subreddits to read theirs",
            source,
        )
        return None
    try:
        return matcher(query)
    except UnsupportedQuery as exc:
        _LOGGER.warning(
            "source %s: comments are not read: the query cannot be matched here (%s); "
            'use words, "quoted phrases", AND and OR, or set comments = false',
            source,
            exc,
        )
        return None


def signs_in_as(reddit: asyncpraw.Reddit) -> str | None:
    """The username the client was given (asyncpraw's config holds a sentinel for none)."""
    username = reddit.config.username
    return username if isinstance(username, str) and username else None
