"""Mentions as every source hands them over, and the source contract."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Protocol, runtime_checkable

from mentiondesk.models._errors import utc

# How each platform writes its own name, in every language (the desk, the audit trail, a
# reply's `{{ platform }}`): stored codes are lower case ("x", "hackernews"); one not listed
# is shown as stored.
PLATFORM_NAMES = {
    "x": "X",
    "twitter": "Twitter",
    "reddit": "Reddit",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "threads": "Threads",
    "hackernews": "Hacker News",
}
# A platform's former names → its name now: for "did you mean" hints (config, playbooks), and
# because older releases stored authors under the former name ("twitter"), a row per name.
FORMER_PLATFORMS = {"twitter": "x"}
# What each platform's API lets mentiondesk do, for the playbook (no private draft where none
# can be sent) and the desk. Private messages: the responders' `private` paths; Hacker News and
# anything unknown has none. Hacker News's API is read-only: a person replies on the site and
# marks the draft as posted; an unknown platform is trusted to its post route.
PRIVATE_MESSAGES = frozenset({"x", "twitter", "bluesky", "mastodon", "reddit"})
READ_ONLY = frozenset({"hackernews"})
# Platforms whose listeners learn no follower count (stored as 0): Hacker News has no followers
# (karma is not reach), Reddit's listings give none. The desk and alerts show no count there
# ("0 followers" would read as nobody listening) and priority counts no reach.
NO_FOLLOWERS = frozenset({"hackernews", "reddit"})
# Platforms whose handles ignore case (@Night_Owl_Tom is @night_owl_tom); elsewhere (Hacker
# News) a handle is matched exactly.
CASELESS_HANDLES = frozenset({"x", "twitter", "reddit", "bluesky", "mastodon"})
# Who may see a post, narrowest last, as Mastodon names it: "private" is followers-only,
# "direct" only the accounts it mentions. A reply is never seen more widely than its post.
VISIBILITIES = ("public", "unlisted", "private", "direct")
PRIVATE_POSTS = ("private", "direct")  # followers-only or direct: no public conversation
# What `authors forget` writes where an erased author's words or line were (a stored digest's
# "• (erased on request)", an outbox row's mark), and what a rewritten Slack card shows.
ERASED_ON_REQUEST = "(erased on request)"
# What the retention writes in `last_error` of a delivered action it blanked (its mark): a
# Slack card about it is rewritten as an erased one is, in the retention's words.
PURGED_BY_RETENTION = "(erased after the retention period)"
_SURROGATE = re.compile("[\ud800-\udfff]")  # in a str, always half a pair: not valid UTF-8


def named_as(platform: str) -> tuple[str, ...]:
    """The names a platform's authors may be stored under: its own, then those older releases
    stored it as ("x" → ("x", "twitter")), a row per name for one account."""
    return (platform, *sorted(old for old, now in FORMER_PLATFORMS.items() if now == platform))


def current_platform(platform: str) -> str:
    """A platform's name now, for one of its former names ("twitter" → "x"); else itself."""
    return FORMER_PLATFORMS.get(platform, platform)


def has_private_messages(platform: str) -> bool:
    """Whether a private message can be sent to an author on `platform`."""
    return platform in PRIVATE_MESSAGES


def has_followers(platform: str) -> bool:
    """Whether a follower count is known for authors on `platform` (not Hacker News, Reddit)."""
    return platform not in NO_FOLLOWERS


def can_post(platform: str) -> bool:
    """Whether mentiondesk can post a reply on `platform` (not Hacker News: read-only)."""
    return platform not in READ_ONLY


def is_private_post(visibility: str | None) -> bool:
    """Whether a post with this visibility is no public conversation (followers-only or
    direct): None, as every platform but Mastodon stores it, is public or unknown."""
    return visibility in PRIVATE_POSTS


def narrower(visibility: str, than: str | None) -> str:
    """The narrower of two visibilities; `than` None (public or unknown) narrows nothing."""
    if than not in VISIBILITIES:
        return visibility
    return max(visibility, than, key=VISIBILITIES.index)


def valid_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


LANG_MAX = 16  # the store's mention.lang column
# A language tag's shape (BCP 47): a 2-3 letter language, then letter/digit subtags ("pt",
# "pt-BR", "zh-Hant-TW"). Only ASCII letters and digits: a hint is printed in alerts and CLI
# tables, and some platforms' tags are free text (Bluesky's `langs`).
_LANG_TAG = re.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def short_lang(tag: object) -> str | None:
    """A platform's language hint as mentions keep it: as given ("_" read as "-") when it fits
    the store, else its leading subtags (language, script, region) up to the first singleton
    ("x-", "u-": private use and extensions) that fit ("en-x-aaaaaaaa-bbbbbbbb" is "en");
    None for no tag, or when what is kept is not shaped as one."""
    if not isinstance(tag, str):
        return None
    tag = tag.strip().replace("_", "-")
    if len(tag) > LANG_MAX:
        tag = _leading_subtags(tag)
    return tag if _LANG_TAG.fullmatch(tag) else None


