"""How the CLI shows things: the run summary, progress bars, durations."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from mentiondesk import wording
from mentiondesk.cli_text import shown
from mentiondesk.config import Config
from mentiondesk.logs import json_logs
from mentiondesk.pipeline import Progress as ProgressCallback
from mentiondesk.processing import LEASE
from sentiment.e5_training import Progress as StepProgress
from sentiment.e5_training import Say

_LOGGER = logging.getLogger("mentiondesk.console")  # `run`'s own lines are its records too


@contextmanager
def progress(console: Console, label: str) -> Iterator[ProgressCallback]:
    """A progress bar on a terminal; silent when output is redirected, or when the logs are
    JSON (a collector reads every line as an object). What is printed on standard output
    meanwhile (the console's alerts) goes above the bar only when that is the terminal too:
    `run --once > alerts.txt` gets them in the file."""
    on_screen = sys.stdout.isatty()
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        redirect_stdout=on_screen,
        redirect_stderr=False,
        disable=not console.is_terminal or json_logs(),
    )
    task = bar.add_task(label, total=None)

    def advance(step: int, total: int | None) -> None:
        if total is not None:
            bar.update(task, total=total)
        bar.advance(task, step)

    with bar:
        yield advance


@contextmanager
def training_progress(console: Console, total: int | None) -> Iterator[tuple[Say, StepProgress]]:
    """A spinner (no total) or a bar over training steps, naming the current step.

    Off a terminal (CI, a log file) it prints plain lines instead: each step named, and the
    training loss every 50 steps; with JSON logs they are log records, as every line there.
    """
    columns = (
        [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
        if total
        else [SpinnerColumn(), TextColumn("{task.description}")]
    )
    bar = Progress(
        *columns,
        TimeElapsedColumn(),
        *([TimeRemainingColumn()] if total else []),
        console=console,
        transient=True,
        disable=not console.is_terminal or json_logs(),
    )
    task = bar.add_task("preparing", total=total)
    plain = not console.is_terminal or json_logs()

    def line(text: str) -> None:
        if json_logs():
            _LOGGER.info("%s", text)
        else:
            console.print(text, markup=False, highlight=False)

    def say(step: str) -> None:
        bar.update(task, description=step)
        if plain:
            line(step)

    def step(done: int, steps: int, loss: float) -> None:
        bar.update(task, completed=done, description=f"fine-tuning, loss {loss:.2f}")
        if plain and (done % 50 == 0 or done == steps):
            line(f"step {done}/{steps}, loss {loss:.3f}")

    with bar:
        yield say, step


def print_summary(
    console: Console,
    data: dict[str, Any],
    config: Config,
    *,
    new: int,
    edited: int = 0,
    failed: int = 0,
    stopped: Sequence[str] = (),
    down: Sequence[str] = (),
    limited: Sequence[str] = (),
    waits: Sequence[str] = (),
) -> None:
    """The few lines a person reads after a run: the store's totals, and how many of the
    mentions this run read (a second run of the demo reads none), and could not (`failed`:
    the classifier or the database refused them); then each source that stopped (`stopped`:
    "name stopped (Error): why"), not read again until restart; and each the catch-up gave up
    on, failing (`down`: "name not caught up: …") or rate-limited past a minute (`limited`:
    "name not caught up: rate-limited … until …"); last, what waits for a chat or desk that
    failed (`waits`, run_waits.waits_lines), where a cron log's tail shows it."""
    console.print(f"[bold]{escape(config.brand.name)}[/] — mentiondesk summary")
    _print_rows(console, _rows(data, config, new=new, edited=edited, failed=failed))
    if data["outbox_waiting"] or data["outbox_held"]:
        # Held actions need a person; point at the command that lists just them, with why.
        see = "mentiondesk outbox list" + (" --held" if data["outbox_held"] else "")
        # Those only queued for their turn at a chat's pace failed nowhere (run_waits' paced).
        paced = data.get("outbox_paced", 0)
        turn = f"{paced:,} queued at a chat's pace, " if paced else ""
        console.print(
            f"  [yellow]Outbox: {data['outbox_waiting'] - paced:,} waiting to retry, "
            f"{turn}{data['outbox_held']:,} held[/] → {see}"
        )
    # A revoked token: nothing more is read from there until restart. The reason is the
    # platform's words: shown as `sources check` shows them, without control sequences.
    for line in stopped:
        console.print(f"  [red]Source {shown(line)}[/] → fix it, then restart mentiondesk")
    # A platform down the whole catch-up: not stopped, yet nothing more was read from there.
    for line in down:
        console.print(f"  [red]Source {shown(line)}[/]")
    # The platform asked to wait: nothing is wrong here, yet nothing more was read from there.
    for line in limited:
        console.print(f"  [yellow]Source {shown(line)}[/]")
    for line in waits:  # responder names from config.toml: shown as written, markup-free
        console.print(f"  [yellow]{shown(line)}[/]")


Row = tuple[str, str, str, str]  # label, figure, what follows it, the line's style


def _rows(data: dict[str, Any], config: Config, *, new: int, edited: int, failed: int) -> list[Row]:
    """The summary's figures, a row each: counts and waits, right-aligned together."""
    labels, fr = data["by_label"], data["first_response"]
    also = f", {edited} edited and read again" if edited else ""  # an edit is no new mention
    rows: list[Row] = [
        ("Mentions read", _n(data["mentions"]), f"({new:,} new in this run{also})", "")
    ]
    if unread := data.get("mentions_unread"):
        # Stored, no reading yet (a stop mid catch-up, the classifier failing): in none of the
        # counts here, so said, or a backlog reads as a quiet day.
        rows.append(
            ("Not read yet", _n(unread), "(stored; in none of these counts until read)", "yellow")
        )
    if failed:  # the log names each by id, and why; no text of theirs is shown anywhere
        minutes = round(LEASE.total_seconds() / 60)
        why = f"(held, stored unread; the log names them; retried after {minutes} minutes)"
        rows.append(("Could not be read", _n(failed), why, "red"))
    rows += [
        ("Complaints", _n(labels["negative"]), "", ""),
        ("Praise", _n(labels["positive"]), "", ""),
        ("Neutral", _n(labels["neutral"]), "", ""),
        ("Cases opened", _n(data["cases_total"]), f"({data['cases_open']:,} open)", ""),
        ("Help-desk tickets", *_sent(data["tickets"]), ""),
        ("Drafts to approve", _n(data["drafts_pending"]), "→ mentiondesk drafts list", ""),
        ("Alerts", *_alerts(data, config)),
    ]
    if fr:
        rows.append(("First response p50", duration(fr["p50_seconds"]), "", ""))
    if fr and (biz := data["first_response_business_hours"]):
        wait = duration(biz["p50_seconds"], days=False)  # a working day is not 24 hours
        rows.append(("  in business hours", wait, f"({data['business_hours']})", ""))
    if data["first_response_waiting"]:
        rows.append(("Awaiting a reply", _n(data["first_response_waiting"]), "", ""))
    return rows


def _print_rows(console: Console, rows: list[Row]) -> None:
    """Labels in a column, figures right-aligned in the next, as wide as the widest ("6d 14h",
    "133h 54m" or "12,345"), so a wait lines up with the counts however long it is. Spaces
    only: a pipe or `>> run.log` gets the same columns as the terminal."""
    width = max(6, *(len(figure) for _, figure, _, _ in rows))
    for label, figure, after, style in rows:
        line = escape(f"{label:<20} {figure:>{width}}")
        line = f"[{style}]{line}[/]" if style else line
        console.print(f"  {line}" + (f"   {escape(after)}" if after else ""))


def _n(count: int) -> str:
    return f"{count:,}"


def _sent(kind: dict[str, int]) -> tuple[str, str]:
    """ "19", "queued, 0 delivered, 19 waiting in the outbox": what went out, not just what
    was decided, so a sink that is down does not read as nothing to send."""
    parts = ["queued", f"{kind['delivered']:,} delivered"]
    if kind["waiting"]:
        parts.append(f"{kind['waiting']:,} waiting in the outbox")
    if kind["held"]:
        parts.append(f"{kind['held']:,} held")
    if kind["dropped"]:
        parts.append(f"{kind['dropped']:,} dropped")
    return _n(kind["queued"]), ", ".join(parts)


def _alerts(data: dict[str, Any], config: Config) -> tuple[str, str, str]:
    """The alerts' row: `_sent`, then those a digest route is still gathering, in no figure
    before it ("0 queued" on a crisis day read as no alerts at all)."""
    figure, after = _sent(data["alerts"])
    if gathering := data.get("alerts_for_digest", 0):
        after += f"; {gathering:,} collected for {_digests(config)}"
    return figure, after, ""


def _digests(config: Config) -> str:
    """ "the hourly digest", "the 15-minute digests": the routes' period where they share one."""
    routes = [r for r in config.settings.routing.alert_routes if r.digest_minutes]
    periods = {wording.whole(r.digest_minutes or 60) for r in routes}
    if len(periods) != 1:
        return "the digests"  # none configured now (a stranded route's) or several periods
    minutes = periods.pop()
    named = {60: "hourly", 24 * 60: "daily"}.get(minutes)
    if named is None:
        named = f"{minutes // 60}-hour" if minutes % 60 == 0 else f"{minutes}-minute"
    return f"the {named} digest" + ("s" if len(routes) > 1 else "")


def duration(seconds: float | None, *, days: bool = True) -> str:
    """A wait as the desk writes it in English (45s, 12m, 3h 05m, 6d 23h), so the terminal
    and the desk's pages read the same; `days=False` for business hours."""
    return wording.duration(seconds, days=days)
