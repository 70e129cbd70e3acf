"""`mentiondesk cases …`: list the cases, resolve or close one, from a terminal."""

from __future__ import annotations

from typing import Annotated, get_args
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import typer
from rich import box
from rich.table import Table

from mentiondesk import cli_json, queue, queue_views
from mentiondesk.audit_trail import write
from mentiondesk.cli_common import (
    ShowAtMost,
    desk_zone,
    err,
    load,
    open_existing_store,
    open_store,
    refused,
    status_option,
    who,
)
from mentiondesk.cli_queue import held_why, listed_title, once, out, queue_errors, retry_command
from mentiondesk.cli_text import addressee, shown, widest
from mentiondesk.cli_values import FormatOption
from mentiondesk.held_replies import PERSONS_HOLDS, HeldReply
from mentiondesk.models import has_followers
from mentiondesk.tables import CASE, case_number, parse_case_number
from mentiondesk.wording import counted, english_word

cases_app = typer.Typer(
    help="Cases: list (most urgent and oldest first), resolve, close; number-from after a restore.",
    no_args_is_help=True,
)


@cases_app.command("list")
def cases_list(
    ctx: typer.Context,
    status: Annotated[
        queue_views.CaseStatus, status_option("case", get_args(queue_views.CaseStatus))
    ] = "open",
    limit: ShowAtMost = 50,
    format: FormatOption = "text",
) -> None:
    """Cases whose approved reply the outbox holds first (as the desk's queue), then the most
    urgent, then the longest waiting. --format json: for a script (docs/cli.md has its keys)."""
    config = load(ctx)
    store = open_store(config, reading=True)
    cases = queue_views.list_cases(store, status=status, limit=limit)
    total = queue_views.count_cases(store, status=status)
    if format == "json":
        cli_json.write(cli_json.cases(cases, status=status, total=total))
        return
    held = sum(1 for c in cases if c.held)
    also = f" · {held:,} with an approved reply the outbox holds" if held else ""
    zone = desk_zone(config)
    title = f"{listed_title(len(cases), total, f'{status} case')}{also} · times in {zone}"
    out.print(_cases_table(cases, zone, title, out.width))
    _held_advice(cases)


def _cases_table(
    cases: list[queue_views.CaseView], zone: ZoneInfo, title: str, width: int
) -> Table:
    """Readable at 80 columns: no side borders, what belongs together in one cell (a case's
    opening mention and ticket under its number), parts on lines of their own. A handle or a
    reason code is never broken mid-word (it is copied into `authors forget`): their columns
    do not wrap, and the author's gets the room the others leave; a handle wider than that
    breaks only before an "@" or a ".". The held reply's words wrap, in a column of their own
    where there is room for it, else as "reply held" under the case (why: under the table)."""
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    # The mention is the opening one: its id is what `relabel` takes when its reading is wrong.
    rows = [_row(c, zone) for c in cases]
    headers = ["case", "prio.", "reading", "frust.\n(max)", "author", "opened"]
    taken = [widest([h, *(r[i] for r in rows)]) for i, h in enumerate(headers) if i != 4]
    taken[0] = max(taken[0], len(_HELD) if any(c.held for c in cases) else 0)
    # Each column's padding and divider take 2 cells; a long ticket reference wraps (at 16).
    room = width - 2 * len(headers) - sum(taken[1:5]) - min(taken[0], 16)
    column = any(c.held for c in cases) and room - 2 - _REPLY >= _AUTHOR
    if column:
        headers.append("reply")
        room -= 2 + _REPLY
    for header in headers:
        table.add_column(header, no_wrap=header not in ("case", "reply"), overflow="fold")
    for c, row in zip(cases, rows, strict=True):
        row[4] = _author(c, max(room, _AUTHOR))
        if c.held:
            row += [_held_words(c.held)] if column else []
            row[0] += "" if column else f"\n{_HELD}"
        elif column:
            row.append("")
        table.add_row(*row)
    return table


_HELD = "reply held"  # under the case, where the reply column has no room
_REPLY = 14  # the least room a held reply's "approved, not sent: why" wraps into
_AUTHOR = 12  # the least an author's handle gets, however wide the rest


def _row(c: queue_views.CaseView, zone: ZoneInfo) -> list[str]:
    """A case's cells, the author's left empty for `_author`."""
    return [
        "\n".join(_case_lines(c)),
        str(c.priority),
        c.label + (f"/\n{c.reason}" if c.reason else ""),
        str(c.frustration),
        "",
        c.opened_at.astimezone(zone).strftime("%Y-%m-%d\n%H:%M"),
    ]


def _author(c: queue_views.CaseView, room: int) -> str:
    """Who wrote (`addressee`), with the followers under it where there is reach."""
    reach = has_followers(c.platform)  # not Hacker News, Reddit: 0 stored, no count known
    # "1 follower", as the desk words it: the noun agrees with the count.
    return addressee(c.platform, c.handle, room) + (f"\n{counted(c.followers, 'follower')}" * reach)


def _case_lines(c: queue_views.CaseView) -> list[str]:
    """The case and its follow-ups ("MD-000012 +2"), its opening mention, its ticket."""
    number = c.number + (f" +{c.follow_ups}" if c.follow_ups else "")
    return [number, f"mention {c.mention_id}", *([shown(c.ticket_ref)] if c.ticket_ref else [])]


_CASE = typer.Argument(metavar="CASE", help="Case number, e.g. MD-000123.")


@cases_app.command("resolve")
def cases_resolve(ctx: typer.Context, case: Annotated[str, _CASE]) -> None:
    """Resolve a case: the problem is solved (it counts in the resolution rate); its pending
    drafts are withdrawn."""
    _end_case(ctx, case, "resolved")


