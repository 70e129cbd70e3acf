"""`drafts reject` for many drafts at once (a recall gone viral: hundreds of apologies drafted
for retweets): chosen by filters or ids, shown and counted first, rejected only with --yes.

There is no bulk approve, on purpose: the drafts a crisis leaves waiting are mostly the public
`auto` replies past `[playbooks] auto_reply_daily_cap`, made to wait because their author had
that reply already today; hundreds of one text posted at once is what the platforms' spam
rules suspend accounts for, and the outbox's pacing spaces the requests, not the sameness.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from mentiondesk import drafts_bulk
from mentiondesk.cli_common import err, load, open_existing_store, who
from mentiondesk.cli_render import progress
from mentiondesk.cli_text import cli_safe, shown
from mentiondesk.drafts_bulk import Filters, Match
from mentiondesk.store import Store
from mentiondesk.tables import parse_case_number
from mentiondesk.wording import counted

_LOGGER = logging.getLogger(__name__)
_SHOWN = 10  # drafts listed before acting: enough to see what the filters caught
_PREVIEW = 40  # characters of a draft's text in that list: a glance, never the post


def _age(text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        return drafts_bulk.parse_age(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--older-than'") from None


def _case(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_case_number(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--case'") from None


def filters(
    ids: list[int] | None,
    rule: str | None,
    platform: str | None,
    lang: str | None,
    public: bool | None,
    older_than: str | None,
    case: str | None,
) -> Filters:
    kind = None if public is None else "public" if public else "private"
    return Filters(
        ids=tuple(dict.fromkeys(ids or ())),
        rule=rule,
        platform=platform,
        lang=lang,
        kind=kind,
        older_than=_age(older_than),
        case_id=_case(case),
    )


def reject_many(ctx: typer.Context, wanted: Filters, *, yes: bool, out: Console) -> None:
    """Several ids or any filter: show what they match, and reject it only with --yes. Exit
    1 when a draft named or matched was left (decided or edited by someone since, or not
    pending)."""
    if not wanted.chosen():
        raise typer.BadParameter(
            "name the drafts: ids, or a filter (--rule, --platform, --lang, --public or "
            "--private, --older-than, --case); `drafts list` shows them",
            param_hint="'ID…'",
        )
    store = open_existing_store(load(ctx))
    try:
        _reject(store, wanted, yes=yes, out=out)
    finally:
        store.dispose()


def one_id(wanted: Filters) -> int | None:
    """The id, where one alone was given with no filter: the single command of old."""
    return wanted.ids[0] if len(wanted.ids) == 1 and wanted == Filters(ids=wanted.ids) else None


def _reject(store: Store, wanted: Filters, *, yes: bool, out: Console) -> None:
    if wanted.rule is not None and not drafts_bulk.rule_known(store, wanted.rule):
        rules = ", ".join(drafts_bulk.pending_rules(store)) or "none"
        raise typer.BadParameter(
            f"no draft was ever made by a rule {cli_safe(wanted.rule)!r}; "
            f"pending drafts come from: {rules}",
            param_hint="'--rule'",
        )
    found = drafts_bulk.matching(store, wanted)
    matched = {d.id for d in found}
    left = [i for i in wanted.ids if i not in matched]
    if not found:
        if not left:
            out.print("No pending draft matches: nothing rejected.")
        _say_left(left)
        raise typer.Exit(1 if left else 0)
    if not yes:
        _preview(found, out)
        out.print(
            f"Nothing rejected yet: add --yes to reject {counted(len(found), 'draft')}.",
            highlight=False,
        )
        _say_left(left)
        raise typer.Exit(1 if left else 0)
    with progress(err, "Rejecting drafts") as advance:
        done = drafts_bulk.reject_each(store, found, by=who(), advance=advance)
    skipped = sum(len(ids) for ids in done.skipped.values())
    _LOGGER.info("drafts reject: %d rejected, %d skipped", len(done.done), skipped)
    if len(found) == 1 and not skipped and not left:
        out.print(f"Draft {found[0].id} rejected.")  # the single command's words
        return
    out.print(f"Rejected {counted(len(done.done), 'draft')}.", highlight=False)
    for why, ids in done.skipped.items():
        err.print(
            f"Skipped {counted(len(ids), 'draft')}, {why} (left as they are): {_ids(ids)}",
            highlight=False,
        )
    _say_left(left)
    if skipped or left:
        raise typer.Exit(1)


def _say_left(left: list[int]) -> None:
    if left:
        err.print(
            f"Not pending, no such draft, or outside the filters: {_ids(left)}", highlight=False
        )


def _ids(ids: list[int], most: int = 20) -> str:
    listed = ", ".join(str(i) for i in ids[:most])
    return listed + (f" and {len(ids) - most:,} more" if len(ids) > most else "")


def _preview(found: list[Match], out: Console) -> None:
    """How many match, by rule, and the oldest few: id, case, platform, rule, kind, language,
    age and the start of the text (escaped: a post's words are a stranger's)."""
    by_rule: dict[str, int] = {}
    for d in found:
        by_rule[d.rule] = by_rule.get(d.rule, 0) + 1
    out.print(f"{counted(len(found), 'pending draft')} match.", highlight=False)
    rules = ", ".join(f"{shown(rule)} {n:,}" for rule, n in by_rule.items())
    out.print(f"By rule: {rules}", highlight=False)
    first = f"The oldest {_SHOWN}" if len(found) > _SHOWN else "They are"
    table = Table(title=f"{first}:", title_justify="left")
    for column in ("id", "case", "platform", "rule", "kind", "lang", "age", "text"):
        table.add_column(column, overflow="fold")
    now = datetime.now(UTC)
    for d in found[:_SHOWN]:
        table.add_row(*_row(d, now))
    out.print(table)


def _row(d: Match, now: datetime) -> list[Any]:
    text = cli_safe(d.text)
    short = text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
    cells = (d.case or "—", d.platform, d.rule, d.kind, d.lang)
    return [str(d.id), *(shown(c) for c in cells), _ago(now - d.created_at), shown(short)]


def _ago(age: timedelta) -> str:
    minutes = max(int(age.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h"
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
