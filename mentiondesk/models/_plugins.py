"""Plugin configuration bases, the brand, and secrets read from the environment."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationInfo, field_validator

from mentiondesk.models._problems import ConfigTable
from mentiondesk.models._wording import ENGLISH, Wording

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The validation-context key that, set to False, leaves `…_env` variables unread: a command
# that only uses the store must not need the platforms' tokens (kept in a root-only file).
SECRETS = "secrets"


class PluginConfig(ConfigTable):
    """Base of every plugin's `…Config`: a table of config.toml (unknown keys are errors,
    numbers finite: `poll_seconds = inf` would read once and then sleep for ever)."""

    kind: str
    # Names go into outbox keys and table columns: short enough that a key always fits.
    name: str | None = Field(default=None, min_length=1, max_length=64)

    # Any plugin's `base_url` / `auth_url`: "mastodon.social" (no scheme) would otherwise
    # pass the check and fail as a network error on every poll, forever.
    @field_validator("base_url", "auth_url", check_fields=False)
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        return http_url(value) if value is not None else None


@dataclass(frozen=True, slots=True)
class Pace:
    """At most `per` sends in any `seconds`: a responder's documented outbound limit, declared
    as `pace: ClassVar[Pace | None]`; the outbox waits for it before each delivery, counting
    per destination (the responder's `pace_key()`, else the responder), across every worker
    sharing a PostgreSQL store."""

    per: int
    seconds: float

    @classmethod
    def per_minute(cls, count: float) -> Pace:
        """An operator's `max_per_minute`: spaced evenly (a fraction means one every so long)."""
        return cls(per=1, seconds=60.0 / count)


class ResponderConfig(PluginConfig):
    """Keys every `[[responders]]` table understands."""

    # Overrides the responder's own pace: sends per minute, evenly spaced.
    max_per_minute: float | None = Field(default=None, gt=0, strict=True, allow_inf_nan=False)


class SourceConfig(PluginConfig):
    """Keys every `[[sources]]` table understands."""

    poll_seconds: float = Field(default=60.0, gt=0, le=24 * 3600)  # a day: else never read
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
        return " OR ".join(dict.fromkeys(_phrase(t) for t in terms if t.strip()))


def _phrase(term: str) -> str:
    """A term of several words searched as that phrase: X's and Reddit's search read bare
    `Lumora Home` as both words anywhere in the post (AND), so it is quoted."""
    term = term.strip()
    return f'"{term.replace(chr(34), "")}"' if any(c.isspace() for c in term) else term


@dataclass(frozen=True, slots=True)
class PluginContext:
    """What a plugin may need besides its own config when it is built."""

    brand: Brand
    base_dir: Path
    # How alerts and tickets are worded ([routing] language, [desk] timezone).
    wording: Wording = ENGLISH


def env_key(variable: str) -> Any:
    """The default of a `…_env` key, checked like a written one: a missing secret fails the
    config naming the key, not the first use with a traceback."""
    return Field(default=variable, validate_default=True)


def http_url(value: str) -> str:
    """`value` if it is an http(s) URL with a host; ValueError with an example otherwise."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname:
        return value
    example = f"https://{value}" if "://" not in value and value.strip() else "https://host.example"
    raise ValueError(
        f"{value!r} is not an http(s) URL with a host; write it in full, e.g. {example}"
    )


def secrets_wanted(info: ValidationInfo) -> bool:
    """Whether this validation reads secrets: not where the context says `secrets=False`."""
    context = info.context
    return not isinstance(context, dict) or context.get(SECRETS) is not False


def require_env(variable: str, info: ValidationInfo) -> str:
    """Validator for `…_env` keys: the named variable must be set (the error names the key),
    unless the validation leaves secrets unread; its name is checked either way."""
    if secrets_wanted(info):
        secret_from_env(variable)
    else:
        variable_name(variable)
    return variable


def variable_name(variable: str) -> str:
    """`variable` if it can name an environment variable; ValueError otherwise."""
    if not _VARIABLE.fullmatch(variable):
        # Never echoed: what is pasted here is usually the token itself.
        raise ValueError(
            "this looks like the secret itself: put it in an environment variable and name "
            "the variable here"
        )
    return variable


def secret_from_env(variable: str) -> SecretStr:
    """Read a secret named by a `…_env` key; raise ValueError saying how to fix it."""
    value = os.environ.get(variable_name(variable))
    if not value:
        raise ValueError(
            f"environment variable {variable} is not set; export it before starting, or, "
            f"under systemd, add a line {variable}=… to the unit's EnvironmentFile "
            "(secrets are never written in the config file)"
        )
    return SecretStr(value)
