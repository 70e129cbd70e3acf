"""Readings, the classifier contract, and what playbooks decide."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

# The complaint reasons a reading gives (`other`: none of these), and every topic it names: the
# shipped reading (sentiment/topics.py, reasons.py) gives exactly these, and playbook conditions
# are checked against them at load.
REASONS = (
    "delivery",
    "refund_payment",
    "product_quality",
    "support",
    "price",
    "account_login",
    "other",
)
TOPICS = (*REASONS[:-1], "spam", "opt_out")


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


@dataclass(frozen=True, slots=True)
class History:
    """What we already know about an author when deciding on a new mention."""

    past_cases: tuple[str, ...] = ()  # open ones and those resolved lately (the store's say)
    open_cases: tuple[str, ...] = ()
    mentions_before: int = 0
    negative_before: int = 0
    # The open case a new mention of theirs joins as a follow-up (the latest of `open_cases`,
    # as the store picks it), and when it was opened: a follow-up is told by the case, however
    # many posts ago it began. None for an author with no case open.
    joins_case: str | None = None
    joins_case_opened_at: datetime | None = None


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
    lang: str | None = None  # the language the draft was written in (after any fallback)
    # A rule's public reply drafted as the private message it is sent as (the post is not
    # public): it gives way to a private message the case already has waiting.
    instead_of_public: bool = False
