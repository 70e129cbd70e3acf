"""`mentiondesk sources check`: does each configured source's login and endpoint work, and
how did the running workers last record it (cli_sources_recorded)?"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mentiondesk import cli_json, cli_sources_json, registry
from mentiondesk.cli_common import config_errors, desk_zone
from mentiondesk.cli_sources_recorded import recorded_lines
from mentiondesk.cli_sources_restarts import HEADING, restarted_lines
from mentiondesk.cli_sources_words import NO_ANSWER, NOTHING, detail_words, rate_limit_words
from mentiondesk.cli_text import cli_safe
from mentiondesk.cli_values import FormatOption
from mentiondesk.config import Config, load_config
from mentiondesk.models import ConfigError, SourceStatus

sources_app = typer.Typer(help="Inspect the configured sources.", no_args_is_help=True)
_CHECK_TIMEOUT = 30.0


NO_SOURCES = "none"
_FAILED = "Check failed (exit 1)"


def polled_sources(config: Config, names: str | None) -> Config:
    """The config with only the sources `run --sources` names ("none": poll nothing; this
    worker only reads, decides and delivers what others stored)."""
    if names is None:
        return config
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if wanted == [NO_SOURCES]:
        return dataclasses.replace(config, sources=())
    known = {(c.name or c.kind): c for c in config.sources}
    if NO_SOURCES in wanted and NO_SOURCES not in known:  # "none,x": which was meant?
        raise ConfigError(
            f"--sources: {NO_SOURCES!r} polls no source, so it goes alone; give it alone, "
            f"or the names of the sources to poll ({', '.join(known)})"
        )
    unknown = [n for n in wanted if n not in known]
    if unknown or not wanted:
        raise ConfigError(
            f"--sources: no source named {', '.join(unknown) or repr(names)} in the config; "
            f"use names from its [[sources]] tables ({', '.join(known)}) or {NO_SOURCES!r}"
        )
    return dataclasses.replace(config, sources=tuple(known[n] for n in dict.fromkeys(wanted)))


@sources_app.command("check")
def check(ctx: typer.Context, format: FormatOption = "text") -> None:
    """Probe each source's login and endpoint, with what the workers last recorded.

    For each source: do credentials and the endpoint work, what is its rate-limit state, and
    what the running workers last recorded of it (a source they stopped for good).

    Exit status, for a monitoring cron: 1 when any source fails its probe, or when the store
    says nothing reads one now: a running worker stopped it or has failed it for minutes
    (/healthz "degraded"), no worker reads it since the last was killed, or the running
    workers do not poll it (added to the config after they started); or when the store
    cannot be read; or when a stage of any running worker (a poller, the processor, the outbox)
    keeps crashing: 5 restarts in the last hour, one in the last 10 minutes. The last line
    names each. 0 otherwise: rate limits, a blip, a clean stop
    and a desk whose worker has not run yet are no failure. 2: the config is wrong.
    With --format json: each source's status, problem and fix, the same exit status; a
    config problem is on stdout too (`ok` false, `exit_status` 2, `problems` by key).
    """
    as_json = format == "json"
    with config_errors(), cli_sources_json.problems_as_json(str(ctx.obj), as_json):
        config = load_config(ctx.obj, secrets=True)
        statuses = asyncio.run(check_all(config))
    if as_json:
        data = cli_sources_json.checked(config, statuses)
        cli_json.write(data)
        raise typer.Exit(data["exit_status"])
    console = Console(emoji=False)
    console.print(_table(config, statuses))
    # Under the table, whole: a sixth column would cut the probe's details at 80 columns.
    console.print("Recorded by the running workers:", highlight=False)
    recorded = recorded_lines(config, [s.name for s in statuses], desk_zone(config))
    for line in recorded.lines:
        console.print(Text(cli_safe(line)), soft_wrap=True)  # a reason: a server's words
    restarted = restarted_lines(config, desk_zone(config))  # any worker's, desk or none
    if restarted.lines:
        console.print(HEADING, highlight=False)
        for line in restarted.lines:
            console.print(Text(cli_safe(line)), soft_wrap=True)
    failed = [f"{s.name} (its probe failed)" for s in statuses if not s.ok] + recorded.unread
    failed += restarted.crashing
    if failed:  # the last line, for the mail a monitoring cron sends: what made it exit 1
        console.print(Text(cli_safe(f"{_FAILED}: {'; '.join(failed)}")), soft_wrap=True)
        raise typer.Exit(1)


async def check_all(config: Config) -> list[SourceStatus]:
    """Check every source concurrently; one that hangs or breaks is reported, not raised."""
    return list(await asyncio.gather(*(_check_one(c, config) for c in config.sources)))


async def _check_one(source_config: Any, config: Config) -> SourceStatus:
    name = source_config.name or source_config.kind
    try:
        cls = registry.load("sources", source_config.kind)
        source = cls.from_config(source_config, config.context)
    except Exception as exc:  # a plugin that cannot even be built is what the operator must see
        return SourceStatus(name, False, f"cannot build: {type(exc).__name__}: {exc}")
    try:
        probe = getattr(source, "check", None)
        if probe is None:
            return SourceStatus(name, True, "no check available for this kind")
        status: SourceStatus = await asyncio.wait_for(probe(), _CHECK_TIMEOUT)
        return status
    except TimeoutError:
        return SourceStatus(name, False, f"{NO_ANSWER} {_CHECK_TIMEOUT:.0f} s")
    except Exception as exc:
        return SourceStatus(name, False, f"{type(exc).__name__}: {exc}")
    finally:
        await source.close()


def _table(config: Config, statuses: list[SourceStatus]) -> Table:
    kinds = {(c.name or c.kind): c.kind for c in config.sources}
    zone = desk_zone(config)  # reset times as every other command shows times
    limits = [cli_safe(rate_limit_words(s, zone)) for s in statuses]
    # No rate-limit column where no source has a word for it (none reached): its room goes
    # to the details, which say what to check.
    columns = ["source", "kind", "status", "detail"]
    columns += ["rate limit"] if any(said not in ("", NOTHING) for said in limits) else []
    table = Table(title="Sources")
    # Folded, not cut with "…": a source's name, or the host and port ending the detail, are
    # what the engineer checks, and a narrow terminal cut them off.
    for column in columns:
        table.add_column(column, overflow="fold")
    for s, limit in zip(statuses, limits, strict=True):
        mark = Text("ok", style="green") if s.ok else Text("FAIL", style="bold red")
        cells = [Text(s.name), Text(kinds.get(s.name, "")), mark, Text(detail_words(s))]
        table.add_row(*cells, *([Text(limit)] if len(columns) == 5 else []))
    return table
