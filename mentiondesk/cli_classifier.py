"""The classifier a sentiment command reads with: the configured one, or another by name."""

from __future__ import annotations

import dataclasses
import datetime
import tomllib
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from mentiondesk import registry
from mentiondesk.cli_common import config_errors, err
from mentiondesk.config import Config
from mentiondesk.models import Classifier, ConfigError
from mentiondesk.plugins import build_classifier

# The --setting option of every command that reads with a classifier.
SettingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--setting",
        help="A setting for the classifier, e.g. --setting model=./my-model or --setting "
        "max_length=256; a value is read as TOML (numbers, true, inline tables), else as "
        "plain text; a relative path is read relative to the config file's folder; repeat "
        "for more.",
        metavar="<key=value>",
    ),
]


def parse_settings(pairs: list[str] | None) -> dict[str, Any]:
    """`KEY=VALUE` pairs; each value read as TOML (numbers, true, {…}), else as plain text."""
    out = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            err.print(f"--setting {pair!r}: use KEY=VALUE", markup=False)
            raise typer.Exit(2)
        out[key.strip()] = _value(value.strip())
    return out


def _value(text: str) -> Any:
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text  # ./my-model, e5: no quotes needed
    # A bare 2024-01-01 is a TOML date, but no classifier setting is one.
    return text if isinstance(value, datetime.date | datetime.time) else value


def with_classifier(
    config: Config, classifier: str | None, settings: dict[str, Any] | None = None
) -> Config:
    """`config` reading with `classifier` (None: the configured one) plus `settings`.

    `[sentiment] settings` belong to the configured classifier: another one starts without
    them (e5's `skip_above` means nothing to vader).
    """
    section = config.settings.sentiment
    known_names = registry.kinds("classifiers")
    # "NGRAM" was refused (every other choice is read in any case); "" read with the configured.
    name = section.classifier if classifier is None else _known(classifier, known_names)
    if name not in known_names:
        known = ", ".join(known_names)
        err.print(f"unknown classifier {name!r}; use one of: {known}", markup=False)
        raise typer.Exit(2)
    if name == section.classifier and not settings:
        return config
    base = section.settings if name == section.classifier else {}
    update = {"classifier": name, "settings": {**base, **(settings or {})}}
    root = config.settings.model_copy(update={"sentiment": section.model_copy(update=update)})
    return dataclasses.replace(config, settings=root)


def _known(name: str, known: list[str]) -> str:
    """`name` as registered: "NGRAM" or " ngram" is ngram; an unknown name stays as given."""
    lowered = name.strip().lower()
    return name if name in known else next((k for k in known if k.lower() == lowered), name)


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
    # --setting takes a whole setting: "labels.1 star=…" would be "not a setting" in turn.
    key = str(first["loc"][0]) if first["loc"] else where
    fix = f"set it under [sentiment] settings, or give it with --setting {key}=…"
    return f"sentiment.settings.{where}: {first['msg']} ({fix})"
