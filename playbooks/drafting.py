"""Writes the drafts a playbook's rules decide on: a template filled in for one mention, or
skipped where it cannot be; and keeps one case and one draft of each kind per mention."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Template

from mentiondesk.models import (
    Action,
    ActionKind,
    ConfigError,
    History,
    Label,
    Mention,
    Reading,
    can_post,
)
from playbooks.placeholders import (
    LONGEST_TIME_GREETING,
    SAMPLE_MENTION,
    SAMPLE_NAMELESS,
    SAMPLE_OPENED_AT,
    case_opened,
    mention_values,
    time_greeting,
)
from playbooks.problems import action_at
from playbooks.rules import ActionSpec, Rule
from playbooks.template_samples import RENDER_ERRORS, check_samples
from playbooks.templates import Templates

# The Playbook's logger: its skipped-draft lines keep the name they have always had.
_LOGGER = logging.getLogger("playbooks.engine")
# What templates are rendered with at start-up, to find broken ones before a mention does.
SAMPLE = (
    SAMPLE_MENTION,
    Reading(label=Label.NEGATIVE, score=1.0, lang="en", reason="delivery", frustration=2),
    History(past_cases=("MD-000001",), mentions_before=1),
)
# And for an author with no readable name, whose drafts must not fail either.
NAMELESS = (SAMPLE_NAMELESS, *SAMPLE[1:])
# Neither joins a case: a follow-up's does, with another case open and one resolved lately, so
# the text `{% if case_opened %}` and `{% if open_cases %}` write is rendered and measured too,
# with the longest realistic values (start-up would otherwise never see it).
FOLLOW_UP = History(
    past_cases=("MD-000001", "MD-000002", "MD-000003"),
    open_cases=("MD-000002", "MD-000003"),
    mentions_before=3,
    negative_before=2,
    joins_case="MD-000003",
    joins_case_opened_at=SAMPLE_OPENED_AT,
)
# How a length problem found with each sample is worded (`measured`).
NO_CASE = "even for a short name"
JOINS_CASE = "for a post that joins an open case ({{ case_opened }}, {{ open_cases }} set)"
# The values of both, built only for a rule that drafts.
Samples = Callable[[], tuple[dict[str, Any], dict[str, Any]]]
# Why a public reply's text is too long for the mention's platform, as it counts it; None if
# it fits (the glue's platform limits: playbooks know no platform's counting).
TooLong = Callable[[Mention, str], str | None]
DRAFTS = (ActionKind.DRAFT_PRIVATE, ActionKind.DRAFT_PUBLIC)


@dataclass(frozen=True, slots=True)
class Subject:
    """The mention a rule's actions are decided for, and what is known of it."""

    mention: Mention
    reading: Reading
    history: History
    locale: str  # of a reply (`Playbook.locale`)
    mention_id: object  # the stored mention's id, for log lines
    now: datetime  # when the drafts are written, in the desk's zone
    after_hours: bool = False  # written outside `[desk] business_hours` (`{{ after_hours }}`)


@dataclass(frozen=True)
class Skipped:
    """A draft its template could not write. It keeps its kind's place in `dedupe`, so no
    later rule's draft of that kind (perhaps `auto = true`) goes out in its place: the
    earlier rule's draft won, and the mention now waits for a person instead."""

    kind: ActionKind


def check(templates: Templates, rule: Rule, origin: Path | None, samples: Samples) -> None:
    """Render each template `rule` drafts with the values of `SAMPLE` and `NAMELESS`, and
    again for a post that joins a case (`following_up`); ConfigError naming the file, rule
    and key, so a misspelt template name is found in a file of many rules."""
    for index, spec in enumerate(rule.actions):
        if not spec.template:
            continue
        sample, nameless = samples()
        try:
            templates.check(spec.template, sample, nameless, _follow_up(sample, nameless))
        except ConfigError as exc:
            where = f"{origin or 'playbooks'}: {action_at(rule.name, index)}"
            raise ConfigError(f"{where}: template: {exc}") from None


def _follow_up(sample: dict[str, Any], nameless: dict[str, Any]) -> Callable[[Template], None]:
    """A template rendered for a follow-up too: inside `{% if case_opened %}`, a mistake such
    as `{{ case_opened.strftime("%d/%m") }}` (it is text) fails only there. Its variables and
    syntax are the same as for the other samples, checked once (Templates.check)."""
    follow_up, follow_up_nameless = following_up(sample), following_up(nameless)

    def rendered(template: Template) -> None:
        try:
            check_samples(template, follow_up, follow_up_nameless)
        except ValueError as exc:
            raise type(exc)(f"{exc} ({JOINS_CASE})") from None

    return rendered


def following_up(context: Mapping[str, Any], folder: str = "en") -> dict[str, Any]:
    """A sample's `context` for a post that joins an open case (`FOLLOW_UP`), its date written
    as `folder`'s language writes one; written after hours, where templates can tell, so the
    text `{% if after_hours %}` adds is rendered and measured at start-up too."""
    late = {"after_hours": True} if "after_hours" in context else {}
    return {**context, **_case_values(FOLLOW_UP, folder), **late}


