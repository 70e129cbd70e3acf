"""`mentiondesk users …` (desk logins) and `mentiondesk survey record …` (CSAT / NPS answers)."""

from __future__ import annotations

import getpass
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk import cli_json, cli_json_admin
from mentiondesk.cli_common import desk_zone, load, open_existing_store, open_store, who
from mentiondesk.cli_values import FormatOption, whole_number
from mentiondesk.store import Store
from mentiondesk.survey_record import RANGES, record_answer
from mentiondesk.tables import parse_case_number
from mentiondesk.web.users import (
    Role,
    add_user,
    list_users,
    login_name,
    name_taken,
    random_password,
    set_active,
    set_password,
)

users_app = typer.Typer(
    help="People who log in to the desk: add, list, disable, enable, passwd.",
    no_args_is_help=True,
)
survey_app = typer.Typer(help="Satisfaction answers (CSAT 1-5, NPS 0-10).", no_args_is_help=True)
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Login name: one word, unique in any case.")
    ],
    role: Annotated[
        str,
        typer.Option(
            help="What they may do: an agent works the queue; a manager also sees the "
            "dashboard and assigns cases; an admin also manages the people (the first login "
            "should be an admin).",
            metavar="<agent|manager|admin>",
        ),
    ] = "agent",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a desk user; prompts for the password (stored as an argon2 hash)."""
    try:
        parsed = Role.parse(role)
        name = login_name(name)
    except ValueError as exc:
        err.print(escape(str(exc)))
        raise typer.Exit(2) from None
    store = open_store(load(ctx))  # a bad config fails before anyone types a password
    try:
        if (taken := name_taken(store, name)) is not None:  # nor a password typed for nothing
            raise ValueError(f"a user named {taken!r} already exists")
        password = _read_password(password_stdin)
        add_user(store, name, role=parsed, password=password, by=who())
        no_admin = not any(u.role is Role.ADMIN and on for u, on, _, _ in list_users(store))
    except ValueError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    finally:
        store.dispose()
    out.print(f"User {escape(name)} added as {parsed.title}.")
    if no_admin:  # a first login added without --role: no one could add people on the desk
        err.print(
            "No one can manage the desk's people yet (no active admin): add one with "
            "`mentiondesk users add NAME --role admin`.",
            highlight=False,
        )


@users_app.command("list")
def users_list(ctx: typer.Context, format: FormatOption = "text") -> None:
    """Desk users, their roles and when each last logged in to the desk (never a password
    hash or a session token, in either format)."""
    config = load(ctx)
    store = open_store(config, reading=True)
    try:
        users = list_users(store)
    finally:
        store.dispose()
    if format == "json":  # times in UTC, as every JSON output gives them
        rows = [(u.name, u.role.title, on, added, last) for u, on, added, last in users]
        cli_json.write(cli_json_admin.users(rows))
        return
    zone = desk_zone(config)
    table = Table(title="Desk users")
    for column in ("name", "role", "active", f"added ({zone})", f"last login ({zone})"):
        table.add_column(column)
    for user, active, added, last in users:
        seen = f"{last.astimezone(zone):%F %H:%M}" if last else "never"
        added_on = f"{added.astimezone(zone):%F}"  # the team's day, not UTC's
        table.add_row(escape(user.name), user.role.title, "yes" if active else "no", added_on, seen)
    out.print(table)


_NAME = typer.Argument(metavar="NAME", help="Their login name (any case).")


@users_app.command("disable")
def users_disable(ctx: typer.Context, name: Annotated[str, _NAME]) -> None:
    """Stop a user logging in; their open desk sessions end at once.

    How someone who leaves is handled: logins are never deleted, so the audit trail keeps
    their name."""
    with _changing(ctx) as store:
        stored, changed = set_active(store, name, active=False, by=who())
    if not changed:
        out.print(f"{escape(stored)} is already disabled; nothing changed.")
        return
    out.print(f"User {escape(stored)} disabled: they cannot log in, and are logged out now.")


@users_app.command("enable")
def users_enable(ctx: typer.Context, name: Annotated[str, _NAME]) -> None:
    """Let a disabled user log in again (with their current password, the last one set)."""
    with _changing(ctx) as store:
        stored, changed = set_active(store, name, active=True, by=who())
    if not changed:  # neither disabled nor locked out by failed logins
        out.print(f"{escape(stored)} is already enabled; nothing changed.")
        return
    out.print(f"User {escape(stored)} may log in again.")


@users_app.command("passwd")
def users_passwd(
    ctx: typer.Context,
    name: Annotated[str, _NAME],
    random: Annotated[
        bool, typer.Option("--random", help="Make a random password and print it once.")
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a user's password (prompts twice); their open desk sessions end."""
    if random and password_stdin:
        err.print("--random and --password-stdin: give one or the other")
        raise typer.Exit(2)
    with _changing(ctx) as store:  # a bad config fails before anyone types a password
        password = random_password() if random else _read_password(password_stdin)
        stored = set_password(store, name, password, by=who())
    out.print(f"Password of {escape(stored)} changed; their desk sessions have ended.")
    if random:
        out.print(f"New password: {escape(password)} (shown only once)", highlight=False)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    # Without a terminal (cron, a pipe, ssh without -t) getpass warns in Python's words and
    # reads a visible password from stdin: refuse, naming the way that works there.
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
        except getpass.GetPassWarning:
            err.print("no terminal to ask for a password: use --password-stdin")
            raise typer.Exit(2) from None


