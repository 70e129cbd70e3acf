"""A playbook's reply templates held against the platforms' length limits at start-up: a
public thank-you longer than X's 280 characters for every author would be refused at each
approval (and an `auto = true` one held by X every time), found only once mentions come in."""

from __future__ import annotations

from collections.abc import Sequence

from mentiondesk.models import ActionKind, has_private_messages
from mentiondesk.reply_limits import too_long
from playbooks import Playbook
from playbooks.drafting import measured
from playbooks.problems import action_at
from playbooks.rules import ActionSpec, Rule

_DRAFTS = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)


def problems(playbook: Playbook, listened: Sequence[str]) -> list[str]:
    """A line for each draft template that is too long, as its platform counts it, even for the
    short sample author ("Sam"), or for a follow-up to a case (its `{% if case_opened %}` text):
    on the platforms its rule names, else those `listened` to."""
    found: list[str] = []
    for rule in playbook.rules:
        for index, spec in enumerate(rule.actions):
            if spec.type in _DRAFTS and spec.template:
                where = f"{playbook.where(rule)}: {action_at(rule.name, index)}: template"
                found += [f"{where}: {p}" for p in _too_long(playbook, rule, spec, listened)]
    return list(dict.fromkeys(found))


def _too_long(
    playbook: Playbook, rule: Rule, spec: ActionSpec, listened: Sequence[str]
) -> list[str]:
    private = spec.type is ActionKind.DRAFT_PRIVATE
    name = str(spec.template)
    found = []
    for folder in playbook.templates.folders(name):
        texts = [
            (said, playbook.templates.render_in(name, folder, context))
            for said, context in measured(playbook.sample_context(), folder)
        ]
        for platform in rule.when.platform or listened:
            if private and not has_private_messages(platform):
                continue  # no draft is written there (engine)
            if problem := _first(texts, platform, private=private):
                said, why = problem
                found.append(
                    f"{folder}/{name}.j2 is too long for a {spec.type.value.removeprefix('draft_')}"
                    f" reply on {platform} {said}: {why}; shorten it, or give "
                    f"the rule a platform condition that leaves {platform} out"
                )
    return found


def _first(texts: list[tuple[str, str]], platform: str, *, private: bool) -> tuple[str, str] | None:
    """The first sample's text too long for `platform` (how its sample is said, and why):
    a text too long for both samples is one line, not two."""
    for said, text in texts:
        if why := too_long(platform, text, private=private, handle="sample"):
            return said, why
    return None