def measured(context: Mapping[str, Any], folder: str) -> list[tuple[str, dict[str, Any]]]:
    """What start-up measures a template in `folder` with against its platforms' limits, each
    with how a problem found with it is worded: the sample `context`, which joins no case,
    then the same for a follow-up (`following_up`)."""
    return [(NO_CASE, dict(context)), (JOINS_CASE, following_up(context, folder))]


def draft(
    templates: Templates,
    spec: ActionSpec,
    *,
    rule: str,
    subject: Subject,
    context: Callable[[], dict[str, Any]],
    converted: bool,
    too_long: TooLong | None = None,
) -> Action | Skipped:
    """The draft `spec` writes with `context`'s values; Skipped where its template cannot
    write for this author (both start-up samples passed, this mention's values did not).
    An `auto` one `too_long` finds too long for its platform waits for a person."""
    if spec.template is None:  # ActionSpec's validation makes every draft name one
        raise ConfigError(f"rule {rule!r}: a {spec.type.value} action names no template")
    written = _write(templates, rule, spec.template, subject, context())
    if written is None:
        return Skipped(spec.type)
    text, lang = written
    # Where nothing can be posted (Hacker News), an automatic reply waits for a person.
    auto = spec.auto and can_post(subject.mention.platform)
    if auto and too_long and (why := too_long(subject.mention, text)):
        auto = _held_for_length(subject, rule, spec.template, why)
    return Action(
        kind=spec.type,
        rule=rule,
        to=spec.to,
        text=text,
        auto=auto,
        lang=lang,
        instead_of_public=converted,
    )


def _write(
    templates: Templates, rule: str, template: str, subject: Subject, context: dict[str, Any]
) -> tuple[str, str] | None:
    """The draft's text and language; None (logged) where the template cannot be filled
    in for this author, or writes nothing for it. Only the template's own rendering is
    caught: a bug in the context must not pass for an author's odd name and quietly
    become a case."""
    try:
        # Greeted, and the case's date written, in the language of the folder the draft is
        # written from; the day in the desk's zone, which `now` is in.
        opened = subject.history.joins_case_opened_at
        text, lang = templates.render(
            template,
            subject.locale,
            context,
            lambda folder: {
                "time_greeting": time_greeting(subject.now, folder),
                "case_opened": case_opened(opened, folder, subject.now.tzinfo or UTC),
            },
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


def _held_for_length(subject: Subject, rule: str, template: str, why: str) -> bool:
    """False, logged: an `auto` reply the platform would refuse (start-up measured its
    template for a short sample name; this author's name or handle is longer) waits for a
    person, who can shorten it, instead of being sent and held by the platform."""
    _LOGGER.warning(
        "mention %s: rule %r: template %r is too long for %s for this author (%s); the "
        "auto reply waits for a person to shorten and approve it",
        subject.mention_id,
        rule,
        template,
        subject.mention.platform,
        why,
    )
    return False


def values(mention: Mention, reading: Reading, history: History, brand: str) -> dict[str, Any]:
    """A template's values; `time_greeting` and `case_opened` are the draft's own, in its
    language (`_write`): here the longest greeting, where start-up checks the templates'
    lengths, and the date in English. `case` and `case_opened` are "" for a post that joins
    no case."""
    return {
        **mention_values(mention, brand=brand),
        "time_greeting": LONGEST_TIME_GREETING,
        "reason": reading.reason,
        "frustration": reading.frustration,
        **_case_values(history, "en"),
    }


def _case_values(history: History, lang: str) -> dict[str, Any]:
    """What a template says of the author's cases; the date in `lang`, on UTC's day."""
    return {
        "past_cases": _CaseNumbers(history.past_cases),
        "open_cases": _CaseNumbers(history.open_cases),
        "returning": history.mentions_before > 0,
        "case": history.joins_case or "",
        "case_opened": case_opened(history.joins_case_opened_at, lang, UTC),
    }


class _CaseNumbers(list[str]):
    """Case numbers, written as people read them: `{{ past_cases }}` is "MD-000001, MD-000002",
    not the Python list "['MD-000001', 'MD-000002']"; a list to `join`, count and index."""

    def __str__(self) -> str:
        return ", ".join(self)


def dedupe(planned: list[Action | Skipped]) -> list[Action]:
    """One case and one draft of each kind per mention, whatever rules overlap; a skipped
    draft counts as its kind's one."""
    seen: set[tuple[ActionKind, str | None]] = set()
    unique = []
    for action in planned:
        single = action.kind in (ActionKind.OPEN_CASE, *DRAFTS)
        key = (action.kind, None if single or isinstance(action, Skipped) else action.to)
        if key not in seen:
            seen.add(key)
            if isinstance(action, Action):
                unique.append(action)
    return unique