@contextmanager
def _changing(ctx: typer.Context) -> Iterator[Store]:
    """The store, for one change to a user: no such user or a bad password exits 1; no
    store at all (a mistyped url) exits 2, and none is made."""
    store = open_existing_store(load(ctx))
    try:
        yield store
    except (LookupError, ValueError) as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    finally:
        store.dispose()


@survey_app.command("record")
def survey_record(
    ctx: typer.Context,
    case: Annotated[str, typer.Argument(metavar="CASE", help="Case number, e.g. MD-000123.")],
    kind: Annotated[
        str, typer.Option(help="csat (score 1-5) or nps (score 0-10).", metavar="<csat|nps>")
    ],
    score: Annotated[
        int,
        typer.Option(
            help="The answer.", parser=whole_number("a score", ", 1-5 for csat, 0-10 for nps")
        ),
    ],
) -> None:
    """Record one survey answer for a case; the dashboard's CSAT and NPS use them.

    A case counts once per kind: a second answer of the same kind replaces the earlier one
    in the figures (the latest counts), and the command says which it replaced."""
    kind = kind.strip().lower()
    if kind not in RANGES:
        err.print(f"--kind must be csat or nps, not {escape(repr(kind))}")
        raise typer.Exit(2)
    low, high = RANGES[kind]
    if not low <= score <= high:
        err.print(f"--score for {kind} must be {low}-{high}, not {score}")
        raise typer.Exit(2)
    try:
        case_id = parse_case_number(case)
    except ValueError as exc:
        err.print(escape(str(exc)))
        raise typer.Exit(2) from None
    config = load(ctx)
    store = open_existing_store(config)  # answers for a case already stored
    try:
        earlier = _record_answer(store, case, case_id, kind, score)
    finally:
        store.dispose()
    said = f"Recorded {kind} {score} for {escape(case)}"
    if earlier is None:
        out.print(f"{said}.")
        return
    day = f"{earlier[1].astimezone(desk_zone(config)):%F}"
    out.print(f"{said}; it replaces the earlier answer {earlier[0]} of {day} in the figures.")


def _record_answer(
    store: Store, case: str, case_id: int, kind: str, score: int
) -> tuple[int, datetime] | None:
    """Store the answer; the case's latest earlier one of that kind (score, when), if any."""
    with store.engine.begin() as conn:
        try:
            return record_answer(conn, case_id, kind, score)
        except LookupError:
            err.print(f"no case {escape(case)}")
            raise typer.Exit(1) from None
