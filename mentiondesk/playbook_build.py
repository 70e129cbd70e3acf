"""The playbook a run decides with, built from `[playbooks]` and checked against the
configured responders before anything starts."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from mentiondesk import playbook_lengths, registry
from mentiondesk.config import Config, RoutingSection
from mentiondesk.config_routing import cannot
from mentiondesk.models import ActionKind, ConfigError, Mention
from mentiondesk.playbook_files import playbook_files, rule_file_problem
from mentiondesk.processing import PLAYBOOK_ERROR
from mentiondesk.reply_limits import content_warning, too_long
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
        fallback_lang=section.fallback_lang,  # Italian, Spanish…: no templates of their own
        handle_locales=section.handle_locales,
        platforms=registry.platforms(),
        timezone=ZoneInfo(config.settings.desk.timezone),  # `{{ time_greeting }}`'s hour
        too_long=_public_too_long,
        syntax_words=rule_file_problem,  # the line, the mistake and the fix, as config.toml's
        at_work=_at_work(config),  # `{{ after_hours }}`
    )
    _check_targets(playbook, {r.name or r.kind: r.kind for r in config.responders})
    _check_route_rules(playbook, config.settings.routing)
    listened = _listened(config)
    if lengthy := playbook_lengths.problems(playbook, listened):
        raise ConfigError("\n".join(lengthy))
    return playbook


def _at_work(config: Config) -> Callable[[datetime], bool] | None:
    """Whether the team works at a moment, by `[desk] business_hours`; None where unset."""
    desk = config.settings.desk
    if desk.business_hours is None:
        return None
    week = desk.business_hours.calendar(desk.timezone)
    return lambda moment: week.seconds_between(moment, moment + timedelta(seconds=1)) > 0


def _listened(config: Config) -> list[str]:
    """The platforms drafts may answer on, whose limits templates are held to: those the
    sources listen to, and every one where a replay is read (its file may hold posts of any
    platform: trying a playbook out on one must not pass a thank-you X refuses)."""
    platforms = registry.platforms()
    if any(s.kind not in platforms for s in config.sources):
        return platforms
    return [s.kind for s in config.sources]


def _public_too_long(mention: Mention, text: str) -> str | None:
    """Why a public reply to `mention` is too long for its platform, as approval counts it
    (the Mastodon @handle included): an `auto` one then waits for a person."""
    warning = content_warning(mention.platform, mention.text)  # a Mastodon reply carries it
    return too_long(
        mention.platform, text, private=False, handle=mention.author.handle, warning=warning
    )


def _check_route_rules(playbook: Playbook, routing: RoutingSection) -> None:
    """A route on a rule no playbook has loads and never matches (as a misspelt label would):
    say so at start-up."""
    names = [rule.name for rule in playbook.rules] + [PLAYBOOK_ERROR]  # a failing rule's case
    problems = []
    for i, route in enumerate(routing.alert_routes):
        for value in route.rule:
            if value in names:
                continue
            close = difflib.get_close_matches(value, names, n=1)
            shown = ", ".join(n for n in names if n != PLAYBOOK_ERROR)  # the built-in, unsaid
            hint = f"did you mean {close[0]!r}?" if close else f"use one of: {shown}"
            problems.append(f"routing.alert_routes[{i}].rule: no playbook rule {value!r}; {hint}")
    if problems:
        raise ConfigError("\n".join(problems))


# What a rule's `to` gets: an alert, or an escalation's ticket and the follow-ups' comments.
_SENDS = {ActionKind.ALERT: "alert", ActionKind.ESCALATE: "ticket"}


def _check_targets(playbook: Playbook, kinds: dict[str, str]) -> None:
    """An alert or escalation sent `to` a responder that is not configured, or that cannot take
    it, would be held every time: say so at start-up instead."""
    problems = []
    for rule in playbook.rules:
        for spec in rule.actions:
            if spec.type not in _SENDS or not spec.to:
                continue
            where = (
                f"{playbook.where(rule)}: rule {rule.name!r}: {spec.type.value} to = {spec.to!r}"
            )
            fit = [n for n in sorted(kinds) if not cannot(kinds[n], _SENDS[spec.type])]
            listed = ", ".join(fit) or "(none)"
            if spec.to not in kinds:
                # A near name among those that can take it first: "consol" is "console".
                close = difflib.get_close_matches(spec.to, fit or list(kinds), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"use one of: {listed};"
                problems.append(
                    f"{where}: no responder has that name; {hint} or add a [[responders]] "
                    "table with that name"
                )
            elif why := cannot(kinds[spec.to], _SENDS[spec.type]):
                problems.append(f"{where}: {why}; use one of: {listed}")
    if problems:
        raise ConfigError("\n".join(problems))
