"""`mentiondesk drafts …` and `mentiondesk cases …`: work the queue from a terminal."""

from __future__ import annotations

import asyncio
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk import audit, outbox_admin, queue, queue_views
from mentiondesk.cli_common import desk_zone, load, open_store, who
from mentiondesk.cli_text import shown
from mentiondesk.config import Config
from mentiondesk.hand_posting import PostByHand
from mentiondesk.held_replies import HeldReply
from mentiondesk.models import has_followers
from mentiondesk.outbox import OutboxWorker
from mentiondesk.pipeline import build_responders
from mentiondesk.store import Store
from mentiondesk.tables import case_number, parse_case_number
from mentiondesk.wording import counted, english_word

drafts_app = typer.Typer(
    help="Drafted replies waiting for a person: list, approve, reject.", no_args_is_help=True
)
cases_app = typer.Typer(
    help="Cases: list (most urgent and oldest first), resolve, close.", no_args_is_help=True
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@drafts_app.command("list")
def drafts_list(
    ctx: typer.Context,
    status: Annotated[
        queue_views.DraftStatus,
        typer.Option(
            # The choices in words: as a metavar they wrap mid-word in a narrow terminal.
            help="Which drafts: pending, approved, rejected or withdrawn.",
            metavar="<status>",
            case_sensitive=False,
        ),
    ] = "pending",
    limit: Annotated[int, typer.Option(help="Show at most this many.", min=1)] = 50,
) -> None:
    """Drafts, oldest first; above the pending ones, approved replies the outbox holds."""
    store = open_store(load(ctx))
    try:
        drafts = queue_views.list_drafts(store, status=status, limit=limit)
        total = queue_views.count_drafts(store, status=status)
        # The approval queue starts where the desk's does: with the authors never answered.
        held = queue_views.list_held(store, limit=limit) if status == "pending" else []
    finally:
        store.dispose()
    if held:
        out.print(_held_table(held), "")
    table = Table(title=_title(len(drafts), total, f"{status} draft"))
    for column in ("id", "kind", "case", "mention", "to", "lang", "text"):
        table.add_column(column)
    for d in drafts:
        table.add_row(
            str(d.id),
            d.kind,
            d.case_number or "—",
            str(d.mention_id),
            shown(f"{d.platform} {d.handle}"),
            d.lang,
            shown(d.text),
        )
    out.print(table)


def _held_table(held: list[queue_views.HeldView]) -> Table:
    what = counted(len(held), "approved reply held, not sent", "approved replies held, not sent")
    table = Table(title=f"{what} (the authors were not answered)")
    for column in ("id", "kind", "case", "to", "why", "once fixed"):
        table.add_column(column)
    for h in held:
        d, post = h.draft, h.reply.post
        to = shown(f"{d.platform} {d.handle}")
        why = english_word("held", post.reason)
        table.add_row(str(d.id), d.kind, d.case_number or "—", to, why, _retry(post.outbox_id))
    return table


def _retry(outbox_id: int) -> str:
    return f"mentiondesk outbox retry {outbox_id}"


def _held_words(held: HeldReply) -> str:
    """A case's held reply as the desk's badge says it."""
    return f"approved, not sent: {english_word('held', held.post.reason)}"


def _held_advice(cases: list[queue_views.CaseView]) -> None:
    """Under the table: the command that sends each held reply again (the desk's button)."""
    for c in cases:
        if c.held:
            again = _retry(c.held.post.outbox_id)
            out.print(f"{c.number}: once fixed, `{again}` sends its reply again.", highlight=False)


@drafts_app.command("approve")
def drafts_approve(
    ctx: typer.Context,
    draft_id: Annotated[int, typer.Argument(metavar="ID", help="Draft id (see drafts list).")],
    text: Annotated[str | None, typer.Option(help="Replace the drafted text.")] = None,
    send: Annotated[
        bool,
        typer.Option(
            help="Deliver it now, from this shell (it needs the responders' secrets here); "
            "with --no-send the outbox worker of `mentiondesk run` sends it.",
        ),
    ] = True,
) -> None:
    """Approve a draft; its reply is queued in the outbox and, by default, sent now."""
    config = load(ctx, secrets=send)  # --send delivers: it needs the tokens
    store = open_store(config)
    actor = who()
    with _queue_errors():
        key = queue.approve_draft(
            store, draft_id, by=actor, text=text, post_route=config.settings.routing.post
        )
    out.print(f"Draft {draft_id} approved.")
    if send:
        asyncio.run(_deliver(config, store, key))
    # What the outbox row says, not what this process hoped: a held reply waits for a person.
    out.print(delivery_news(outbox_admin.find(store, key)), highlight=False)


@drafts_app.command("posted")
def drafts_posted(
    ctx: typer.Context,
    draft_id: Annotated[int, typer.Argument(metavar="ID", help="Draft id (see drafts list).")],
    text: Annotated[str | None, typer.Option(help="The text as you posted it.")] = None,
) -> None:
    """Mark a draft as posted by you, on a platform mentiondesk cannot post to (Hacker News):
    the case counts as answered; nothing is sent."""
    config = load(ctx)
    store = open_store(config)
    with _queue_errors():
        queue.approve_draft(
            store,
            draft_id,
            by=who(),
            text=text,
            post_route=config.settings.routing.post,
            by_hand=True,
        )
    out.print(f"Draft {draft_id} marked as posted: its case counts as answered.")


@drafts_app.command("reject")
def drafts_reject(
    ctx: typer.Context,
    draft_id: Annotated[int, typer.Argument(metavar="ID", help="Draft id (see drafts list).")],
) -> None:
    """Reject a draft: nothing is sent."""
    store = open_store(load(ctx))
    actor = who()
    with _queue_errors():
        queue.reject_draft(store, draft_id, by=actor)
    out.print(f"Draft {draft_id} rejected.")


@cases_app.command("list")
def cases_list(
    ctx: typer.Context,
    status: Annotated[
        queue_views.CaseStatus,
        typer.Option(
            help="Which cases: open, resolved or closed.",
            metavar="<status>",
            case_sensitive=False,
        ),
    ] = "open",
    limit: Annotated[int, typer.Option(help="Show at most this many.", min=1)] = 50,
) -> None:
    """Cases whose approved reply the outbox holds first (as the desk's queue), then the most
    urgent, then the longest waiting."""
    config = load(ctx)
    store = open_store(config)
    cases = queue_views.list_cases(store, status=status, limit=limit)
    total = queue_views.count_cases(store, status=status)
    held = sum(1 for c in cases if c.held)
    also = f" · {held:,} with an approved reply the outbox holds" if held else ""
    zone = desk_zone(config)
    title = f"{_title(len(cases), total, f'{status} case')}{also} · times in {zone}"
    out.print(_cases_table(cases, zone, title))
    _held_advice(cases)


def _cases_table(cases: list[queue_views.CaseView], zone: ZoneInfo, title: str) -> Table:
    """Readable at 80 columns: no side borders, what belongs together in one cell (a case's
    opening mention and ticket under its number), parts on lines of their own, and a long
    word folded rather than cut to "negat…"."""
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True)
    held = any(c.held for c in cases)
    # The mention is the opening one: its id is what `relabel` takes when its reading is wrong.
    # Fixed widths but the author's (the longest, and least needed): it is the one folded.
    headers = {"case": 16, "priority": 8, "reading": 14, "frust. (max)": 6, "author": None}
    for header, width in {**headers, "opened": 10, **({"reply": None} if held else {})}.items():
        table.add_column(header, overflow="fold", width=width)
    for c in cases:
        reach = has_followers(c.platform)  # not Hacker News: 0 stored, karma is not reach
        table.add_row(
            "\n".join(_case_lines(c)),
            str(c.priority),
            c.label + (f"/\n{c.reason}" if c.reason else ""),
            str(c.frustration),
            shown(f"{c.platform} {c.handle}") + (f"\n{c.followers:,} followers" * reach),
            c.opened_at.astimezone(zone).strftime("%Y-%m-%d\n%H:%M"),
            *([_held_words(c.held) if c.held else ""] if held else []),
        )
    return table


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
    store = open_store(load(ctx))
    actor = who()
    with _queue_errors():
        case_id = parse_case_number(case)
        queue.close_case(store, case_id, by=actor, status=status)
    audit.record(store, actor, status, case_id=case_id)
    out.print(f"Case {case_number(case_id)} {status}.")


