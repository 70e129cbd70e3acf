"""`mentiondesk outbox …` and `mentiondesk responders check`: what waits to be sent, and why."""

from __future__ import annotations

import asyncio
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from mentiondesk import cli_json, outbox_admin
from mentiondesk.cli_common import ShowAtMost, config_errors, desk_zone, load, open_store
from mentiondesk.cli_outbox_hold import add_commands
from mentiondesk.cli_outbox_retry import outbox_retry
from mentiondesk.cli_text import cli_safe, print_wrapped, shown
from mentiondesk.cli_values import FormatOption
from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.models import Responder
from mentiondesk.outbox_drain import was_paced
from mentiondesk.outbox_old_holds import todays_words
from mentiondesk.plugins import build_responders
from mentiondesk.run_waits import left_waiting
from mentiondesk.store import Store
from mentiondesk.tables import WAITING
from mentiondesk.wording import counted

outbox_app = typer.Typer(
    help="Actions waiting to be delivered: list, retry, hold, drop, look-first.",
    no_args_is_help=True,
)
responders_app = typer.Typer(help="Chat, help-desk and posting sinks.", no_args_is_help=True)
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)
# The commands the held list ends with, each kept whole on a line (cli_text.wrapped).
_RETRY = "mentiondesk outbox retry ID…"
_DROP = "mentiondesk outbox drop ID… --reason"


def register(app: typer.Typer) -> None:
    """Add these command groups to the main CLI."""
    add_commands(outbox_app)
    outbox_app.command("retry")(outbox_retry)
    app.add_typer(outbox_app, name="outbox")
    app.add_typer(responders_app, name="responders")


@outbox_app.command("list")
def outbox_list(
    ctx: typer.Context,
    held: Annotated[
        bool, typer.Option("--held", help="Only held actions (need a person).")
    ] = False,
    limit: ShowAtMost = 100,
    format: FormatOption = "text",
) -> None:
    """Pending and held actions with their last error, the longest waiting first.
    --format json: for a script (docs/cli.md has its keys)."""
    statuses = ("held",) if held else WAITING
    config = load(ctx)
    store, zone = open_store(config, reading=True), desk_zone(config)
    rows = outbox_admin.waiting(store, statuses=statuses, limit=limit)
    if format == "json":
        cli_json.write(cli_json.outbox(rows, outbox_admin.counts(store)))
        return
    title = f"{_title(len(rows), outbox_admin.counts(store), held_only=held)} · times in {zone}"
    table = Table(title=title)
    for column in ("id", "status", "kind", "to", "for", "tries", "next try"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.id),
            "[red]held[/]" if r.status == "held" else r.status,
            r.kind,
            shown(r.target),
            _about(r),
            str(r.attempts),
            _next_try(r, zone),
        )
    out.print(table)
    if not held:
        _paced_lines(store)
    _last_errors(rows, todays_words(store, rows))
    if any(r.status == "held" for r in rows):
        print_wrapped(
            out,
            f"Release held ones once their cause is fixed: {_RETRY} (or --all-held); drop one "
            f"that can never go: {_DROP}",
            keep=(_RETRY, _DROP),
        )


def _next_try(row: outbox_admin.Waiting, zone: ZoneInfo) -> str:
    """When the worker tries it next; "—" for a held action, never tried until released."""
    if row.status == "held":
        return "—"
    return row.next_attempt_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _last_errors(rows: list[outbox_admin.Waiting], today: dict[int, str]) -> None:
    """Each action's last error on a line of its own under the table: in a column of their
    own they were folded into slivers at 80 columns. `today`: a held follow-up's, as a retry
    would say it now (outbox_old_holds), not as the release that held it did."""
    failed = [r for r in rows if r.last_error and not _paced(r)]
    if failed:
        out.print("Last errors:", highlight=False)
    for r in failed:
        error = today.get(r.id, r.last_error or "")
        if r.status == "pending" and error.startswith(PERSON_HELD):  # released since
            error = f"released, waiting for its try (it was {error})"
        # Wrapped between words, never inside a command its hint gives ("`… --to DESK`").
        print_wrapped(out, f"{r.id}: {cli_safe(error)}", indent="  ", hang="    ")


def _paced(row: outbox_admin.Waiting) -> bool:
    """Set aside for its turn under its chat's pace (outbox_drain.was_paced): nothing failed."""
    return row.status == "pending" and was_paced(row.last_error)


def _paced_lines(store: Store) -> None:
    """One line per chat for the actions only waiting their turn at its pace, however many
    the table shows: on a crisis day thousands of "not tried: paced" lines under "Last
    errors:" read as a chat failing (run_waits.Left.paced, as `run`'s summary says them)."""
    for w in left_waiting(store).paced:
        out.print(f"{w.what()} queued for {shown(w.target)} at its pace: none failed")


def _about(row: outbox_admin.Waiting) -> str:
    """The case and the mention an action is for, one a line (an 80-column terminal has no
    room for a column each): "MD-000019" over "mention 42"; "—" for neither (a digest)."""
    mention = None if row.mention_id is None else f"mention {row.mention_id}"
    return "\n".join(x for x in (row.case, mention) if x) or "—"


def _title(shown: int, counts: dict[str, int], *, held_only: bool) -> str:
    """'3 waiting, 1 held' (held ones are not retried until someone says so), or 'showing
    100 of 150: …' when --limit cut the list."""
    if held_only:
        total, what = counts["held"], counted(counts["held"], "held action")
    else:
        total = counts["pending"] + counts["held"]
        what = f"{counts['pending']:,} waiting, {counts['held']:,} held"
    return what if shown >= total else f"showing {shown:,} of {total:,}: {what}"


@responders_app.command("check")
def responders_check(ctx: typer.Context) -> None:
    """Try each sink's URL and token (without posting) and say which one is wrong."""
    config = load(ctx, secrets=True)
    with config_errors():
        responders = build_responders(config)
    results = asyncio.run(_check_and_close(responders))
    for r in results:
        mark = {True: "[green]✓[/]", False: "[red]✗[/]", None: "[yellow]–[/]"}[r.ok]
        out.print(f"{mark} {shown(r.name)}: {shown(r.detail)}")
    if any(r.ok is False for r in results):
        raise typer.Exit(1)


async def _check_and_close(responders: dict[str, Responder]) -> list[outbox_admin.CheckResult]:
    try:
        return await outbox_admin.check_responders(responders)
    finally:
        for responder in responders.values():
            await responder.close()
