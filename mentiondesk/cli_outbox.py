"""`mentiondesk outbox …` and `mentiondesk responders check`: what waits to be sent, and why."""

from __future__ import annotations

import asyncio
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from mentiondesk import audit, outbox_admin
from mentiondesk.alert_routing import digest_name
from mentiondesk.cli_common import ShowAtMost, config_errors, desk_zone, load, open_store, who
from mentiondesk.cli_outbox_hold import add_commands
from mentiondesk.cli_text import shown
from mentiondesk.config import Config
from mentiondesk.config_routing import able, refusal
from mentiondesk.models import Responder
from mentiondesk.pipeline import build_responders
from mentiondesk.store import Store
from mentiondesk.wording import counted

outbox_app = typer.Typer(
    help="Actions waiting to be delivered: list, retry, hold, look-first.", no_args_is_help=True
)
responders_app = typer.Typer(help="Chat, help-desk and posting sinks.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add these command groups to the main CLI."""
    add_commands(outbox_app)
    app.add_typer(outbox_app, name="outbox")
    app.add_typer(responders_app, name="responders")


@outbox_app.command("list")
def outbox_list(
    ctx: typer.Context,
    held: Annotated[
        bool, typer.Option("--held", help="Only held actions (need a person).")
    ] = False,
    limit: ShowAtMost = 100,
) -> None:
    """Pending and held actions with their last error, the longest waiting first."""
    statuses = ("held",) if held else ("pending", "held")
    config = load(ctx)
    store, zone = open_store(config), desk_zone(config)
    rows = outbox_admin.waiting(store, statuses=statuses, limit=limit)
    table = Table(title=_title(len(rows), outbox_admin.counts(store), held_only=held))
    columns = ("id", "status", "kind", "to", "for", "tries", f"next try ({zone})", "last error")
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.id),
            "[red]held[/]" if r.status == "held" else r.status,
            r.kind,
            shown(r.target),
            _about(r),
            str(r.attempts),
            r.next_attempt_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
            shown(r.last_error or "—"),
        )
    out.print(table)


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


@outbox_app.command("retry")
def outbox_retry(
    ctx: typer.Context,
    outbox_id: Annotated[
        int, typer.Argument(metavar="ID", help="The action's id, as in `outbox list`.")
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME",
            help="Send a held action to this configured responder instead (one that can take it).",
        ),
    ] = None,
) -> None:
    """Make a pending or held action due now (a held one is released).

    It does not send it itself: a running `mentiondesk run` sends it at its next outbox pass
    (every outbox.poll_seconds, 1 s by default); with none running, the next run does.
    """
    config = load(ctx)
    store = open_store(config)
    row = outbox_admin.stored(store, outbox_id)
    if row is None or row.status not in ("pending", "held"):
        _refuse(f"no pending or held action with id {outbox_id}")
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    fit = able(kinds, row.kind, row.platform)
    if to is not None:
        _retarget(store, row, to, kinds, fit)
    else:
        _release(store, row, _targets(config, kinds), fit)
    audit.record_resend(
        store,
        who(),
        key=row.key,
        case_id=row.case_id,
        held=row.status == "held",
        last_error=row.last_error,
        to=to,
    )
    every = config.settings.outbox.poll_seconds
    err.print(
        f"action {outbox_id} is due now: a running `mentiondesk run` sends it within {every:g} s; "
        "with none running, the next `mentiondesk run` does",
        markup=False,
        highlight=False,
    )


def _targets(config: Config, kinds: dict[str, str]) -> set[str]:
    """Where an action can go now: a configured responder or an alert route's digest."""
    routes = config.settings.routing.alert_routes
    return {*kinds, *(digest_name(r) for r in routes if r.digest_minutes)}


def _release(store: Store, row: outbox_admin.Stored, targets: set[str], fit: list[str]) -> None:
    if row.target not in targets:
        _refuse(
            f"action {row.id} goes to {row.target!r}, which is no longer configured: retrying "
            f"would only hold it again; send it elsewhere with --to NAME ({_names(fit)})"
        )
    if not outbox_admin.retry(store, row.id):
        _refuse(f"no pending or held action with id {row.id}")


def _retarget(
    store: Store, row: outbox_admin.Stored, to: str, kinds: dict[str, str], fit: list[str]
) -> None:
    if to not in kinds:
        _refuse(
            f"no responder is named {to!r}; use one that can take this {row.kind}: {_names(fit)}"
        )
    if why := refusal(kinds[to], row.kind, row.platform):
        _refuse(f"{to!r} (kind {kinds[to]}) {why}; use one of: {_names(fit)}")
    try:
        key = outbox_admin.retarget(store, row.id, to)
    except outbox_admin.Refused as exc:
        _refuse(str(exc))
    err.print(f"action {row.id} now goes to {to} (key {key})", markup=False, highlight=False)


def _names(fit: list[str]) -> str:
    return ", ".join(fit) or "none is configured: add a [[responders]] table that can"


def _refuse(message: str) -> NoReturn:
    err.print(message, markup=False, highlight=False)
    raise typer.Exit(1)


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