def _leading_subtags(tag: str) -> str:
    kept = ""
    for part in tag.split("-"):
        if len(part) <= 1 or len(kept) + len(part) + bool(kept) > LANG_MAX:
            break
        kept = f"{kept}-{part}" if kept else part
    return kept


# What a comment answers, by its title (a Hacker News story's, a Reddit post's): one line, at
# most this long as stored; a platform's title is shorter (HN 80, Reddit 300), a longer one
# is no title the platform wrote, and is cut with "…".
ON_TITLE_MAX = 300
_SPACES = re.compile(r"\s+")


def cut_title(value: object, limit: int = ON_TITLE_MAX) -> str | None:
    """A story's or post's title as one line of at most `limit` characters (a longer one cut,
    ending in "…"); None for no title (absent, not text, or blank)."""
    if not isinstance(value, str):
        return None
    title = _SPACES.sub(" ", valid_text(value)).strip()
    if not title:
        return None
    if len(title) <= limit:
        return title
    kept = title[: limit - 1]
    word_end = kept.rfind(" ", len(kept) * 3 // 4)  # at a word's end, where one is near
    return (kept[:word_end] if word_end > 0 else kept).rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Author:
    """The person behind a mention, as the platform knows them."""

    id: str
    handle: str
    name: str = ""
    followers: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", valid_text(self.name))


@dataclass(frozen=True, slots=True)
class Mention:
    """A post that mentions the brand, normalised across platforms."""

    platform: str
    external_id: str
    author: Author
    text: str
    created_at: datetime
    url: str = ""
    lang: str | None = None  # only when the platform says
    thread_id: str | None = None
    parent_id: str | None = None
    visibility: str | None = None  # VISIBILITIES where the platform says (Mastodon); else None
    # An edit's version, when it is not the first read: X's edit is a new post (its id);
    # Mastodon's keeps its id (a stamp of its `edited_at`, in the ids' own form). The mention
    # keeps the first id, so the store takes it as an edit of the one it has.
    edit_id: str | None = None
    # The title of the story or post a comment answers (a Hacker News comment's story, a
    # Reddit comment's post), so the desk says what it is on; None for a post itself, or
    # where the platform does not say.
    on_title: str | None = None

    @property
    def version(self) -> str:
        """The post version read: repeats of it are the same post, an edit is not."""
        return self.edit_id or self.external_id

    def __post_init__(self) -> None:
        # A post cut inside an emoji arrives with half a surrogate pair ("\ud83d"), which no
        # database, language detector or chat API accepts: it becomes U+FFFD here, once.
        object.__setattr__(self, "text", valid_text(self.text))
        # Bluesky's `langs` are free text: a tag longer than the column would cost the
        # mention, and one that is no tag (terminal escapes, rich markup) is no hint at all.
        object.__setattr__(self, "lang", short_lang(self.lang))
        object.__setattr__(self, "on_title", cut_title(self.on_title))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = utc(self.created_at).isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        """Build from the JSON form; raise ValueError/KeyError/TypeError on a malformed one."""
        fields = dict(data)
        for key in ("platform", "external_id", "text"):
            if not isinstance(fields[key], str) or (key != "text" and not fields[key]):
                raise ValueError(f"{key} must be a non-empty string")
        author = dict(fields["author"])
        if not isinstance(author.get("id"), str) or not isinstance(author.get("handle"), str):
            raise ValueError("author.id and author.handle must be strings")
        author["followers"] = int(author.get("followers") or 0)
        fields["author"] = Author(**author)
        created = fields["created_at"]
        if isinstance(created, str):
            created = datetime.fromisoformat(created.replace("Z", "+00:00"))
        fields["created_at"] = utc(created)
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class Batch:
    """One page from a source: new mentions, the cursor after them, whether more wait."""

    mentions: Sequence[Mention]
    cursor: str | None
    has_more: bool = False
    # Not polled here: another worker polls the source (its lease); nothing was read, so
    # nothing is stored, and the poller's state (backoff, outage, rate limit) stays as it is.
    skipped: bool = False


@runtime_checkable
class Source(Protocol):
    """Fetches one page of mentions newer than `cursor`; the poller owns the loop."""

    name: str
    poll_seconds: float

    async def poll(self, cursor: str | None) -> Batch: ...

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """What `mentiondesk sources check` shows for one source (sources may offer `check()`)."""

    name: str
    ok: bool
    detail: str
    rate_limit: str = ""  # its times in UTC
    # The same with its times in a given zone (the desk's), where the source can say so.
    rate_limit_in: Callable[[tzinfo], str] | None = field(default=None, compare=False)
