"""Decides, purely, which actions a mention gets from an ordered list of rules."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from mentiondesk.models import (
    Action,
    ActionKind,
    Brand,
    ConfigError,
    History,
    Label,
    Mention,
    Reading,
    can_post,
    has_private_messages,
    is_private_post,
)
from playbooks import variants
from playbooks.impostors import posing_as
from playbooks.placeholders import (
    LONGEST_TIME_GREETING,
    SAMPLE_MENTION,
    SAMPLE_NAMELESS,
    mention_values,
    time_greeting,
)
from playbooks.problems import action_at
from playbooks.rules import ActionSpec, Rule
from playbooks.templates import RENDER_ERRORS, Templates

_LOGGER = logging.getLogger(__name__)
# What templates are rendered with at start-up, to find broken ones before a mention does.
_SAMPLE = (
    SAMPLE_MENTION,
    Reading(label=Label.NEGATIVE, score=1.0, lang="en", reason="delivery", frustration=2),
    History(past_cases=("MD-000001",), mentions_before=1),
)
# And for an author with no readable name, whose drafts must not fail either.
_NAMELESS = (SAMPLE_NAMELESS, *_SAMPLE[1:])
_DRAFTS = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)


class Playbook:
    """An ordered list of rules; every matching rule fires until one says `stop`."""

    def __init__(
        self,
        rules: Sequence[Rule],
        templates: Templates,
        *,
        brand: Brand,
        handle_locales: Mapping[str, str] | None = None,
        origins: Mapping[str, Path] | None = None,
        timezone: tzinfo = UTC,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`timezone`: the desk's, whose hour `{{ time_greeting }}` follows; `clock`: the
        time a draft is written (now, by default)."""
        self.rules = list(rules)
        self.timezone = timezone
        self._clock = clock or (lambda: datetime.now(UTC))
        self.templates = templates
        self.brand = brand
        # A post to "@lumora_pt" is answered in Portugal's Portuguese: handle → pattern, locale.
        self._handle_locales = [
            # A full stop ends the handle ("…não chegou @lumora_pt."); "@lumora_pt.bsky.social"
            # and "@lumora_pt@mastodon.social" are other accounts.
            (re.compile(rf"(?<![\w@]){re.escape(h)}(?!\w|[.@]\w)", re.IGNORECASE), locale)
            for h, locale in (handle_locales or {}).items()
        ]
        self.origins = dict(origins or {})  # rule name → its file, for errors found later
        for rule in self.rules:
            self._check_templates(rule, self.origins.get(rule.name))

    def where(self, rule: Rule) -> str:
        """The file `rule` was read from, to begin an error with; "playbooks" if unknown."""
        return str(self.origins.get(rule.name, "playbooks"))

    def _check_templates(self, rule: Rule, origin: Path | None) -> None:
        """Render each template `rule` drafts with; ConfigError naming the file, rule and key,
        so a misspelt template name is found in a file of many rules."""
        for index, spec in enumerate(rule.actions):
            if not spec.template:
                continue
            try:
                self.templates.check(
                    spec.template, self._context(*_SAMPLE), self._context(*_NAMELESS)
                )
            except ConfigError as exc:
                where = f"{origin or 'playbooks'}: {action_at(rule.name, index)}"
                raise ConfigError(f"{where}: template: {exc}") from None

    def decide(
        self, mention: Mention, reading: Reading, history: History, *, mention_id: object = "?"
    ) -> list[Action]:
        """The actions for `mention`; pure: no I/O beyond reading cached templates (and a
        warning naming `mention_id`, the stored mention's id, for a draft skipped)."""
        planned: list[Action | _Skipped] = []
        # A rule whose draft was skipped opens a case for a person, after any a rule opens.
        fallback: list[Action] = []
        locale = self.locale(mention, reading.lang)
        now = self._clock().astimezone(self.timezone)
        subject = _Subject(mention, reading, history, locale, mention_id, now)
        impostor = posing_as(self.brand, mention) is not None  # a fake "support" account?
        for rule in self.rules:
            if not rule.when.matches(mention, reading, history, locale, impostor=impostor):
                continue
            specs = rule.actions
            if is_private_post(mention.visibility):
                # Its public reply becomes a private message: the rule's own goes first, so
                # it is the one kept (_dedupe), written for a private conversation.
                specs = sorted(specs, key=lambda s: s.type is ActionKind.DRAFT_PUBLIC)
            done = [self._action(s, rule=rule.name, subject=subject) for s in specs]
            planned += done
            if any(isinstance(a, _Skipped) for a in done):
                fallback.append(Action(kind=ActionKind.OPEN_CASE, rule=rule.name))
            if rule.stop:
                break
        return _dedupe([*planned, *fallback])

    def _action(self, spec: ActionSpec, *, rule: str, subject: _Subject) -> Action | _Skipped:
        """The action `spec` says; _Skipped for a draft that cannot be written (`_draft`), or
        a private message on a platform that has none (Hacker News)."""
        if spec.type not in _DRAFTS:
            return Action(kind=spec.type, rule=rule, to=spec.to, auto=spec.auto)
        mention = subject.mention
        spec, converted = _as_sent(spec, mention)
        if spec.type is ActionKind.DRAFT_PRIVATE and not has_private_messages(mention.platform):
            # Info, not a warning: the platform is as it is, nothing is broken to fix.
            _LOGGER.info(
                "mention %s: rule %r: %s has no private messages; draft skipped, the mention "
                "waits in a case for a person",
                subject.mention_id,
                rule,
                mention.platform,
            )
            return _Skipped(spec.type)
        return self._draft(spec, rule=rule, subject=subject, converted=converted)

    def _draft(
        self, spec: ActionSpec, *, rule: str, subject: _Subject, converted: bool
    ) -> Action | _Skipped:
        """The draft `spec` writes; _Skipped where its template cannot write for this author
        (both start-up samples passed, this mention's values did not)."""
        if spec.template is None:  # ActionSpec's validation makes every draft name one
            raise ConfigError(f"rule {rule!r}: a {spec.type.value} action names no template")
        written = self._write(rule, spec.template, subject)
        if written is None:
            return _Skipped(spec.type)
        text, lang = written
        # Where nothing can be posted (Hacker News), an automatic reply waits for a person.
        auto = spec.auto and can_post(subject.mention.platform)
        return Action(
            kind=spec.type,
            rule=rule,
            to=spec.to,
            text=text,
            auto=auto,
            lang=lang,
            instead_of_public=converted,
        )

    def _write(self, rule: str, template: str, subject: _Subject) -> tuple[str, str] | None:
        """The draft's text and language; None (logged) where the template cannot be filled
        in for this author, or writes nothing for it. Only the template's own rendering is
        caught: a bug in the context must not pass for an author's odd name and quietly
        become a case."""
        context = self._context(subject.mention, subject.reading, subject.history)
        try:
            # Greeted in the language of the folder the draft is written from.
            text, lang = self.templates.render(
                template,
                subject.locale,
                context,
                lambda folder: {"time_greeting": time_greeting(subject.now, folder)},
            )
        except RENDER_ERRORS as exc:
            # The id and names only: the values that broke it are the author's.
            _LOGGER.warning(
                "mention %s: rule %r: template %r cannot be filled in (%s); draft skipped, "
                "the mention waits in a case for a person",
                subject.mention_id,
                rule,
                template,
                type(exc).__name__,
            )
            return None
        if not text:  # no branch taken wrote anything: an empty draft (`auto` would post it)
            _LOGGER.warning(
                "mention %s: rule %r: template %r writes nothing for this mention; draft "
                "skipped, the mention waits in a case for a person",
                subject.mention_id,
                rule,
                template,
            )
            return None
        return text, lang

    def locale(self, mention: Mention, lang: str) -> str:
        """The language of a reply to `mention`, whose reading says `lang` ("pt", "und"),
        with its region where the post tells it: the brand handle it mentions (`[playbooks]
        handle_locales`; also when the post is too short to tell its language, `und`), else
        the platform's tag ("pt-PT"), else the author's own words or server (`variants`:
        "telemóvel", "CTT", a .pt server); else `default_lang`'s region, for its language
        (`variants.in_doubt`); else `lang`, whose folder holds the shipped variant (Brazil's)."""
        # A post too short to tell its language ("@lumora_pt ???") is answered in the
        # language of the handle it writes to, not in default_lang.
        for pattern, locale in self._handle_locales:
            if lang in (_language(locale), "und") and pattern.search(mention.text):
                return locale
        tag = mention.lang or ""
        if "-" in tag and _language(tag) == lang:
            return variants.tag(tag)  # "pt-pt" → "pt-PT"
        if lang == "pt" and variants.european(mention.text, mention.author.handle):
            return "pt-PT"
        handle = mention.author.handle
        return variants.in_doubt(lang, self.templates.default_lang, mention.text, handle)

    def sample_context(self) -> dict[str, Any]:
        """What templates are checked with at load (an author "Sam Ple", a delivery complaint)."""
        return self._context(*_SAMPLE)

    def _context(self, mention: Mention, reading: Reading, history: History) -> dict[str, Any]:
        """The template's values; `time_greeting` is the draft's own (`_write`), and the
        longest one here, where start-up checks the templates' lengths."""
        return {
            **mention_values(mention, brand=self.brand.name),
            "time_greeting": LONGEST_TIME_GREETING,
            "reason": reading.reason,
            "frustration": reading.frustration,
            "past_cases": _CaseNumbers(history.past_cases),
            "open_cases": _CaseNumbers(history.open_cases),
            "returning": history.mentions_before > 0,
        }


