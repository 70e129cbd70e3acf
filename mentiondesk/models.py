"""The value objects and plugin contracts every package meets through.

Component packages (`listener`, `sentiment`, `playbooks`, `responders`) import only
this module from `mentiondesk`. Everything here is frozen and does no I/O.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, SecretStr

__all__ = [
    "Action",
    "ActionKind",
    "Author",
    "Batch",
    "Brand",
    "CaseContext",
    "Classifier",
    "ConfigError",
    "FatalError",
    "History",
    "Label",
    "Mention",
    "OutboxAction",
    "PluginConfig",
    "PluginContext",
    "RateLimited",
    "Reading",
    "Receipt",
    "Responder",
    "Source",
    "SourceConfig",
    "SourceStatus",
    "TransientError",
    "secret_from_env",
    "utc",
]


def utc(value: datetime) -> datetime:
    """Return `value` as an aware UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# --- errors shared by every boundary -------------------------------------------------


class ConfigError(Exception):
    """The configuration is wrong; the message names the key, the problem and the fix."""


class RateLimited(Exception):
    """The remote side asked us to wait until `until` (UTC) before calling again."""

    def __init__(self, until: datetime, detail: str = "") -> None:
        super().__init__(f"rate limited until {until.isoformat()} {detail}".strip())
        self.until = utc(until)


class TransientError(Exception):
    """A failure worth retrying later (5xx, timeout, connection reset, bad JSON)."""


class FatalError(Exception):
    """A failure retrying cannot fix (bad credentials, unknown channel)."""


# --- mentions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Author:
    """The person behind a mention, as the platform knows them."""

    id: str
    handle: str
    name: str = ""
    followers: int = 0


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
    rate_limit: str = ""


# --- readings -----------------------------------------------------------------------


class Label(enum.StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


@dataclass(frozen=True, slots=True)
class Reading:
    """How a mention reads: language, label, confidence, topics, reason, frustration 0-3."""

    label: Label
    score: float
    lang: str = "und"
    topics: tuple[str, ...] = ()
    reason: str | None = None
    frustration: int = 0
    is_question: bool = False
    classifier: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["label"] = self.label.value
        data["topics"] = list(self.topics)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reading:
        fields = dict(data)
        fields["label"] = Label(fields["label"])
        fields["topics"] = tuple(fields.get("topics", ()))
        return cls(**fields)


@runtime_checkable
class Classifier(Protocol):
    """Reads a batch of texts; CPU-bound, so callers run it off the event loop."""

    name: str

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]: ...


# --- decisions ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class History:
    """What we already know about an author when deciding on a new mention."""

    past_cases: tuple[str, ...] = ()
    open_cases: tuple[str, ...] = ()
    mentions_before: int = 0
    negative_before: int = 0


class ActionKind(enum.StrEnum):
    OPEN_CASE = "open_case"
    ASSIGN = "assign"
    ALERT = "alert"
    DRAFT_PRIVATE = "draft_private"
    DRAFT_PUBLIC = "draft_public"
    ESCALATE = "escalate"


@dataclass(frozen=True, slots=True)
class Action:
    """One thing a playbook decided; `text` holds a rendered draft, `to` a route or person."""

    kind: ActionKind
    rule: str
    to: str | None = None
    text: str | None = None
    auto: bool = False


# --- delivery -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseContext:
    """Everything a responder may show about a case, snapshotted when the action was made."""

    mention: Mention
    reading: Reading
    case_number: str | None = None
    draft_id: int | None = None
    draft_text: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict(),
            "reading": self.reading.to_dict(),
            "case_number": self.case_number,
            "draft_id": self.draft_id,
            "draft_text": self.draft_text,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseContext:
        return cls(
            mention=Mention.from_dict(data["mention"]),
            reading=Reading.from_dict(data["reading"]),
            case_number=data.get("case_number"),
            draft_id=data.get("draft_id"),
            draft_text=data.get("draft_text"),
            rule=data.get("rule", ""),
        )


@dataclass(frozen=True, slots=True)
class OutboxAction:
    """An external effect waiting in the outbox; `key` makes delivering it idempotent.

    `kind` is "alert" (team chat), "ticket" (help desk) or "post" (reply or private
    message on the platform, only after approval or an explicit `auto` rule).
    """

    key: str
    kind: str
    target: str
    context: CaseContext
    text: str | None = None
    private: bool = False
    attempt: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def with_attempt(self, attempt: int) -> OutboxAction:
        return replace(self, attempt=attempt)


@dataclass(frozen=True, slots=True)
class Receipt:
    """Proof of a delivery: the remote reference (message ts, ticket id, post id)."""

    ref: str | None = None
    url: str | None = None
    detail: str = ""


@runtime_checkable
class Responder(Protocol):
    """Delivers outbox actions; must be idempotent by `action.key`."""

    name: str

    async def deliver(self, action: OutboxAction) -> Receipt: ...

    async def close(self) -> None: ...


# --- plugin configuration -----------------------------------------------------------


class PluginConfig(BaseModel):
    """Base of every plugin's `…Config`: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    name: str | None = None


class SourceConfig(PluginConfig):
    """Keys every `[[sources]]` table understands."""

    poll_seconds: float = Field(default=60.0, gt=0)
    base_url: str | None = None
    query: str | None = None


@dataclass(frozen=True, slots=True)
class Brand:
    """Who we listen for: the brand's name, its handles and extra keywords."""

    name: str
    handles: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def default_query(self) -> str:
        terms = [self.name, *self.handles, *self.keywords]
        return " OR ".join(dict.fromkeys(t for t in terms if t))


@dataclass(frozen=True, slots=True)
class PluginContext:
    """What a plugin may need besides its own config when it is built."""

    brand: Brand
    base_dir: Path


def secret_from_env(variable: str) -> SecretStr:
    """Read a secret named by a `…_env` key; raise ValueError saying how to fix it."""
    value = os.environ.get(variable)
    if not value:
        raise ValueError(
            f"environment variable {variable} is not set; export it before starting "
            "(secrets are never written in the config file)"
        )
    return SecretStr(value)
