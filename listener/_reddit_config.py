"""The Reddit source's `[[sources]]` table: credentials, subreddits, whether comments are read."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from listener._reddit_query import UnsupportedQuery, matcher
from listener._reddit_wire import FIREHOSE
from mentiondesk.models import SourceConfig, require_env

# What Reddit allows in a subreddit's name; "r/" is how people write one, not part of it.
_NAME = re.compile(r"[A-Za-z0-9_]{2,21}")
_PREFIX = re.compile(r"^/?r/", re.IGNORECASE)


class RedditSourceConfig(SourceConfig):
    """A `kind = "reddit"` source (listener/reddit.py reads it)."""

    kind: Literal["reddit"] = "reddit"
    client_id_env: str = Field(default="REDDIT_CLIENT_ID", validate_default=True)
    client_secret_env: str = Field(default="REDDIT_CLIENT_SECRET", validate_default=True)
    username_env: str | None = None  # with password_env: read the inbox's username mentions
    password_env: str | None = None
    subreddits: tuple[str, ...] = ("all",)
    auth_url: str | None = None  # where the OAuth token comes from; default: base_url or reddit
    user_agent: str = "mentiondesk/0.1 (brand listening)"
    page_size: int = Field(default=100, ge=1, le=100)
    # Newest comments in `subreddits`, matched against `query` here (search finds submissions
    # only). On where subreddits are named; never r/all's or r/popular's (every comment).
    comments: bool = True
    # The brand's Reddit username where the source does not sign in as it: its posts are not
    # mentions. Not guessed from [brand] handles: a namesake would be silently unread.
    account: str | None = None

    _env = field_validator("client_id_env", "client_secret_env")(require_env)

    @field_validator("subreddits")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:  # "r//search": Reddit's 404, not "everywhere"
            raise ValueError('name at least one subreddit, or leave the key out for "all"')
        return tuple(subreddit(written) for written in value)

    @field_validator("username_env", "password_env")
    @classmethod
    def _optional_env(cls, value: str | None, info: ValidationInfo) -> str | None:
        return require_env(value, info) if value else None

    # Before the fields: said first, not after the operator has exported a variable.
    @model_validator(mode="before")
    @classmethod
    def _both_or_neither(cls, data: Any) -> Any:
        if isinstance(data, dict) and bool(data.get("username_env")) != bool(
            data.get("password_env")
        ):
            raise ValueError(
                "username_env and password_env go together (a script app reads the inbox); "
                "set both or neither"
            )
        return data

    @model_validator(mode="after")
    def _comments_readable(self) -> RedditSourceConfig:
        """A `comments = true` written where they cannot be read is said at load; the default
        is only "where they can be" (see _reddit_setup.comment_matcher)."""
        if not (self.comments and "comments" in self.model_fields_set):
            return self
        if firehose(self.subreddits):
            raise ValueError(
                "comments = true needs named subreddits: r/all/comments is every comment on "
                "Reddit; name them in `subreddits`, or leave `comments` out"
            )
        try:
            matcher(self.query or "x")  # without one, the brand's terms are matched
        except UnsupportedQuery as exc:
            raise ValueError(
                f"comments = true: comments are matched here, and `query` cannot be ({exc}); "
                'use words, "quoted phrases", AND and OR, or set comments = false'
            ) from None
        return self


def firehose(subreddits: tuple[str, ...] | list[str]) -> bool:
    """Whether the subreddits take in all of Reddit, whose comments are no listing to read."""
    return any(sub.lower() in FIREHOSE for sub in subreddits)


def subreddit(written: str) -> str:
    """The name in a path ("portugal" in `r/portugal/search`) from "r/portugal", "/r/portugal"
    or "portugal"; ValueError for what no subreddit is called: kept, it built `r/r/portugal`."""
    name = _PREFIX.sub("", written.strip().rstrip("/"))
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"{written!r} is not a subreddit name (2 to 21 letters, digits or _); write each "
            'as "portugal" or "r/portugal", one name per string'
        )
    return name
