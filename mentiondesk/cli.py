"""The `mentiondesk` command line: the app and its top-level commands (the groups live in the
cli_* modules). Each module turns its own errors into exit codes (typer.Exit): 2 for a
configuration or usage problem, 1 for a refused or failed command; the unexpected is a
traceback."""

from __future__ import annotations

import asyncio
import io
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mentiondesk import cli_help, cli_json, cli_json_errors, logs
from mentiondesk.assignees import desk_users, unknown_assignees
from mentiondesk.cli_authors import authors_app
from mentiondesk.cli_cases import cases_app
from mentiondesk.cli_check import register as register_check_command
from mentiondesk.cli_classify import register as register_classify_command
from mentiondesk.cli_common import VersionOption, config_errors, err, load, say
from mentiondesk.cli_outbox import register as register_outbox_commands
from mentiondesk.cli_pipe import quiet_pipe
from mentiondesk.cli_queue import drafts_app
from mentiondesk.cli_render import print_summary, progress
from mentiondesk.cli_report import register as register_report_command
from mentiondesk.cli_sentiment import register as register_sentiment_commands
from mentiondesk.cli_signals import STOP_SIGNALS, StopAsked, say_what_was_left, stoppable_start_up
from mentiondesk.cli_sources import polled_sources, sources_app
from mentiondesk.cli_store import store_app
from mentiondesk.cli_users import survey_app, users_app
from mentiondesk.cli_web import (
    DeskPortOption,
    announce_first_user,
    no_login_hint,
    start_desk,
    with_desk_port,
)
from mentiondesk.config import Config
from mentiondesk.config_clear import tokens_in_clear
from mentiondesk.config_hours_notes import long_night_shifts
from mentiondesk.config_routing import open_approvals, unposted
from mentiondesk.config_setup import note_config_path
from mentiondesk.config_store import new_sqlite_file
from mentiondesk.logs import LogFormat
from mentiondesk.pipeline import App
from mentiondesk.report import report
from mentiondesk.run_waits import Left, left_waiting
from mentiondesk.source_health import limited_lines, stopped_lines, unread_lines

_LOGGER = logging.getLogger(__name__)
EX_TEMPFAIL = 75  # sysexits.h: try again later (a platform's rate limit, nothing else wrong)

cli_help.install()  # conventional --help under typer 0.29 (no `--help <bool>`, no `{ID}`)
app = typer.Typer(
    cls=cli_help.InOrder,  # `run` first, then daily work, then admin and the model
    help="mentiondesk: listen for your brand's mentions, read them, and act on them.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(drafts_app, name="drafts")
app.add_typer(cases_app, name="cases")
app.add_typer(users_app, name="users")
app.add_typer(survey_app, name="survey")
register_outbox_commands(app)
register_report_command(app)
register_check_command(app)
app.add_typer(sources_app, name="sources")
app.add_typer(authors_app, name="authors")
app.add_typer(store_app, name="store")
register_classify_command(app)
register_sentiment_commands(app)


@app.callback()
def _global(
    ctx: typer.Context,
    config: Annotated[
        Path,
        typer.Option(
            "--config",
            "-c",
            help="Config file to use (before the command: mentiondesk -c FILE report).",
            envvar="MENTIONDESK_CONFIG",
            metavar="<file>",
        ),
    ] = Path("config.toml"),
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="More log detail (-v info, -vv debug for mentiondesk's own logs; libraries "
            "stay at info: their debug output holds tokens and post text).",
            show_default=False,
        ),
    ] = 0,
    log_format: Annotated[
        LogFormat,
        typer.Option(
            "--log-format",
            help="Logs as readable text, or one JSON object per line for a log collector.",
            envvar="MENTIONDESK_LOG_FORMAT",
            case_sensitive=False,
        ),
    ] = LogFormat.TEXT,
    version: VersionOption = False,
) -> None:
    """mentiondesk: listen for your brand's mentions, read them, and act on them."""
    logs.setup(verbose, log_format)
    cli_json_errors.note_format(ctx)  # none asked yet: a command's own --format says
    # A missing file is said as asked: a path given, or none (the folder has no config.toml).
    # By name: typer's own click has its own ParameterSource (not click.core's).
    source = ctx.get_parameter_source("config")
    note_config_path(config, given=source is not None and source.name != "DEFAULT")
    ctx.obj = config


