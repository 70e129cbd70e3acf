"""Decides, purely, which actions a mention gets from an ordered list of rules."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from mentiondesk.models import (
    Action,
    ActionKind,
    Brand,
    History,
    Mention,
    Reading,
    has_private_messages,
    is_private_post,
)
from playbooks import drafting, variants
from playbooks.drafting import DRAFTS, NAMELESS, SAMPLE, Skipped, Subject, TooLong, dedupe
from playbooks.impostors import posing_as
from playbooks.rules import ActionSpec, Rule
from playbooks.templates import Templates

_LOGGER = logging.getLogger(__name__)


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
        too_long: TooLong | None = None,
        at_work: Callable[[datetime], bool] | None = None,
    ) -> None:
        """`timezone`: the desk's, whose hour `{{ time_greeting }}` follows; `clock`: the
        time a draft is written (now, by default); `too_long`: why a public reply to a
        mention is longer than its platform takes (None: it fits), which an `auto` draft
        must not be, as nobody reads it before it goes (the glue's platform limits);
        `at_work`: whether the team works at a moment (`[desk] business_hours`), which
        `{{ after_hours }}` says; None: no working week, and no template may read it."""
        self.rules = list(rules)
        self.at_work = at_work
        self._too_long = too_long
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
            drafting.check(templates, rule, self.origins.get(rule.name), self._samples)

    def where(self, rule: Rule) -> str:
        """The file `rule` was read from, to begin an error with; "playbooks" if unknown."""
        return str(self.origins.get(rule.name, "playbooks"))

    def decide(
        self, mention: Mention, reading: Reading, history: History, *, mention_id: object = "?"
    ) -> list[Action]:
        """The actions for `mention`; pure: no I/O beyond reading cached templates (and a
        warning naming `mention_id`, the stored mention's id, for a draft skipped)."""
        planned: list[Action | Skipped] = []
        # A rule whose draft was skipped opens a case for a person, after any a rule opens.
        fallback: list[Action] = []
        locale = self.locale(mention, reading.lang)
        now = self._clock().astimezone(self.timezone)
        after_hours = self.at_work is not None and not self.at_work(now)
        subject = Subject(mention, reading, history, locale, mention_id, now, after_hours)
        impostor = posing_as(self.brand, mention) is not None  # a fake "support" account?
        for rule in self.rules:
            if not rule.when.matches(mention, reading, history, locale, impostor=impostor):
                continue
            specs = rule.actions
            if is_private_post(mention.visibility):
                # Its public reply becomes a private message: the rule's own goes first, so
                # it is the one kept (dedupe), written for a private conversation.
                specs = sorted(specs, key=lambda s: s.type is ActionKind.DRAFT_PUBLIC)
            done = [self._action(s, rule=rule.name, subject=subject) for s in specs]
            planned += done
            if any(isinstance(a, Skipped) for a in done):
                fallback.append(Action(kind=ActionKind.OPEN_CASE, rule=rule.name))
            if rule.stop:
                break
        return dedupe([*planned, *fallback])

    def _action(self, spec: ActionSpec, *, rule: str, subject: Subject) -> Action | Skipped:
        """The action `spec` says; Skipped for a draft that cannot be written (`draft`), or
        a private message on a platform that has none (Hacker News)."""
        if spec.type not in DRAFTS:
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
            return Skipped(spec.type)
        return drafting.draft(
            self.templates,
            spec,
            rule=rule,
            subject=subject,
            context=lambda: {
                **self._context(subject.mention, subject.reading, subject.history),
                **({"after_hours": subject.after_hours} if self.at_work else {}),
            },
            converted=converted,
            too_long=self._too_long,
        )

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
        return self._context(*SAMPLE)

    def _samples(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The values templates are checked with at load: "Sam Ple", and a nameless author."""
        return self._context(*SAMPLE), self._context(*NAMELESS)

    def _context(self, mention: Mention, reading: Reading, history: History) -> dict[str, Any]:
        """The template's values (`drafting.values`), for the brand; `after_hours` (false,
        a draft's own set by `decide`) only where the team's working week is known: else a
        template reading it is refused."""
        context = drafting.values(mention, reading, history, self.brand.name)
        if self.at_work is not None:
            context["after_hours"] = False
        return context


def _language(locale: str) -> str:
    return locale.split("-", 1)[0].lower()


def _as_sent(spec: ActionSpec, mention: Mention) -> tuple[ActionSpec, bool]:
    """The draft as it would be sent, and whether a public one became private: a
    followers-only or direct post is no public conversation, so its public reply is drafted
    as the private message it would be sent as (the desk shows it so, approval counts and
    checks it so), and a person approves it (no `auto`)."""
    if spec.type is ActionKind.DRAFT_PUBLIC and is_private_post(mention.visibility):
        return spec.model_copy(update={"type": ActionKind.DRAFT_PRIVATE, "auto": False}), True
    return spec, False
