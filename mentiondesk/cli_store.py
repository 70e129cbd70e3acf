"""`mentiondesk store purge`: the retention (`[store] retain_days`) run now, or counted."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mentiondesk import retention
from mentiondesk.cli_common import load, open_store, who
from mentiondesk.cli_values import bounded
from mentiondesk.config_store import MAX_RETAIN_DAYS, MIN_RETAIN_DAYS
from mentiondesk.contacts import mastodon_homes
from mentiondesk.wording import counted

store_app = typer.Typer(
    help="The store: erase personal data older than \\[store] retain_days (LGPD, GDPR).",
    no_args_is_help=True,
)
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)


@store_app.command("purge")
def purge(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would be erased; erase nothing.")
    ] = False,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            **bounded("a number of days", MIN_RETAIN_DAYS, MAX_RETAIN_DAYS),
            help="Keep this many days instead of \\[store] retain_days.",
            metavar="<n>",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Erase the personal data of finished work older than \\[store] retain_days, now.

    Cases resolved or closed before then keep their times, status and survey scores (the
    figures count them) but lose the posts' text, links and authors, the drafts' text, notes,
    corrections and audit details; so do older posts that opened no case. An open case, a
    draft waiting for a person or a reply or alert not yet delivered is never touched. The service
    does the same once a day when retain_days is set. See docs/privacy.md."""
    config = load(ctx)
    keep = days if days is not None else config.settings.store.retain_days
    if keep is None:
        err.print(
            "\\[store] retain_days is not set, so everything is kept; set it (at least "
            f"{MIN_RETAIN_DAYS}) or pass --days N."
        )
        raise typer.Exit(1)
    # On a mistyped url neither a dry run nor a purge makes an empty store and counts zeros.
    store = open_store(config, reading=True)
    try:
        home = mastodon_homes(config.sources)  # its accounts' handles are stored short too
        done = retention.purge(store, keep, by=who(), dry_run=dry_run, home=home)
        kept = retention.waiting(store, keep)
    finally:
        store.dispose()
    if dry_run:
        out.print(f"Older than {keep} days, a purge would erase: {done.summary()}.")
    else:
        out.print(f"Older than {keep} days, erased: {done.summary()}.")
    if any(kept):
        out.print(
            f"Kept for now: {_kept(*kept)} (see `drafts list` and `outbox list --held`); "
            "a later purge erases them once done."
        )


def _kept(cases: int, posts: int) -> str:
    parts = []
    if cases:
        parts.append(f"{counted(cases, 'finished case')} with a draft, reply or alert waiting")
    if posts:
        parts.append(f"{counted(posts, 'post')} with an alert not yet delivered")
    return ", ".join(parts)