@cases_app.command("close")
def cases_close(ctx: typer.Context, case: Annotated[str, _CASE]) -> None:
    """Close a case that needed no resolution (spam, a duplicate, no answer from the author):
    it stays out of the resolution rate; its pending drafts are withdrawn."""
    _end_case(ctx, case, "closed")


def _end_case(ctx: typer.Context, case: str, status: str) -> None:
    # A typo, not a missing case: a usage error (exit 2), as click's are.
    with refused(ValueError, status=2):
        case_id = parse_case_number(case)
    store = open_existing_store(load(ctx))  # a mistyped url: no empty store made
    actor = who()
    with queue_errors():
        withdrawn = queue.close_case(store, case_id, by=actor, status=status)
    # As the desk's notice counts them: "Case closed; 1 pending draft withdrawn."
    gone = f"; {counted(withdrawn, 'pending draft')} withdrawn" if withdrawn else ""
    out.print(f"Case {case_number(case_id)} {status}{gone}.")


def _held_words(held: HeldReply) -> str:
    """A case's held reply as the desk's badge says it (a person's reason: under the table)."""
    return f"approved, not sent: {english_word('held', held.post.reason)}"


def _held_advice(cases: list[queue_views.CaseView]) -> None:
    """Under the table: the command that sends each held reply again (the desk's button)."""
    for c in cases:
        if c.held:
            post = c.held.post
            again = f"{once(post)}, `{retry_command(post.outbox_id)}` sends its reply again."
            why = f"{held_why(post)}; " if post.reason in PERSONS_HOLDS else ""
            out.print(f"{c.number}: {why}{again}", highlight=False)


_FIRST = typer.Argument(
    metavar="N", help="The first new case's number, e.g. MD-000500 (or 500).", show_default=False
)


@cases_app.command("number-from")
def cases_number_from(ctx: typer.Context, first: Annotated[str, _FIRST]) -> None:
    """Number new cases from N on, past the numbers your help desk's tickets already carry.

    Run it after restoring the database from a backup, or starting on a new one, before
    starting the workers: case numbers then start again where the backup was (MD-000001 on a
    new database), a new case would get a number an existing ticket has, and its ticket
    would be held as another customer's. Take N past the highest MD- number at the help
    desk. Refused where N is not above every case number stored; numbers never go back."""
    with refused(ValueError, status=2):
        wanted = parse_case_number(first)
        if wanted < 1:
            raise ValueError(f"{first!r}: case numbers start at MD-000001")
    store = open_store(load(ctx))
    try:
        with store.engine.begin() as conn:
            try:
                highest, following = _numbering(conn, store.dialect)
            except ValueError as exc:
                err.print(str(exc), markup=False, highlight=False)
                raise typer.Exit(1) from None
            if wanted <= highest or wanted < following:
                err.print(_refusal(wanted, highest, following), highlight=False)
                raise typer.Exit(1)
            _move(conn, store.dialect, wanted)
            # On the trail: who moved the numbering, and from where (a restore's own record).
            said = f"from {case_number(following)} to {case_number(wanted)}"
            write(conn, who(), "case-numbering", detail=said)
    finally:
        store.dispose()
    out.print(f"New cases are numbered from {case_number(wanted)} on.", highlight=False)


def _refusal(wanted: int, highest: int, following: int) -> str:
    """Why N is refused: a number a case has, or below the next one (never given again)."""
    if wanted <= highest:
        return (
            f"{case_number(wanted)} is not past the highest case stored, "
            f"{case_number(highest)}: take a number above it"
        )
    return f"new cases are numbered from {case_number(following)} already; nothing changed"


def _numbering(conn: sa.Connection, dialect: str) -> tuple[int, int]:
    """The highest case id stored, and the id the next case would get."""
    if dialect == "postgresql":  # workers wait until the number is moved
        conn.execute(sa.text('LOCK TABLE "case" IN SHARE ROW EXCLUSIVE MODE'))
    highest = int(conn.scalar(sa.select(sa.func.max(CASE.c.id))) or 0)
    if dialect == "postgresql":
        seq = conn.scalar(sa.text(f"SELECT {_SEQ}"))  # its name, quoted as it needs
        last, called = conn.execute(sa.text(f"SELECT last_value, is_called FROM {seq}")).one()
        return highest, max(highest, int(last) if called else int(last) - 1) + 1
    if "AUTOINCREMENT" not in str(conn.scalar(sa.text(_SQLITE_DDL))).upper():
        # Without it SQLite gives max(id) + 1, whatever its counter says.
        raise ValueError(
            "this SQLite store's case table was made before mentiondesk kept numbers apart "
            "(no AUTOINCREMENT): its next case is always the highest + 1; start on a new "
            "database to number cases from N"
        )
    seq = conn.scalar(sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'case'"))
    return highest, max(highest, int(seq or 0)) + 1


# The case table's id sequence ("case" is a reserved word, quoted inside the name's string).
_SEQ = "pg_get_serial_sequence('\"case\"', 'id')"
_SQLITE_DDL = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'case'"


def _move(conn: sa.Connection, dialect: str, wanted: int) -> None:
    """Make `wanted` the next case's id: PostgreSQL's sequence, SQLite's AUTOINCREMENT row."""
    if dialect == "postgresql":
        conn.execute(sa.text(f"SELECT setval({_SEQ}, :n, false)"), {"n": wanted})
        return
    moved = conn.execute(
        sa.text("UPDATE sqlite_sequence SET seq = :n WHERE name = 'case'"), {"n": wanted - 1}
    )
    if not moved.rowcount:  # no case was ever stored: SQLite keeps no row for it yet
        conn.execute(
            sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('case', :n)"),
            {"n": wanted - 1},
        )