@app.command()
def run(
    ctx: typer.Context,
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="Poll every source once, process everything, drain the outbox, then exit (the "
            "desk is not served). Exit status 1 when a mention could not be read or recorded "
            "(held, retried after 5 minutes; the log names it) or a source stopped (a refused"
            " token, a permanent error: the summary names it and why) or kept failing (a "
            "platform down: the summary names it) or crashed in its catch-up (a bug to "
            "report: the summary names it), for cron. Exit status 75 (EX_TEMPFAIL) when all "
            "else went well but a platform's rate limit held a source, or one of its "
            "endpoints (X's search), for over a minute: the summary names it and the UTC time"
            " it may be read again; 75 too when all was read but alerts, replies or tickets "
            "wait for a team chat or help desk that was down, unreachable or answered an "
            "error: the summary's last lines count them by responder, retried at the next "
            "run. Exit status 1 too while a responder's refusal (a revoked token) holds them,"
            " until a person releases them. Exit status 0: all read, and delivered or held by"
            " a person.",
        ),
    ] = False,
    sources: Annotated[
        str | None,
        typer.Option(
            "--sources",
            help="Poll only these sources (names from \\[\\[sources]], comma-separated), to split "
            "the listening between workers; 'none': poll nothing, only read, decide and "
            "deliver.",
            metavar="<names>",
            show_default=False,
        ),
    ] = None,
    desk_port: DeskPortOption = None,
) -> None:
    r"""Listen, read and act: catch up with every source, print a summary, keep listening.

    From the start, the catch-up included, it serves the desk (the web page where
    people work the queue) on \[desk] host and port: http://127.0.0.1:8080 unless
    set; enabled = false turns it off. On the first run in a terminal, with no users
    yet, it creates the admin login `demo` and prints its password once (under
    systemd or a pipe, make the first with `mentiondesk users add NAME --role
    admin`); add people with `mentiondesk users add`. Ctrl-C or SIGTERM finishes the
    batch in hand and says what was left; exit status 130 for Ctrl-C, 0 for SIGTERM
    (systemd's stop), 143 for SIGTERM with --once.
    """
    config = with_desk_port(load(ctx, secrets=True), desk_port)
    # Every worker: one with --sources none still delivers.
    warnings = unposted(config) + open_approvals(config) + tokens_in_clear(config)
    for warning in warnings + long_night_shifts(config.settings.desk.business_hours):
        _LOGGER.warning("%s", warning)
    with config_errors():
        # A store file the service's user cannot write (made by root's first `users add`)
        # failed at the first write with a traceback, exit 1: systemd restarted it forever.
        new_sqlite_file(config.settings.store, config.store_url())
        asked = StopAsked()
        run = _run(polled_sources(config, sources), once=once, asked=asked)
        failed, stopped, limited, left = asyncio.run(run)
    # A stop by signal is no finished run: Ctrl-C 130, --once's SIGTERM 143 (cli_signals).
    if (status := asked.exit_status(once=once)) is not None:
        raise typer.Exit(status)
    # Cron and CI see it: the summary said which count and which source stopped (and why) or
    # was down, the log which ids. A stopped source is read again only after a restart, a down
    # one at the next run: exit 0 would let cron report success while nothing was read there.
    if once and (failed or stopped or left.refused):  # a refusal held deliveries: as stopped
        raise typer.Exit(1)
    # Rate-limited only: unread too, yet no one's to fix; a wrapper may let 75 pass. So with
    # deliveries a chat or desk failed (run_waits): retried next run, yet not out (sysexits).
    if once and (limited or left.retried):
        raise typer.Exit(EX_TEMPFAIL)


