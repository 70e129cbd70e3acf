"""The classifier a sentiment command reads with: the configured one, or another by name."""

from __future__ import annotations

import dataclasses

import typer
from pydantic import ValidationError

from mentiondesk import registry
from mentiondesk.cli_common import config_errors, err
from mentiondesk.config import Config
from mentiondesk.models import Classifier, ConfigError
from mentiondesk.pipeline import build_classifier


def with_classifier(
    config: Config, classifier: str | None, settings: dict[str, str] | None = None
) -> Config:
    """`config` reading with `classifier` (None: the configured one) plus `settings`.

    `[sentiment] settings` belong to the configured classifier: another one starts without
    them (e5's `skip_above` means nothing to vader).
    """
    section = config.settings.sentiment
    name = classifier or section.classifier
    if name not in registry.kinds("classifiers"):
        known = ", ".join(registry.kinds("classifiers"))
        err.print(f"unknown classifier {name!r}; use one of: {known}", markup=False)
        raise typer.Exit(2)
    if name == section.classifier and not settings:
        return config
    base = section.settings if name == section.classifier else {}
    update = {"classifier": name, "settings": {**base, **(settings or {})}}
    root = config.settings.model_copy(update={"sentiment": section.model_copy(update=update)})
    return dataclasses.replace(config, settings=root)


def load_classifier(config: Config) -> Classifier:
    """Build the classifier, or stop with what is wrong in its settings and how to fix it."""
    with config_errors():
        try:
            return build_classifier(config)
        except ValidationError as exc:
            raise ConfigError(
                _settings_problem(exc, config.settings.sentiment.classifier)
            ) from None


def _settings_problem(exc: ValidationError, classifier: str) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"sentiment.settings.{where}: not a setting of {classifier}; remove it"
    fix = f"set it under [sentiment] settings, or give it with --setting {where}=…"
    return f"sentiment.settings.{where}: {first['msg']} ({fix})"
