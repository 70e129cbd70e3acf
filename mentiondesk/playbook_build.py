"""The playbook a run decides with, built from `[playbooks]` and checked against the
configured responders before anything starts."""

from __future__ import annotations

from mentiondesk import registry
from mentiondesk.config import Config
from mentiondesk.config_routing import cannot
from mentiondesk.models import ActionKind, ConfigError
from mentiondesk.playbook_files import playbook_files
from playbooks import Playbook, load_playbook


def build_playbook(config: Config) -> Playbook:
    section = config.settings.playbooks
    paths = playbook_files(section.paths, config.base_dir)
    templates = config.base_dir / section.templates if section.templates else None
    playbook = load_playbook(
        paths,
        brand=config.brand,
        template_dir=templates,
        default_lang=section.default_lang,
        handle_locales=section.handle_locales,
        platforms=registry.platforms(),
    )
    _check_targets(playbook, {r.name or r.kind: r.kind for r in config.responders})
    return playbook


# What a rule's `to` gets: an alert, or an escalation's ticket and the follow-ups' comments.
_SENDS = {ActionKind.ALERT: "alert", ActionKind.ESCALATE: "ticket"}


def _check_targets(playbook: Playbook, kinds: dict[str, str]) -> None:
    """An alert or escalation sent `to` a responder that is not configured, or that cannot take
    it, would be held every time: say so at start-up instead."""
    unknown, unfit = [], []
    for rule in playbook.rules:
        for spec in rule.actions:
            if spec.type not in _SENDS or not spec.to:
                continue
            where = f"rule {rule.name!r}: {spec.type.value} to = {spec.to!r}"
            if spec.to not in kinds:
                unknown.append(where)
            elif why := cannot(kinds[spec.to], _SENDS[spec.type]):
                fit = [n for n in sorted(kinds) if not cannot(kinds[n], _SENDS[spec.type])]
                unfit.append(f"playbooks: {where}: {why}; use one of: {', '.join(fit) or '(none)'}")
    if unknown:
        unfit.insert(
            0,
            f"playbooks: {'; '.join(unknown)}: no responder has that name; "
            f"use one of {', '.join(sorted(kinds))} or add a [[responders]] table",
        )
    if unfit:
        raise ConfigError("\n".join(unfit))
