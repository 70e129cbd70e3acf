"""Loads playbook files and decides, purely, which actions a mention gets."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
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
from playbooks import variants
from playbooks.rules import Rule, RuleFile, problems
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
# A name: letters, with an apostrophe or hyphen inside (O'Neil, Ana-Rita), two letters or more.
_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+")


class Playbook:
    """An ordered list of rules; every matching rule fires until one says `stop`."""

    def __init__(
        self,
        rules: Sequence[Rule],
        templates: Templates,
        brand: Brand,
        handle_locales: Mapping[str, str] | None = None,
        origins: Mapping[str, tuple[Path, int]] | None = None,
    ) -> None:
        self.rules = list(rules)
        self.templates = templates
        self.brand = brand
        # A post to "@lumora_pt" is answered in Portugal's Portuguese: handle → pattern, locale.
        self._handle_locales = [
            (re.compile(rf"(?<![\w@]){re.escape(h)}(?![\w.])", re.IGNORECASE), locale)
            for h, locale in (handle_locales or {}).items()
        ]
        for rule in self.rules:
            self._check_templates(rule, (origins or {}).get(rule.name))

    def _check_templates(self, rule: Rule, origin: tuple[Path, int] | None) -> None:
        """Render each template `rule` drafts with; ConfigError naming the file, rule and key,
        so a misspelt template name is found in a file of many rules."""
        for index, spec in enumerate(rule.actions):
            if not spec.template:
                continue
            try:
                self.templates.check(spec.template, self._context(*_SAMPLE))
            except ConfigError as exc:
                path, number = origin or ("playbooks", self.rules.index(rule))
                key = f"rules.{number}.actions.{index}.template (rule {rule.name!r})"
                raise ConfigError(f"{path}: {key}: {exc}") from None

    def decide(self, mention: Mention, reading: Reading, history: History) -> list[Action]:
        """The actions for `mention`; pure: no I/O beyond reading cached templates."""
        actions: list[Action] = []
        locale = self.locale(mention, reading)
        for rule in self.rules:
            if not rule.when.matches(mention, reading, history, locale):
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
                spec.template,
                self.locale(mention, reading),
                self._context(mention, reading, history),
            )
        return Action(kind=spec.type, rule=rule, to=spec.to, text=text, auto=spec.auto, lang=lang)

    def locale(self, mention: Mention, reading: Reading) -> str:
        """The reply's language, with its region where the post tells it: the brand handle it
        mentions (`[playbooks] handle_locales`; also when the post is too short to tell its
        language, `und`), else the platform's tag ("pt-PT"), else the author's own words or
        server (`variants`: "telemóvel", "CTT", a .pt server); else the language read, whose
        folder holds the shipped variant (Brazil's, for `pt`)."""
        # A post too short to tell its language ("@lumora_pt ???") is answered in the
        # language of the handle it writes to, not in default_lang.
        for pattern, locale in self._handle_locales:
            if reading.lang in (_language(locale), "und") and pattern.search(mention.text):
                return locale
        tag = mention.lang or ""
        if "-" in tag and _language(tag) == reading.lang:
            language, region = tag.split("-", 1)
            return f"{language.lower()}-{region.upper()}"
        if reading.lang == "pt" and variants.european(mention.text, mention.author.handle):
            return "pt-PT"
        return reading.lang

    def _context(self, mention: Mention, reading: Reading, history: History) -> dict[str, Any]:
        author = mention.author
        return {
            "brand": self.brand.name,
            "name": greeting_name(author.name, handle=author.handle),
            "full_name": author.name or author.handle,
            "handle": author.handle,
            "platform": mention.platform,
            "reason": reading.reason,
            "frustration": reading.frustration,
            "past_cases": list(history.past_cases),
            "open_cases": list(history.open_cases),
            "returning": history.mentions_before > 0,
        }


def _language(locale: str) -> str:
    return locale.split("-", 1)[0].lower()


def greeting_name(display_name: str | None, *, handle: str = "") -> str:
    """The first word of a display name that reads as a name ("🌸 Ana Souza" → "Ana"), or ""
    when none does: a handle, "<img" or "@@@" in a greeting reads worse than no name at all.

    Hacker News and Reddit have no display names, so their listeners give the username as
    the name: a name that is the author's `handle` is a username ("Hi kdrum"), not a name.
    """
    # NFKC: "José" typed decomposed (e + U+0301, as macOS and some keyboards send it) would
    # fail the letters-only match and greet the surname; "𝓐𝓷𝓪" (a styled font) reads "Ana".
    name = unicodedata.normalize("NFKC", display_name or "").strip()
    if handle and name.lstrip("@") == handle.strip().lstrip("@"):
        return ""
    for word in name.split():
        if _NAME.fullmatch(word):
            return word
    return ""


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
    handle_locales: Mapping[str, str] | None = None,
) -> Playbook:
    """Read rule files (the shipped ones when `paths` is empty); ConfigError when invalid."""
    files = list(paths) or sorted(SHIPPED_RULES.glob("*.toml"))
    rules: list[Rule] = []
    origins: dict[str, tuple[Path, int]] = {}  # rule → its file and place there
    for path in files:
        read = _read(path)
        rules += read
        origins.update((rule.name, (path, number)) for number, rule in enumerate(read))
    names = [r.name for r in rules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigError(f"playbooks: rule names must be unique; repeated: {duplicates}")
    folders = [template_dir, SHIPPED] if template_dir else [SHIPPED]
    templates = Templates(folders, default_lang=default_lang)
    return Playbook(rules, templates, brand, handle_locales, origins)


def _read(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return RuleFile.model_validate(data).rules
    except FileNotFoundError:
        raise ConfigError(f"{path}: playbook file not found; fix playbooks.paths") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        raise ConfigError(f"{path}: {'; '.join(problems(exc, data))}") from None