def delivery_news(action: outbox_admin.Waiting | None) -> str:
    """Where an approved reply is now: sent, queued for `mentiondesk run`, or held and why."""
    if action is None:  # not expected: approval and its outbox row commit together
        return "Reply queued: `mentiondesk run` sends it."
    if action.status == "done":
        return "Reply sent."
    why = shown((action.last_error or "").rstrip("."))
    if action.status == "held":
        return (
            f"[yellow]Reply held, not sent:[/] {why}. It waits for a person: once that is "
            f"fixed, run `mentiondesk outbox retry {action.id}`."
        )
    if why:  # a failed try or a rate limit: the outbox tries again with backoff
        return (
            f"[yellow]Reply not sent yet:[/] {why}. `mentiondesk run` tries again "
            f"(`mentiondesk outbox list` shows when; it is action {action.id})."
        )
    return f"Reply queued as outbox action {action.id}: `mentiondesk run` sends it."


def _title(shown: int, total: int, what: str) -> str:
    """'3 open cases', or 'showing 50 of 120 open cases' when --limit cut the list."""
    everything = counted(total, what)
    return everything if shown >= total else f"showing {shown:,} of {everything}"


class _queue_errors:  # noqa: N801 - used as a lower-case context manager like contextlib's
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, queue.NotFound | queue.StaleAction | ValueError | PostByHand):
            err.print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(1)


async def _deliver(config: Config, store: Store, key: str) -> None:
    """Deliver just the approved reply, through the same outbox path the desk uses."""
    responders = build_responders(config)
    try:
        worker = OutboxWorker(store, responders, config.settings.outbox)
        await worker.drain(only_key=key)
    finally:
        for responder in responders.values():
            await responder.close()
