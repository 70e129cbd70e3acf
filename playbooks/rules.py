"""The rule language: what a rule matches and which actions it yields."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from mentiondesk.models import (
    ActionKind,
    ConfigTable,
    History,
    Label,
    Mention,
    Reading,
    has_followers,
    no_bool_for_number,
)
from playbooks import conditions, descriptions, variants
from playbooks.descriptions import Description

NAME_MAX = 64  # a rule's name is stored with its cases and drafts


class _Strict(BaseModel):
    """A table of a rule file, as config.toml's (models.ConfigTable): unknown keys refused,
    numbers finite and never true/false (`min_frustration = true` read as 1)."""

    model_config = ConfigTable.model_config

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return no_bool_for_number(cls, value, info)


class When(_Strict):
    """Conditions; every one given must hold. Lists match any of their values."""

    label: list[Label] | None = None
    lang: list[str] | None = None
    platform: list[str] | None = None
    topic: list[str] | None = None
    reason: list[str] | None = None
    min_score: float | None = Field(default=None, ge=0, le=1)
    max_score: float | None = Field(default=None, ge=0, le=1)
    min_reach: int | None = Field(default=None, ge=0)
    max_reach: int | None = Field(default=None, ge=0)
    min_frustration: int | None = Field(default=None, ge=0, le=3)
    question: bool | None = None
    returning_author: bool | None = None
    # The author has a case open, which this post joins as a follow-up (History.joins_case),
    # however long ago it opened and however many posts ago.
    follow_up: bool | None = None
    # The author may be posing as the brand (impostors.py): the playbook tells, by `[brand]`.
    author_impostor: bool | None = None

    @field_validator("label", "lang", "platform", "topic", "reason", mode="before")
    @classmethod
    def _some(cls, value: object) -> object:
        if value == []:  # matches no post: the rule would never fire
            raise ValueError("an empty list matches nothing; remove the key to match any")
        return value

    @model_validator(mode="after")
    def _possible(self) -> When:
        for low, high in (("min_score", "max_score"), ("min_reach", "max_reach")):
            least, most = getattr(self, low), getattr(self, high)
            if least is not None and most is not None and least > most:
                raise ValueError(
                    f"{low} = {least} is above {high} = {most}: no post could match; "
                    "swap them or remove one"
                )
        if self.min_reach and self.platform and not any(map(has_followers, self.platform)):
            # Their listeners learn no follower count: every author's reach there is 0.
            raise ValueError(
                f"min_reach = {self.min_reach}: authors on {', '.join(self.platform)} carry no "
                "follower count (their reach is 0), so no post could match; remove min_reach, or "
                "add a platform that counts followers"
            )
        return self

    @field_validator("lang")
    @classmethod
    def _tags(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else conditions.languages(value)

    @field_validator("platform")
    @classmethod
    def _platforms(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        # The platforms sources listen to are the registry's: the loader passes them in.
        known = (info.context or {}).get("platforms")
        return None if value is None else conditions.platforms(value, known)

    @field_validator("topic")
    @classmethod
    def _topics(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else conditions.topics(value)

    @field_validator("reason")
    @classmethod
    def _reasons(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else conditions.reasons(value)

    def matches(
        self,
        mention: Mention,
        reading: Reading,
        history: History,
        locale: str,
        *,
        impostor: bool = False,
    ) -> bool:
        """`locale` is the reply's, as the playbook decides it ("pt-PT"), for regional `lang`;
        `impostor`: whether the author may be posing as the brand (impostors.resemblance)."""
        reach = mention.author.followers
        checks = (
            self.label is None or reading.label in self.label,
            self.lang is None or _speaks(self.lang, reading.lang, locale),
            self.platform is None or mention.platform in self.platform,
            self.topic is None or bool(set(self.topic) & set(reading.topics)),
            self.reason is None or reading.reason in self.reason,
            self.min_score is None or reading.score >= self.min_score,
            self.max_score is None or reading.score <= self.max_score,
            self.min_reach is None or reach >= self.min_reach,
            self.max_reach is None or reach <= self.max_reach,
            self.min_frustration is None or reading.frustration >= self.min_frustration,
            self.question is None or reading.is_question == self.question,
            self.returning_author is None or (history.mentions_before > 0) == self.returning_author,
            self.follow_up is None or (history.joins_case is not None) == self.follow_up,
            self.author_impostor is None or impostor == self.author_impostor,
        )
        return all(checks)


def _speaks(langs: list[str], lang: str, locale: str) -> bool:
    """A language ("pt") matches the language read; a region ("pt-PT", "pt-BR") matches the
    reply's locale: the reading says only "pt", the locale tells Portugal's from Brazil's."""
    region = variants.regional(locale)
    return lang in langs or any("-" in v and v == region for v in langs)


# The actions whose `to` is read: a person (assign), a responder (alert, escalate).
_TAKES_TO = (ActionKind.ASSIGN, ActionKind.ALERT, ActionKind.ESCALATE)


class ActionSpec(_Strict):
    """One action of a rule. Drafts name a template; `to` names a person or a route."""

    type: ActionKind
    template: str | None = None
    to: str | None = Field(default=None, min_length=1, max_length=64)  # a person or responder
    auto: bool = False

    @model_validator(mode="after")
    def _check(self) -> ActionSpec:
        drafts = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)
        if self.type in drafts and not self.template:
            raise ValueError(f'a {self.type.value} action needs template = "NAME"')
        if self.type not in drafts and self.template:
            raise ValueError(f"template only applies to draft actions, not {self.type.value}")
        if self.auto and self.type is not ActionKind.DRAFT_PUBLIC:
            raise ValueError("auto = true is only allowed on draft_public actions")
        if self.type is ActionKind.ASSIGN and not self.to:
            raise ValueError('an assign action needs to = "PERSON"')
        if self.to and self.type not in _TAKES_TO:
            # Nothing reads it there: `{ type = "open_case", to = "ana" }` gave Ana nothing.
            raise ValueError(
                f"to only applies to assign, alert and escalate actions, not {self.type.value}; "
                "remove it, or give the case to a person with "
                f'{{ type = "assign", to = "{self.to}" }}'
            )
        return self


class Rule(_Strict):
    """A named rule: when it matches, its actions fire; `stop` ends evaluation."""

    # A rule's name is stored with what it decided and goes into outbox keys: keep it short.
    name: str = Field(min_length=1, max_length=NAME_MAX)
    # What the rule is for, in words; a table of them by locale for a team of several languages.
    description: Description = ""
    when: When = When()
    actions: list[ActionSpec] = []
    stop: bool = False

    @field_validator("description", mode="before")
    @classmethod
    def _described(cls, value: object) -> Description:
        return descriptions.checked(value)

    def describe(self, locale: str) -> str:
        """The description for a reader of `locale` ("pt-BR"), English when it has none."""
        return descriptions.pick(self.description, locale)


class RuleFile(_Strict):
    rules: list[Rule]
    format: Literal[1] = 1
