"""The sections of `config.toml` besides `[store]`, `[desk]` and the plugin tables: each a
typed model whose bounds and checks word a bad value as the key, the problem and the fix."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mentiondesk.alert_wording import checked_language, language_tag, template_language
from mentiondesk.models import ConfigTable, no_bool_for_number

# The most an interval setting takes (each key's own `le=`): past it, surely a slip that
# would keep a loop asleep for days.
_HOUR, _DAY = 3600, 86400


class _Section(BaseModel):
    """A section of config.toml, as models.ConfigTable (defined here again for the linters,
    which see a pydantic model only in a direct subclass of BaseModel)."""

    model_config = ConfigTable.model_config

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return no_bool_for_number(cls, value, info)


class BrandSection(_Section):
    name: str = Field(min_length=1)
    handles: list[str] = []
    keywords: list[str] = []


_LOCALE = re.compile(r"[a-z]{2,3}-[A-Z]{2}")


class SentimentSection(_Section):
    classifier: str = "e5"  # the trained default; vader is the fast English fallback
    batch_size: int = Field(default=256, ge=1, le=10_000)
    settings: dict[str, Any] = {}


class PlaybooksSection(_Section):
    paths: list[str] = []  # empty: the playbooks shipped with mentiondesk
    templates: str | None = None  # None: the shipped templates
    # en, pt (Brazil's, as pt-BR is), pt-PT, or a folder of your templates; any case.
    default_lang: Annotated[str, AfterValidator(template_language)] = "en"
    # Posts in a language with no templates (Italian to a team writing en, pt, pt-PT) are
    # answered in this one's; None: in default_lang's, which the desk marks as not theirs.
    fallback_lang: Annotated[str, AfterValidator(template_language)] | None = None
    auto_reply_daily_cap: int = Field(default=1, ge=0)  # public auto-replies per author per day
    # Replies to a post that mentions this handle use this regional variant's templates,
    # e.g. { "@lumora_pt" = "pt-PT" } (the shipped `pt` templates are Brazil's).
    handle_locales: dict[str, str] = {}

    @field_validator("handle_locales")
    @classmethod
    def _locales(cls, value: dict[str, str]) -> dict[str, str]:
        # In any case, as default_lang and [routing] language take it: "pt-pt", "pt_PT" → "pt-PT".
        value = {handle: language_tag(locale) or locale for handle, locale in value.items()}
        for handle, locale in value.items():
            if not _LOCALE.fullmatch(locale) or not handle.strip():
                raise ValueError(
                    f'{handle!r} = {locale!r}: write "@handle" = "language-REGION", e.g. "pt-PT"'
                )
            if not re.fullmatch(r"@[^\s@]\S*", handle):  # as posts mention it; else never met
                bare = handle.strip().lstrip("@")
                fix = f'"@{bare}"' if re.fullmatch(r"[^\s@]\S*", bare) else 'e.g. "@lumora_pt"'
                raise ValueError(f"{handle!r}: write the handle as posts mention it, {fix}")
        return value


class OutboxSection(_Section):
    batch_size: int = Field(default=16, ge=1, le=256)  # claimed and delivered concurrently
    poll_seconds: float = Field(default=1.0, gt=0, le=_HOUR)
    # ≥ one delivery (60 s) and its recording (≤ 10 s); a batch's tail goes under a new lease
    lease_seconds: float = Field(default=300.0, ge=90, le=_DAY)
    base_backoff_seconds: float = Field(default=2.0, gt=0, le=_HOUR)
    max_backoff_seconds: float = Field(default=600.0, gt=0, le=_DAY)
    # On Ctrl-C / SIGTERM, deliver what is due for at most this long, then exit (well
    # inside systemd's 90 s stop timeout); the rest is delivered at the next start.
    stop_grace_seconds: float = Field(default=20.0, ge=0, le=_HOUR)
    # /healthz says "degraded" once an undelivered action has waited longer than this.
    degraded_after_seconds: float = Field(default=900.0, gt=0, le=7 * _DAY)

    @model_validator(mode="after")
    def _backoff_order(self) -> OutboxSection:
        # A cap below the first wait would make every retry wait the cap: say so instead.
        if self.max_backoff_seconds < self.base_backoff_seconds:
            raise ValueError(
                f"max_backoff_seconds ({self.max_backoff_seconds:g}) is below "
                f"base_backoff_seconds ({self.base_backoff_seconds:g}); make the maximum at "
                "least the base"
            )
        return self


class AlertRoute(_Section):
    """Alerts matching every given condition go to `to` (first matching route wins)."""

    name: str = Field(min_length=1, max_length=64)  # in digest keys, which must fit 255
    to: list[str] = Field(min_length=1)
    platform: list[str] = []
    lang: list[str] = []
    label: list[str] = []
    reason: list[str] = []
    rule: list[str] = []
    min_frustration: int | None = Field(default=None, ge=0, le=3)
    # Collect, send one per period: a minute at least (less is no digest), a day at most.
    digest_minutes: float | None = Field(default=None, ge=1, le=24 * 60)


class RoutingSection(_Section):
    alert: list[str] = ["console"]
    alert_routes: list[AlertRoute] = []
    ticket: str | None = "cases"
    post: dict[str, str] = {"default": "console"}
    # What the team's chat alerts and help-desk tickets are written in: en, pt-BR, pt-PT.
    language: str = "en"

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        return checked_language(value)

    @field_validator("post")
    @classmethod
    def _post_has_default(cls, value: dict[str, str]) -> dict[str, str]:
        if "default" not in value:
            raise ValueError('add default = "NAME": the responder that posts for other platforms')
        return value


class HelpdeskSection(_Section):
    sync_seconds: float = Field(default=300.0, gt=0, le=_DAY)  # how often solved tickets are polled


class SurveySection(_Section):
    """Satisfaction answers read from the customers' own posts (survey_answers.py)."""

    # "none": only `mentiondesk survey record` records answers; "csat" (1-5) or "nps" (0-10):
    # a post that is just a score, from an author whose case was resolved lately, is one.
    answers_from_posts: str = "none"
    within_days: int = Field(default=7, ge=1, le=60)  # since the case was resolved

    @field_validator("answers_from_posts")
    @classmethod
    def _kind(cls, value: str) -> str:
        kind = value.strip().lower()
        if kind not in ("none", "csat", "nps"):
            raise ValueError(
                f'{value!r}: write "csat" (answers 1-5), "nps" (0-10) or "none" (only '
                "`mentiondesk survey record` records answers)"
            )
        return kind
