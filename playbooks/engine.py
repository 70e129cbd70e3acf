"""Loads playbook files and decides, purely, which actions a mention gets."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mentiondesk.models import (
    Action,
    ActionKind,
    Author,
    Brand,
    ConfigError,
    History,
    Label,
    Mention,
    Reading,
)
from playbooks.rules import Rule, RuleFile
from playbooks.templates import SHIPPED, Templates

SHIPPED_RULES = Path(__file__).parent / "shipped"
# What templates are rendered with at start-up, to find broken ones before a mention does.
_SAMPLE = (
    Mention(
        platform="x",
        external_id="0",
        text="",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        author=Author(id="0", handle="sample", name="Sam Ple"),
    ),
    Reading(label=Label.NEGATIVE, score=1.0, lang="en", reason="delivery", frustration=2),
    History(past_cases=("MD-000001",), mentions_before=1),
)
_DRAFTS = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)


class Playbook:
    """An ordered list of rules; every matching rule fires until one says `stop`."""

    def __init__(self, rules: Sequence[Rule], templates: Templates, brand: Brand) -> None:
        self.rules = list(rules)
        self.templates = templates
        self.brand = brand
        for rule in self.rules:
            for spec in rule.actions:
                if spec.template:
                    templates.check(spec.template, self._context(*_SAMPLE))

    def decide(self, mention: Mention, reading: Reading, history: History) -> list[Action]:
        """The actions for `mention`; pure: no I/O beyond reading cached templates."""
        actions: list[Action] = []
        for rule in self.rules:
            if not rule.when.matches(mention, reading, history):
                continue
            actions += [self._action(rule.name, s, mention, reading, history) for s in rule.actions]
            if rule.stop:
                break
        return _dedupe(actions)

    def _action(
        self, rule: str, spec: Any, mention: Mention, reading: Reading, history: History
    ) -> Action:
        text = lang = None
        if spec.type in _DRAFTS:
            text, lang = self.templates.render(
                spec.template, reading.lang, self._context(mention, reading, history)
            )
        return Action(kind=spec.type, rule=rule, to=spec.to, text=text, auto=spec.auto, lang=lang)

    def _context(self, mention: Mention, reading: Reading, history: History) -> dict[str, Any]:
        author = mention.author
        first = (author.name or "").split()
        return {
            "brand": self.brand.name,
            "name": first[0] if first else author.handle.lstrip("@"),
            "full_name": author.name or author.handle,
            "handle": author.handle,
            "platform": mention.platform,
            "reason": reading.reason,
            "frustration": reading.frustration,
            "past_cases": list(history.past_cases),
            "open_cases": list(history.open_cases),
            "returning": history.mentions_before > 0,
        }


def _dedupe(actions: list[Action]) -> list[Action]:
    """One case and one draft of each kind per mention, whatever rules overlap."""
    seen: set[tuple[ActionKind, str | None]] = set()
    unique = []
    for action in actions:
        single = action.kind in (ActionKind.OPEN_CASE, *_DRAFTS)
        key = (action.kind, None if single else action.to)
        if key not in seen:
            seen.add(key)
            unique.append(action)
    return unique


def load_playbook(
    paths: Sequence[Path],
    *,
    brand: Brand,
    template_dir: Path | None = None,
    default_lang: str = "en",
) -> Playbook:
    """Read rule files (the shipped ones when `paths` is empty); ConfigError when invalid."""
    files = list(paths) or sorted(SHIPPED_RULES.glob("*.toml"))
    rules: list[Rule] = []
    for path in files:
        rules += _read(path)
    names = [r.name for r in rules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"playbooks: rule names must be unique; repeated: {duplicates}")
    folders = [template_dir, SHIPPED] if template_dir else [SHIPPED]
    return Playbook(rules, Templates(folders, default_lang=default_lang), brand)


def _read(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return RuleFile.model_validate(data).rules
    except FileNotFoundError:
        raise ConfigError(f"{path}: playbook file not found; fix playbooks.paths") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from None