class _CaseNumbers(list[str]):
    """Case numbers, written as people read them: `{{ past_cases }}` is "MD-000001, MD-000002",
    not the Python list "['MD-000001', 'MD-000002']"; a list to `join`, count and index."""

    def __str__(self) -> str:
        return ", ".join(self)


def _language(locale: str) -> str:
    return locale.split("-", 1)[0].lower()


@dataclass(frozen=True, slots=True)
class _Subject:
    """The mention a rule's actions are decided for, and what is known of it."""

    mention: Mention
    reading: Reading
    history: History
    locale: str  # of a reply (`Playbook.locale`)
    mention_id: object  # the stored mention's id, for log lines
    now: datetime  # when the drafts are written, in the desk's zone


@dataclass(frozen=True)
class _Skipped:
    """A draft its template could not write. It keeps its kind's place in `_dedupe`, so no
    later rule's draft of that kind (perhaps `auto = true`) goes out in its place: the
    earlier rule's draft won, and the mention now waits for a person instead."""

    kind: ActionKind


def _dedupe(planned: list[Action | _Skipped]) -> list[Action]:
    """One case and one draft of each kind per mention, whatever rules overlap; a skipped
    draft counts as its kind's one."""
    seen: set[tuple[ActionKind, str | None]] = set()
    unique = []
    for action in planned:
        single = action.kind in (ActionKind.OPEN_CASE, *_DRAFTS)
        key = (action.kind, None if single or isinstance(action, _Skipped) else action.to)
        if key not in seen:
            seen.add(key)
            if isinstance(action, Action):
                unique.append(action)
    return unique


def _as_sent(spec: ActionSpec, mention: Mention) -> tuple[ActionSpec, bool]:
    """The draft as it would be sent, and whether a public one became private: a
    followers-only or direct post is no public conversation, so its public reply is drafted
    as the private message it would be sent as (the desk shows it so, approval counts and
    checks it so), and a person approves it (no `auto`)."""
    if spec.type is ActionKind.DRAFT_PUBLIC and is_private_post(mention.visibility):
        return spec.model_copy(update={"type": ActionKind.DRAFT_PRIVATE, "auto": False}), True
    return spec, False
