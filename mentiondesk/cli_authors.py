"""`mentiondesk authors …`: the do-not-contact list (people who asked us to stop)."""

from __future__ import annotations

import sys
from functools import partial
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mentiondesk import (
    audit,
    author_export,
    cli_json,
    cli_json_admin,
    contacts,
    erasure,
    forgotten,
    queue,
)
from mentiondesk.author_lookup import Wanted, not_found, stored_authors
from mentiondesk.cli_common import err, load, open_existing_store, open_store, refused, who
from mentiondesk.cli_text import shown
from mentiondesk.cli_values import FormatOption
from mentiondesk.config import Config
from mentiondesk.erasure_copies import Elsewhere, described
from mentiondesk.erasure_payloads import BeingSent
from mentiondesk.models import handle_shown, handle_typed
from mentiondesk.store import Store
from mentiondesk.wording import counted

authors_app = typer.Typer(
    help="Authors: the do-not-contact list (no private message is ever drafted or sent), and "
    "exporting or erasing an author's data on request.",
    no_args_is_help=True,
)
# The audit's words for an account taken off the list when only its fingerprint is left.
_ERASED_ACCOUNT = "an account no longer stored"
out = Console(soft_wrap=True, emoji=False)

# One author is named the same way in every command: a handle, or their account id or a post.
Platform = Annotated[
    str, typer.Argument(metavar="PLATFORM", help="x, reddit, mastodon, bluesky, …")
]
Handle = Annotated[
    str,
    typer.Argument(
        metavar="HANDLE",
        help="The author's handle, as in `cases list`, or give --id/--post.",
        parser=handle_typed,  # "u/ana" copied from a list finds ana, as "@ana" does
    ),
]
AccountId = Annotated[
    str, typer.Option("--id", metavar="ID", help="The platform's account id instead.")
]
PostUrl = Annotated[
    str, typer.Option("--post", metavar="URL", help="The link of one of their posts instead.")
]


@authors_app.command("do-not-contact")
def do_not_contact(
    ctx: typer.Context,
    platform: Platform,
    handle: Handle = "",
    account_id: AccountId = "",
    post: PostUrl = "",
    undo: Annotated[bool, typer.Option("--undo", help="Take them off the list.")] = False,
) -> None:
    """Stop (or, with --undo, allow again) private messages to an author.

    Their pending private drafts are withdrawn; --undo brings none of them back. A handle not
    seen yet is listed for when its author first posts. Someone who renamed their account is
    stored under the handle of their last post: find them by --id or --post."""
    _one_of(handle, account_id, post)
    config = load(ctx)
    store = open_store(config)
    actor = who()
    only: tuple[int, ...] = ()  # by handle: every account stored under it
    try:
        with refused(queue.NotFound):
            if account_id or post:
                wanted = Wanted(platform.strip().lower(), "", account_id.strip(), post)
                if undo and account_id and _unlist_forgotten(store, wanted, actor):
                    out.print(
                        f"{shown(wanted.searched())} on {shown(platform)} may be contacted again."
                    )
                    return
                only, handle = _stored_authors(store, wanted)  # that account, not its handle's
            listing = contacts.set_do_not_contact(
                store,
                platform,
                handle,
                by=actor,
                value=not undo,
                home=_mastodon_homes(config),
                only=only,
            )
            if not listing.already or listing.withdrawn:  # audited unless it changed nothing
                audit.record_listing(store, actor, listing, listed=not undo)
    finally:
        store.dispose()
    who_where = f"{shown(handle)} on {shown(platform)}"
    if undo:
        out.print(f"{who_where} may be contacted again.")
        return
    if listing.unseen:
        _print_unseen(who_where, already=listing.already)
        return
    if listing.already:
        nothing = "" if listing.withdrawn else "; nothing changed"
        out.print(f"{who_where} was already on the do-not-contact list{nothing}.")
    else:
        out.print(f"{who_where} is on the do-not-contact list.")
    if listing.withdrawn:  # for someone listed already: drafts an older release left pending
        out.print(f"{counted(listing.withdrawn, 'pending private draft')} withdrawn.")


def _unlist_forgotten(store: Store, wanted: Wanted, actor: str) -> bool:
    """Take an account no longer stored (erased, or blanked by the retention) off the list:
    all that is left of it is its fingerprint, found by its account id. False when the
    account is stored (listed as any) or was not listed."""
    with store.engine.begin() as conn:
        if stored_authors(conn, wanted)[0]:
            return False
        if not forgotten.drop_forgotten(conn, wanted.platform, wanted.account_id):
            return False
    # No handle and no post to file it under: the trail says so, naming nobody.
    audit.record(store, actor, "allow-contact", detail=f"{wanted.platform}: {_ERASED_ACCOUNT}")
    return True


def _print_unseen(who_where: str, *, already: bool) -> None:
    if already:
        out.print(f"{who_where}: not seen yet; already listed for when they post; nothing changed.")
        return
    out.print(
        f"{who_where}: not seen yet; listed: no private message will be drafted when they "
        "post. If they renamed their account since their last post, list them by --id ID or "
        "--post URL too."
    )


