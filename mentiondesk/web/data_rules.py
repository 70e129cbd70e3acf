"""The Playbooks page's counts: what each rule made in the last 7 days, and for a rule that
makes nothing (the shipped `spam` rule only stops the others), the mentions it matched.

"The last 7 days" is the dashboard's 7-day period (the calendar days up to today in the desk's
time zone, period.last_days), not the last 168 hours: a case counts on both pages or neither."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo

import sqlalchemy as sa

from mentiondesk.models import Author, Brand, History, Label, Mention, Reading
from mentiondesk.period import Period, last_days, within
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, MENTION, OUTBOX, READING
from playbooks.impostors import posing_as
from playbooks.rules import Rule, When

WEEK = 7  # days, as the dashboard's shortest period
# The reply's locale for a mention read in a language (Playbook.locale), for rules on a
# region ("pt-PT").
Locale = Callable[[Mention, str], str]


def fired_this_week(store: Store, *, now: datetime, zone: tzinfo = UTC) -> dict[str, Counter[str]]:
    """Per rule: cases opened, drafts written and alerts/tickets queued in the last 7 days."""
    period = last_days(now, WEEK, zone)
    counts: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        for table, what in ((CASE, "cases"), (DRAFT, "drafts")):
            stamp = table.c.opened_at if table is CASE else table.c.created_at
            query = (
                sa.select(table.c.rule, sa.func.count())
                .where(within(stamp, period))
                .group_by(table.c.rule)
            )
            for rule, n in conn.execute(query):
                counts.setdefault(rule, Counter())[what] += int(n)
        actions = conn.execute(
            sa.select(OUTBOX.c.kind, OUTBOX.c.payload).where(
                within(OUTBOX.c.created_at, period), OUTBOX.c.kind.in_(["alert", "ticket"])
            )
        )
        for kind, payload in actions:
            # The rule is in the action's context (a ticket's key names its case, not the rule).
            rule = json.loads(payload)["context"]["rule"]
            counts.setdefault(rule, Counter())[f"{kind}s"] += 1
    return counts


def matched_this_week(
    store: Store,
    rules: Sequence[Rule],
    *,
    now: datetime,
    locale: Locale,
    zone: tzinfo = UTC,
    brand: Brand | None = None,
) -> dict[str, int | None]:
    """Per rule with no actions: the mentions read in the last 7 days that reached it and
    matched it, checked again on their stored reading. None where that cannot be told again:
    the rule, or a stopping rule above it, looks at the author's earlier mentions. `brand`:
    the playbook's, whose possible impostors `author_impostor` matches (None: nobody)."""
    countable = _countable(rules)
    counts = {name: 0 for name, ok in countable.items() if ok}
    if counts:
        could_match = sa.or_(*(_could_match(r.when) for r in rules if r.name in counts))
        with store.engine.connect() as conn:
            for row in conn.execute(_readings_in(last_days(now, WEEK, zone)).where(could_match)):
                mention, reading = _replayed(row)
                impostor = brand is not None and posing_as(brand, mention) is not None
                for name in _reached_and_matched(rules, mention, reading, locale, impostor):
                    if name in counts:
                        counts[name] += 1
    return {name: counts.get(name) for name in countable}


def _countable(rules: Sequence[Rule]) -> dict[str, bool]:
    """Each rule with no actions → whether its matches can be counted again from readings."""
    found, blocked = {}, False
    for rule in rules:
        if not rule.actions:
            found[rule.name] = not blocked and not _needs_history(rule)
        blocked = blocked or (rule.stop and _needs_history(rule))
    return found


def _needs_history(rule: Rule) -> bool:
    return rule.when.returning_author is not None or rule.when.follow_up is not None


def _reached_and_matched(
    rules: Sequence[Rule], mention: Mention, reading: Reading, locale: Locale, impostor: bool
) -> list[str]:
    """The rules the playbook would have fired for this reading, in order, up to a stop."""
    fired, reply_locale = [], locale(mention, reading.lang)
    for rule in rules:
        if _needs_history(rule):
            if rule.stop:
                break  # nothing below it is counted (_countable)
            continue
        if rule.when.matches(mention, reading, History(), reply_locale, impostor=impostor):
            fired.append(rule.name)
            if rule.stop:
                break
    return fired


def _could_match(when: When) -> sa.ColumnElement[bool]:
    """A superset, in SQL, of the readings `when` matches: a busy week holds tens of thousands
    of readings, and only the few a rule could match (the spam rule: those tagged spam) need
    checking again in Python."""
    found: list[sa.ColumnElement[bool]] = []
    for values, column in (
        (when.label, READING.c.label),
        (_languages(when.lang), READING.c.lang),
        (when.platform, MENTION.c.platform),
        (when.reason, READING.c.reason),
    ):
        if values is not None:
            found.append(column.in_([str(v) for v in values]))
    if when.topic is not None:  # topics are stored comma-joined: any of them appearing
        found.append(sa.or_(*(READING.c.topics.contains(t, autoescape=True) for t in when.topic)))
    return sa.and_(sa.true(), *found)


def _languages(langs: list[str] | None) -> list[str] | None:
    """The languages read that `lang` could match: "pt-PT" is "pt" read, or "und" (too short
    to tell) where the post writes to a handle answered in pt-PT."""
    if langs is None:
        return None
    regional = any("-" in v for v in langs)
    return sorted({v.split("-")[0] for v in langs} | ({"und"} if regional else set()))


def _readings_in(period: Period) -> sa.Select[tuple[object, ...]]:
    return (
        sa.select(
            READING.c.label,
            READING.c.score,
            READING.c.lang,
            READING.c.topics,
            READING.c.reason,
            READING.c.frustration,
            READING.c.is_question,
            MENTION.c.platform,
            MENTION.c.text,
            MENTION.c.lang.label("tag"),
            AUTHOR.c.handle,
            AUTHOR.c.name,  # a possible impostor's (author_impostor)
            AUTHOR.c.followers,
        )
        .join(MENTION, MENTION.c.id == READING.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .where(within(READING.c.created_at, period))
    )


def _replayed(row: sa.Row[tuple[object, ...]]) -> tuple[Mention, Reading]:
    """The mention and reading as far as a rule's conditions, and the reply's locale (text,
    the platform's language tag, the author's server), look at them."""
    m = row._mapping
    followers = int(m["followers"] or 0)
    author = Author(id="", handle=str(m["handle"]), name=str(m["name"] or ""), followers=followers)
    mention = Mention(
        platform=str(m["platform"]),
        external_id="",
        author=author,
        text=str(m["text"]),
        created_at=datetime.now(UTC),
        lang=m["tag"],
    )
    reading = Reading(
        label=Label(m["label"]),
        score=float(m["score"]),
        lang=str(m["lang"]),
        topics=tuple(t for t in str(m["topics"] or "").split(",") if t),
        reason=m["reason"],
        frustration=int(m["frustration"]),
        is_question=bool(m["is_question"]),
    )
    return mention, reading
