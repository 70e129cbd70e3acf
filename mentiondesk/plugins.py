"""Plugins built from the configuration, through their entry points: the classifier and the
responders (the sources are built by the App, with their cursors)."""

from __future__ import annotations

from typing import Any

from mentiondesk import registry
from mentiondesk.config import Config
from mentiondesk.models import Classifier, Responder


def build_classifier(config: Config) -> Classifier:
    section = config.settings.sentiment
    cls = registry.load("classifiers", section.classifier)
    settings = cls.Config.model_validate({"kind": section.classifier, **section.settings})
    classifier: Classifier = cls.from_config(settings, config.context)
    return classifier


def build_plugin(group: registry.Group, config: Any, context: Any) -> Any:
    return registry.load(group, config.kind).from_config(config, context)


def build_responders(config: Config) -> dict[str, Responder]:
    return {
        c.name or c.kind: build_plugin("responders", c, config.context) for c in config.responders
    }
