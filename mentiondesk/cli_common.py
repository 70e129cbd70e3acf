"""What every CLI command shares: loading config, opening the store, reporting errors."""

from __future__ import annotations

import getpass
import importlib.metadata
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.markup import escape

from mentiondesk import cli_json_errors, logs, schema
from mentiondesk.cli_values import bounded, one_of
from mentiondesk.config import Config, load_config
from mentiondesk.config_store import new_sqlite_file, store_errors
from mentiondesk.models import ConfigError
from mentiondesk.store import Store

err = Console(stderr=True, soft_wrap=True, emoji=False)
_CONSOLE = logging.getLogger(logs.CONSOLE)


def say(text: str, *, styled: str | None = None, level: int = logging.INFO) -> None:
    """A line for the person running `run`: printed to stderr (`styled`, with rich markup, if
    given), or with --log-format json a log record, so stderr stays one JSON object a line."""
    if logs.json_logs():
        _CONSOLE.log(level, "%s", text)
    elif styled is not None:
        err.print(styled, highlight=False)
    else:
        err.print(text, markup=False, highlight=False)


_FIRST_YEAR = 1970  # no post is older; "--since 2000-01-01" reads the whole store
# Year first (2026-11-30, as ISO), or day first (30/11/2026), as Brazil, Portugal and most of
# the world write a date: never month first, which no desk language writes. The separator is
# the same twice: "/", "-" (30-11-2026, common in Portugal) or ".".
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})", re.ASCII)
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})", re.ASCII
)
_FORMS = "YYYY-MM-DD, e.g. 2026-10-20, or day first, DD/MM/YYYY, e.g. 20/10/2026"


def day(value: str | date) -> date:
    """A calendar day on the command line (`parser=day` of a date option): 2026-11-30 or
    30/11/2026, refused in words rather than in the strftime pattern click would show."""
    if isinstance(value, date):
        return value
    text = value.strip()
    found = _YEAR_FIRST.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if found is None:
        raise typer.BadParameter(f"{value!r} is not a day; write the day as {_FORMS}")
    example = "2026-10-20" if found.re is _YEAR_FIRST else "20/10/2026"
    if len(found["y"]) == 2 or int(found["y"]) < _FIRST_YEAR:  # "26", or "0206" for 2026
        why = "has no year in full" if len(found["y"]) == 2 else f"is before {_FIRST_YEAR}"
        raise typer.BadParameter(f"{value!r} {why}; write the year in full, e.g. {example}")
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:  # 2026-02-30; or 11/30/2026, month first: the 30th month
        raise typer.BadParameter(f"{value!r} is not a day; write the day as {_FORMS}") from None


# The `--limit` of every listing command (drafts, cases, outbox); each sets its own default.
ShowAtMost = Annotated[
    int,
    typer.Option(
        "--limit", help="Show at most this many.", **bounded("a number of rows", 1, 1_000_000)
    ),
]


def status_option(thing: str, statuses: tuple[str, ...]) -> Any:
    """The `--status` of a listing command (cases, drafts), in any case. The choices are said
    in words: as a metavar they wrap mid-word in a narrow terminal."""
    words = f"{', '.join(statuses[:-1])} or {statuses[-1]}"
    return typer.Option(
        help=f"Which {thing}s: {words}.",
        metavar="<status>",
        parser=one_of(f"a {thing} status", statuses),
    )