async def _run(
    config: Config, *, once: bool, asked: StopAsked | None = None
) -> tuple[int, int, int, Left]:
    """Run the desk; return how many mentions it could not read or record (held), how many
    sources stopped (not read again until restart) or were down for the whole catch-up, and
    how many a rate limit held past a minute (nothing more read from there), and the
    deliveries a chat or desk failed or refused (run_waits; --once only). A stop by
    signal is noted in `asked`, and what it left said."""
    asked = asked or StopAsked()
    # Listening (systemd's), a database not up yet is waited for; cron's next run comes anyway.
    async with stoppable_start_up(asked), App(config, wait_for_store=not once) as desk:
        # Said, not refused: a user may be added while it runs.
        users = await asyncio.to_thread(desk_users, desk.store.engine)
        for warning in unknown_assignees(desk.processor.playbook, users):
            _LOGGER.warning("%s", warning)
        loop = asyncio.get_running_loop()
        grace = config.settings.outbox.stop_grace_seconds

        def stop(signum: int) -> None:
            if asked.ask(signum) and not desk.stop_event.is_set():
                say(
                    "Stopping: finishing the batch in hand, then delivering what is due for up "
                    f"to {grace:.0f} s; the rest waits, stored, for the next start…"
                )
            desk.stop_event.set()

        for sig in STOP_SIGNALS:  # from now on a stop finishes the work in hand
            loop.add_signal_handler(sig, stop, sig)
        # The desk opens before the catch-up: after an outage people can work the first
        # complaints while the backlog is still being read.
        serve = config.settings.desk.enabled and not once
        web = await start_desk(config, desk) if serve else None
        try:
            with progress(err, "Reading mentions") as advance:
                await desk.run_once(on_progress=advance, listening_next=not once)
            numbers = report(desk.store, hours=config.business_hours)
            health = desk.source_health()
            stopped = stopped_lines(health)
            unread = unread_lines(health, listening=not once)
            limited = limited_lines(health, datetime.now(UTC), listening=not once)
            new, edited = desk.processor.processed, desk.processor.reread
            failed = desk.processor.failed
            left = await asyncio.to_thread(left_waiting, desk.store)
            # A line each, however long: `run --once >> run.log` is grepped, not read at 80 columns.
            summary = Console(soft_wrap=True, emoji=False)
            print_summary(
                summary,
                *(numbers, config),
                new=new,
                edited=edited,
                failed=failed,
                stopped=stopped,
                down=unread,
                limited=limited,
                waits=left.lines(once=once),
            )
            if web is None:
                no_login_hint(desk)
            if once or desk.stop_event.is_set():  # a source down all along was not read either
                await asyncio.to_thread(
                    say_what_was_left, asked, desk.store, once=once, catch_up=True
                )
                return failed, len(stopped) + len(unread), len(limited), left
            if web is not None:  # JSON logs go to a collector: no password there
                announce_first_user(desk, on_terminal=err.file.isatty() and not logs.json_logs())
            say("Listening for new mentions. Press Ctrl-C to stop.")
            await desk.start()
            await desk.stop_event.wait()
        finally:
            if web is not None:
                await web.cleanup()
        await desk.stop()
        await asyncio.to_thread(say_what_was_left, asked, desk.store, once=once, catch_up=False)
        return desk.processor.failed, len(stopped_lines(desk.source_health())), 0, Left()
    return 0, 0, 0, Left()  # stopped during start-up (stoppable_start_up said so): nothing was read


def main() -> None:
    _tolerant_stdout()
    with quiet_pipe():  # a reader that stops early: exit status 141, quietly
        app()


def _tolerant_stdout() -> None:
    """Where stdout is not UTF-8 (a Latin-1 locale on an old server, a cron job's), a name or
    an emoji it cannot hold is written "?" rather than stopping the listing halfway with a
    UnicodeEncodeError; `--format json` escapes them instead (cli_json), losing nothing."""
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and not cli_json.utf8(stdout):
        stdout.reconfigure(errors="replace")
