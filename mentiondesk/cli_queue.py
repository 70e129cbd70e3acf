"""`mentiondesk drafts …`: work the approval queue from a terminal (and what the queue's
commands share: their titles, their errors, the retry command of a held reply)."""

from __future__ import annotations

import asyncio
from contextlib import AbstractContextManager
from typing import Annotated, get_args

import typer
from rich.console import Console
from rich.table import Table

from mentiondesk import cli_drafts_bulk, cli_json, outbox_admin, queue, queue_views
from mentiondesk.cli_common import (
    ShowAtMost,
    load,
    open_existing_store,
    open_store,
    refused,
    status_option,
    who,
)
from mentiondesk.cli_text import addressee, shown
from mentiondesk.cli_values import FormatOption, whole_number
from mentiondesk.config import Config
from mentiondesk.hand_posting import PostByHand
from mentiondesk.held_replies import AS_RECORDED, PERSON_HELD, PERSONS_HOLDS, PostState
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_pace import paces
from mentiondesk.plugins import build_responders
from mentiondesk.store import Store
from mentiondesk.tables import MOST_ID
from mentiondesk.wording import counted, english_word

drafts_app = typer.Typer(
    help="Drafted replies waiting for a person: list, approve, reject, posted (by hand).",
    no_args_is_help=True,
)
out = Console(soft_wrap=True, emoji=False)
DraftId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        help="Draft id (see drafts list).",
        parser=whole_number("a draft id", ", as in `drafts list`", most=MOST_ID),
    ),
]
DraftIds = Annotated[
    list[int] | None,
    typer.Argument(
        metavar="ID",
        help="Draft ids (see drafts list).",
        parser=whole_number("a draft id", ", as in `drafts list`", most=MOST_ID),
        show_default=False,
    ),
]


@drafts_app.command("list")
def drafts_list(
    ctx: typer.Context,
    status: Annotated[
        queue_views.DraftStatus, status_option("draft", get_args(queue_views.DraftStatus))
    ] = "pending",
    limit: ShowAtMost = 50,
    format: FormatOption = "text",
) -> None:
    """Drafts, oldest first; above the pending ones, approved replies the outbox holds.
    --format json: for a script (docs/cli.md has its keys)."""
    store = open_store(load(ctx), reading=True)
    try:
        drafts = queue_views.list_drafts(store, status=status, limit=limit)
        total = queue_views.count_drafts(store, status=status)
        # The approval queue starts where the desk's does: with the authors never answered.
        held = queue_views.list_held(store, limit=limit) if status == "pending" else []
    finally:
        store.dispose()
    if format == "json":
        cli_json.write(cli_json.drafts(drafts, held, status=status, total=total))
        return
    if held:
        out.print(_held_table(held), "")
    title = listed_title(len(drafts), total, f"{status} draft")
    out.print(_drafts_table(drafts, title) if out.width >= _WIDE else _stacked(drafts, title))


_WIDE = 120  # below it, a column each leaves the text a sliver: the text goes under its facts


def _drafts_table(drafts: list[queue_views.DraftView], title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "kind", "case", "mention", "to", "lang", "text"):
        table.add_column(column, no_wrap=column == "to")  # the text wraps; a handle is whole
    for d in drafts:
        table.add_row(
            str(d.id),
            d.kind,
            d.case_number or "—",
            str(d.mention_id),
            addressee(d.platform, d.handle, _room()),
            shown(d.lang),  # a hand reply's is the mention's reading, maybe a platform's tag
            shown(d.text),
        )
    return table


def _stacked(drafts: list[queue_views.DraftView], title: str) -> Table:
    """At 80 columns: each draft's facts on a line ("private · MD-000001 · mention 3 · to x
    @ana · en"), its text under them, as wide as the terminal allows."""
    table = Table(title=title, show_lines=True)
    table.add_column("id")
    table.add_column("draft: kind · case · mention · to · language, then its text")
    for d in drafts:
        to = addressee(d.platform, d.handle, max(out.width - 14, 12))
        facts = [d.kind, d.case_number or "", f"mention {d.mention_id}", f"to {to}", shown(d.lang)]
        table.add_row(str(d.id), " · ".join(f for f in facts if f) + "\n" + shown(d.text))
    return table