@contextmanager
def config_errors() -> Iterator[None]:
    """Report a configuration problem and exit with status 2, before anything runs.

    Where the command that called `load` was given --format json, the problem is also one
    JSON object on stdout (`ok` false, `exit_status` 2, `problems` by key), for the script
    that parses it. check-config and sources check write their own: they do not call `load`."""
    try:
        yield
    except ConfigError as exc:
        cli_json_errors.write_if_asked(str(exc))
        problems = str(exc).splitlines()
        if logs.json_logs():  # stderr stays one JSON object a line: a record per problem
            for line in problems:
                _CONSOLE.error("Configuration problem: %s", line)
        else:
            err.print("[bold red]Configuration problem:[/]")
            for line in problems:
                err.print(f"  • {line}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@contextmanager
def refused(*kinds: type[Exception], status: int = 1) -> Iterator[None]:
    """A refusal of these kinds (no such case, a stale draft, a mistyped number) says why in
    red and exits with `status`: 1 for a refusal, 2 for what the command line got wrong."""
    try:
        yield
    except kinds as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(status) from None


def load(ctx: typer.Context, *, secrets: bool = False) -> Config:
    """The config named by the global --config option (inherited by every sub-command).

    Only commands that talk to the platforms or chats pass `secrets=True`: the others (users,
    cases, reports…) must work where the tokens are not exported, e.g. as the first
    `users add` on a server whose secrets are in a root-only file."""
    cli_json_errors.note_format(ctx)  # any config problem from here on: JSON on stdout too
    with config_errors():
        return load_config(ctx.obj, secrets=secrets)


def open_store(config: Config, *, reading: bool = False) -> Store:
    """The store for one command: unpooled, so each query's connection closes with it and
    none is left open when the command ends (a command runs in-process in tests too).

    `reading`: a command that only shows what is stored. A SQLite file not there yet is then
    not made: empty, it showed zeros, as if a mistyped path were a quiet brand."""
    with config_errors():  # a configuration problem: JSON logs keep stderr one record a line
        if reading and (new := new_sqlite_file(config.settings.store, config.store_url())):
            raise ConfigError(
                f"{config.settings.store.key}: there is no store at {new} yet; the first "
                "`mentiondesk run` creates it (if it is elsewhere, correct the url: a relative "
                "path is read from the config file's folder)"
            )
    store = Store(config.store_url(), pooled=False, fingerprint_secret=config.fingerprint_secret())
    # e.g. tables of another role: the GRANT to run, exit 2
    with config_errors(), store_errors(config.settings.store):
        if reading and not schema.holds_store(store.engine):
            store.dispose()
            raise _no_store_in(config)
        store.create_all()
    return store


def open_existing_store(config: Config) -> Store:
    """The store for a command that only changes rows already there (a case to resolve, a
    user to disable, an action to hold): where there is none it is not made, as for a
    command that only shows. An empty new one answered "no case MD-000042" and stayed
    behind, so that the mistyped url looked like a store from then on."""
    return open_store(config, reading=True)


def _no_store_in(config: Config) -> ConfigError:
    """A database with no store in it (PostgreSQL's: the SQLite file's case is above): the
    tables are not made there, as a mistyped database name (`postgres`) would get them."""
    where = sa.engine.make_url(config.store_url()).database
    return ConfigError(
        f"{config.settings.store.key}: database {where!r} holds no mentiondesk store yet; the "
        "first `mentiondesk run` creates it (if it is in another database, correct the url)"
    )


def desk_zone(config: Config) -> ZoneInfo:
    """Where the team works (`[desk] timezone`): the CLI shows times and counts days there,
    as the desk does."""
    return ZoneInfo(config.settings.desk.timezone)


def who() -> str:
    """Who acts from this terminal, as drafts and cases record it: "cli:ana"."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def show_version(wanted: bool) -> None:
    """`--version`: the installed distribution's version, as pip recorded it (not a constant
    in the source, which a build could forget to bump), then exit before any config loads."""
    if wanted:
        typer.echo(f"mentiondesk {installed_version()}")
        raise typer.Exit()


# The option, declared here beside what it does, so the callback's signature stays short.
VersionOption = Annotated[
    bool,
    typer.Option(
        "--version",
        help="Show the installed mentiondesk's version and exit.",
        callback=show_version,
        is_eager=True,  # before --config is read: the version needs no config
    ),
]


def installed_version() -> str:
    """The version pip installed, or a note where mentiondesk runs from a source tree that
    was never installed (no distribution metadata to read)."""
    try:
        return importlib.metadata.version("mentiondesk")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed: run `pip install .` to record a version)"
