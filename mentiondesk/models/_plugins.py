"""Plugin configuration bases, the brand, and secrets read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class PluginConfig(BaseModel):
    """Base of every plugin's `…Config`: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    # Names go into outbox keys and table columns: short enough that a key always fits.
    name: str | None = Field(default=None, min_length=1, max_length=64)


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


def require_env(variable: str) -> str:
    """Validator for `…_env` keys: the named variable must be set (the error names the key)."""
    secret_from_env(variable)
    return variable


def secret_from_env(variable: str) -> SecretStr:
    """Read a secret named by a `…_env` key; raise ValueError saying how to fix it."""
    value = os.environ.get(variable)
    if not value:
        raise ValueError(
            f"environment variable {variable} is not set; export it before starting "
            "(secrets are never written in the config file)"
        )
    return SecretStr(value)