def _held_table(held: list[queue_views.HeldView]) -> Table:
    what = counted(len(held), "approved reply held, not sent", "approved replies held, not sent")
    table = Table(title=f"{what} (the authors were not answered)")
    for column in ("id", "kind", "case", "to", "why", "to send it again"):
        table.add_column(column, no_wrap=column == "to")
    for h in held:
        d, post = h.draft, h.reply.post
        to = addressee(d.platform, d.handle, _room())
        why = held_why(post)
        table.add_row(
            str(d.id), d.kind, d.case_number or "—", to, why, retry_command(post.outbox_id)
        )
    return table


def _room() -> int:
    """The room for a handle in a list of drafts: at 80 columns, the 17 cells that leave the
    text a column it can be read in."""
    return max(out.width - 63, 12)


def held_why(post: PostState) -> str:
    """Why a reply is held, as the desk says it; a person's hold with what they recorded (who
    and why, "cli:ana: waiting for legal"), which the case page shows under its words."""
    words = english_word("held", post.reason)
    if post.reason == AS_RECORDED:  # an older hold's bare reason: "held: waiting for legal"
        return f"{words}: {shown(post.last_error or '')}"
    if post.reason != "by-person":
        return words
    return f"{words} ({shown((post.last_error or '').removeprefix(PERSON_HELD))})"


def once(post: PostState) -> str:
    """When to send a held reply again: a person's hold is not a fault to fix."""
    return "once it may go" if post.reason in PERSONS_HOLDS else "once fixed"


def retry_command(outbox_id: int) -> str:
    """The command that sends a held reply again (the desk's button)."""
    return f"mentiondesk outbox retry {outbox_id}"


@drafts_app.command("approve")
def drafts_approve(
    ctx: typer.Context,
    draft_id: DraftId,
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
    store = open_existing_store(config)
    actor = who()
    with queue_errors():
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
    draft_id: DraftId,
    text: Annotated[str | None, typer.Option(help="The text as you posted it.")] = None,
) -> None:
    """Mark a draft as posted by you, on a platform mentiondesk cannot post to (Hacker News):
    the case counts as answered; nothing is sent."""
    config = load(ctx)
    store = open_existing_store(config)
    with queue_errors():
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
    draft_ids: DraftIds = None,
    rule: Annotated[str | None, typer.Option(help="Drafts of this playbook rule.")] = None,
    platform: Annotated[str | None, typer.Option(help="Replies on this platform (x).")] = None,
    lang: Annotated[
        str | None, typer.Option(help="In this language: pt-BR, or pt for every Portuguese.")
    ] = None,
    public: Annotated[
        bool | None, typer.Option("--public/--private", help="Public replies or private ones.")
    ] = None,
    older_than: Annotated[
        str | None, typer.Option(metavar="AGE", help="Drafted at least this long ago: 2h, 1d.")
    ] = None,
    case: Annotated[str | None, typer.Option(metavar="CASE", help="Of case MD-000123.")] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Reject what several ids or the filters match.")
    ] = False,
) -> None:
    """Reject drafts: nothing is sent. One ID is rejected at once; several, or filters (all
    must hold), show how many drafts match and the oldest few, and reject them with --yes.
    A draft someone decided or edited meanwhile is skipped (exit status 1)."""
    wanted = cli_drafts_bulk.filters(draft_ids, rule, platform, lang, public, older_than, case)
    draft_id = cli_drafts_bulk.one_id(wanted)
    if draft_id is None:
        cli_drafts_bulk.reject_many(ctx, wanted, yes=yes, out=out)
        return
    store = open_existing_store(load(ctx))
    actor = who()
    with queue_errors():
        queue.reject_draft(store, draft_id, by=actor)
    out.print(f"Draft {draft_id} rejected.")


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


def listed_title(shown: int, total: int, what: str) -> str:
    """'3 open cases', or 'showing 50 of 120 open cases' when --limit cut the list."""
    everything = counted(total, what)
    return everything if shown >= total else f"showing {shown:,} of {everything}"


def queue_errors() -> AbstractContextManager[None]:
    """A refused queue command says why in red and exits 1."""
    kinds = (queue.NotFound, queue.StaleAction, queue.EmptyReply, queue.ReplyTooLong)
    return refused(*kinds, PostByHand)


async def _deliver(config: Config, store: Store, key: str) -> None:
    """Deliver just the approved reply, through the same outbox path the desk uses."""
    responders = build_responders(config)
    try:
        pace = paces(responders, config.responders)
        worker = OutboxWorker(store, responders, config.settings.outbox, pace=pace)
        await worker.drain(only_key=key)
    finally:
        for responder in responders.values():
            await responder.close()