@authors_app.command("list")
def list_authors(ctx: typer.Context, format: FormatOption = "text") -> None:
    """Authors on the do-not-contact list."""
    store = open_store(load(ctx), reading=True)
    try:
        rows = contacts.do_not_contact_list(store)
    finally:
        store.dispose()
    if format == "json":
        cli_json.write(cli_json_admin.authors(rows))
        return
    table = Table(title=f"{counted(len(rows), 'author')} on the do-not-contact list")
    for column in ("platform", "handle", "name"):
        table.add_column(column, no_wrap=column != "name")  # the name wraps; a handle is whole
    for platform, handle, name in rows:
        table.add_row(shown(platform), shown(handle_shown(platform, handle)), shown(name))
    out.print(table)


@authors_app.command("forget")
def forget(
    ctx: typer.Context,
    platform: Platform,
    handle: Handle = "",
    account_id: AccountId = "",
    post: PostUrl = "",
    yes: Annotated[bool, typer.Option("--yes", help="Erase without asking.")] = False,
) -> None:
    """Erase everything stored about an author, on their request (LGPD, GDPR).

    Their mentions, cases, drafts, notes, corrections and replies not yet sent are deleted;
    delivered actions and audit lines about them are kept, blanked (who did what, when); the
    audit trail keeps that an erasure happened, not whose. If they asked not to be
    contacted, only a fingerprint of their account is kept so that they stay on the list.
    Backups are not touched: see docs/privacy.md. An author who renamed their account
    and has not posted since is stored under their old handle: find them by --id or --post."""
    _one_of(handle, account_id, post)
    config = load(ctx)
    store = open_existing_store(config)  # nothing to erase where there is no store
    erase = partial(
        erasure.erase,
        store,
        platform,
        handle,
        by=who(),
        account_id=account_id,
        post_url=post,
        home=_mastodon_homes(config),
    )
    try:
        with refused(queue.NotFound, BeingSent):
            plan = erase(dry_run=True)
            erasing = f"Erasing {shown(handle or account_id or post)} on {shown(platform)}"
            out.print(
                f"{erasing} deletes: {plan.deleted()}; blanks, keeping the rows: {plan.blanked()}."
            )
            _print_already(plan)
            _print_elsewhere(plan.elsewhere, config)
            if not yes and not typer.confirm("Erase? This cannot be undone", default=False):
                err.print("Nothing erased.")
                raise typer.Exit(1)
            done = erase()
    finally:
        store.dispose()
    out.print(f"Erased: {done.summary()}.")
    if done != plan:  # counted and erased in two transactions: the desk kept working between
        out.print("That differs from the counts above: the store changed in the meantime.")
    if done.elsewhere != plan.elsewhere:
        _print_elsewhere(done.elsewhere, config)
    elif done.elsewhere.by_hand(_kinds(config)):
        out.print("The copies listed above, outside the store, were not erased: delete them.")
    if done.listed:
        out.print("They stay on the do-not-contact list (as a fingerprint of their account).")


# `authors erase`, as the help and the laws word it (LGPD's eliminação, GDPR's erasure): a DPO
# typing it got "No such command". The same command, not listed twice.
authors_app.command("erase", hidden=True)(forget)


def _one_of(*given: str) -> None:
    # "@" or a blank is nobody (a script's empty variable), never the retention's blanked
    # authors, whose handle is "".
    if len([g for g in given if g.strip().lstrip("@").strip()]) != 1:
        err.print("[red]Give one of HANDLE, --id ID or --post URL.[/]")
        raise typer.Exit(2)


def _stored_authors(store: Store, wanted: Wanted) -> tuple[tuple[int, ...], str]:
    with store.engine.connect() as conn:
        ids, handle = stored_authors(conn, wanted)
        if not ids:
            raise queue.NotFound(not_found(conn, wanted))
    return ids, handle


def _print_already(plan: erasure.Erasure) -> None:
    """The delivered actions the retention blanked before: kept, not counted as blanked."""
    if plan.already_blank:
        n = counted(plan.already_blank, "delivered action")
        out.print(f"Already blank (blanked by the retention policy before), left unchanged: {n}.")


def _kinds(config: Config) -> dict[str, str]:
    return {r.name or r.kind: r.kind for r in config.responders}


def _print_elsewhere(elsewhere: Elsewhere, config: Config) -> None:
    for line in described(elsewhere, _kinds(config)):
        out.print(shown(line))


def _mastodon_homes(config: Config) -> frozenset[str]:
    return contacts.mastodon_homes(config.sources)


@authors_app.command("export")
def export(
    ctx: typer.Context,
    platform: Platform,
    handle: Handle = "",
    account_id: AccountId = "",
    post: PostUrl = "",
    format: FormatOption = "text",
) -> None:
    """Print everything stored about an author, to answer their access request (LGPD, GDPR).

    Their author row, mentions (text included: it is for them), readings, cases, follow-ups,
    drafts, notes, corrections, survey answers, audit lines about them, outbox actions with
    their payloads, and alerts collected for digests. Send it to them, not to a chat. An
    author who renamed their account and has not posted since is stored under their old
    handle: find them by --id or --post."""
    _one_of(handle, account_id, post)
    config = load(ctx)
    store = open_store(config, reading=True)
    home = _mastodon_homes(config)
    try:
        with refused(queue.NotFound):
            data = author_export.export(
                store, platform, handle, account_id=account_id, post_url=post, home=home
            )
    finally:
        store.dispose()
    if format == "json":  # a stranger's text as written, never a raw control a terminal acts on
        text = cli_json.terminal_safe(author_export.as_json(data))
    else:
        text = author_export.as_text(data)
    sys.stdout.write(text + "\n")
