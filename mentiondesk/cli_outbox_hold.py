"""`mentiondesk outbox hold`, `outbox drop` and `outbox look-first`: what an operator does
after restoring a backup, when actions delivered since it are pending again (docs/operations.md,
"Backups"), or with a held action that can never go."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mentiondesk import outbox_hold, registry
from mentiondesk.alert_routing import digest_name
from mentiondesk.cli_common import load, open_existing_store, who
from mentiondesk.cli_values import whole_number
from mentiondesk.config import Config
from mentiondesk.tables import MOST_ID
from mentiondesk.wording import counted

out = Console(soft_wrap=True, emoji=False)  # what was done: a result, for stdout
err = Console(stderr=True, soft_wrap=True, emoji=False)  # what was refused, and warnings
Ids = Annotated[
    list[int] | None,
    typer.Argument(
        metavar="ID",
        help="The actions' ids, as in `outbox list`.",
        show_default=False,
        parser=whole_number("an action id", ", as in `outbox list`", most=MOST_ID),
    ),
]


def add_commands(group: typer.Typer) -> None:
    """Add `hold`, `drop` and `look-first` to the `outbox` command group."""
    group.command("hold")(outbox_hold_command)
    group.command("drop")(outbox_drop_command)
    group.command("look-first")(outbox_look_first)


def outbox_hold_command(
    ctx: typer.Context,
    ids: Ids = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help="Why: `outbox list --held` and the desk's case page show “held by "
            "cli:YOU: TEXT” (without it, “held by cli:YOU”).",
        ),
    ] = None,
) -> None:
    """Hold pending actions until a person releases them with `outbox retry ID…`.

    An id that does not exist, was delivered or is held already is named and left as it is;
    so is one a worker is sending at this moment (holding could not stop that send). The
    others are held, and the exit status is 1 if any was left. Holding a case's ticket names
    the follow-ups waiting for it: none goes until the ticket is released.
    """
    if not ids:
        raise typer.BadParameter("give the id of at least one action", param_hint="ID")
    config = load(ctx)
    actor = who()
    done = outbox_hold.hold(open_existing_store(config), unique(ids), reason=reason, actor=actor)
    if done.changed:
        them = "it" if len(done.changed) == 1 else "them"
        say(
            f"held {counted(len(done.changed), 'action')} ({_ids(done.changed)}): nothing "
            f"sends {them} until `mentiondesk outbox retry {_args(done.changed)}` releases "
            f"{them}; `mentiondesk outbox list --held` shows {them}"
        )
    for ticket, follow_ups in sorted(done.waiting.items()):
        # Nothing files a held ticket by itself: its follow-ups wait for a person.
        verb = "waits" if len(follow_ups) == 1 else "wait"
        say(
            f"ticket action {ticket}: {counted(len(follow_ups), 'follow-up')} "
            f"({_ids(follow_ups)}) {verb} for it: none goes until "
            f"`mentiondesk outbox retry {ticket}` releases the ticket"
        )
    _refused(done.refused, "not held")


def outbox_drop_command(
    ctx: typer.Context,
    ids: Ids = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help="Why: the case's audit trail shows it (“dropped by cli:YOU: TEXT”).",
        ),
    ] = None,
) -> None:
    """Drop held or pending actions for good: they are never sent.

    For a held action that can never go (a reply to someone who left the platform, an
    alert for a chat since removed) or one you know went out before a restore. The report
    counts it as dropped, the case's audit trail says who dropped it and why, and the
    retention may then purge its case. Dropping a case's only ticket holds the follow-ups
    waiting for it, named with what to do. An id that does not exist, was delivered or dropped
    already, or is being sent by a worker at this moment is named and left; the exit
    status is 1 if any was left.
    """
    if not ids:
        raise typer.BadParameter("give the id of at least one action", param_hint="ID")
    config = load(ctx)
    done = outbox_hold.drop(open_existing_store(config), unique(ids), reason=reason, actor=who())
    if done.changed:
        say(f"dropped {counted(len(done.changed), 'action')} ({_ids(done.changed)}): never sent")
    for strand in done.strands:
        say(_stranded(strand))
    _refused(done.refused, "not dropped")


def _stranded(strand: outbox_hold.Strand) -> str:
    """The follow-ups a dropped ticket held, and the commands that send or drop them: the
    ticket was their case's only one at that desk, so nothing sends them by itself."""
    ids, one = strand.follow_ups, len(strand.follow_ups) == 1
    its, it, they = ("its", "it", "it") if one else ("their", "them", "they")
    return (
        f"held {counted(len(ids), 'follow-up')} ({_ids(ids)}) of {strand.number}: {its} ticket "
        f"at {strand.target} (action {strand.ticket}) was dropped, so {they} would wait for "
        f"good; to send {it}, escalate {strand.number} to {strand.target} again (its case "
        f"page in the desk), then `mentiondesk outbox retry {_args(ids)}`; or `mentiondesk "
        f"outbox drop {_args(ids)}`"
    )


def outbox_look_first(
    ctx: typer.Context,
    ids: Ids = None,
    all_pending: Annotated[
        bool, typer.Option("--all-pending", help="Every pending action, instead of IDs.")
    ] = False,
) -> None:
    """Have pending actions look for an earlier send before sending, as after a crash.

    Each counts as tried once, so at its next try a poster (X, Reddit, Bluesky, Mastodon) or
    Slack first looks on the platform for what an earlier try sent, and sends only if it
    finds nothing; help desks find a case's ticket by its number anyway. Run it after
    restoring a backup, before starting: what was delivered since the backup is pending again.
    Teams, Discord and Mattermost webhooks cannot look: the command names those actions, so
    you hold the ones that went out with `outbox hold ID…`.
    """
    picked = chosen(ids, every=all_pending, flag="--all-pending")
    config = load(ctx)
    done = outbox_hold.look_first(open_existing_store(config), picked)
    say(
        f"marked as tried before: {counted(len(done.changed), 'pending action')} (a responder "
        "that can look for an earlier send does so before sending)"
    )
    blind = _blind(config, done.targets)
    for target, those in blind.items():
        say(f"  {target} cannot look: {_ids(those)}")
    if blind:
        say("hold those that went out since the backup: mentiondesk outbox hold ID… --reason TEXT")
    for outbox_id in done.under_way:
        warn(
            f"action {outbox_id} is being sent for the first time right now, without looking "
            "first: check on the platform whether it had gone out already"
        )
    _refused(done.refused, "left")


def _blind(config: Config, targets: dict[int, str]) -> dict[str, list[int]]:
    """The actions, by where they go, whose sink cannot look for an earlier send: a webhook
    chat, a plugin that does not say it can, or a responder no longer configured. A digest
    route collects by key, so a second delivery adds nothing."""
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    digests = {digest_name(r) for r in config.settings.routing.alert_routes if r.digest_minutes}
    blind: dict[str, list[int]] = {}
    for outbox_id, target in sorted(targets.items()):
        kind = kinds.get(target)
        if target in digests or (kind and _finds_earlier(kind)):
            continue
        named = f"{target} ({kind})" if kind else f"{target} (no longer configured)"
        blind.setdefault(named, []).append(outbox_id)
    return blind


def _finds_earlier(kind: str) -> bool:
    return bool(getattr(registry.load("responders", kind), "finds_earlier_send", False))


def _refused(refused: dict[int, str], what: str) -> None:
    for outbox_id, why in sorted(refused.items()):
        warn(f"action {outbox_id} {what}: {why}")
    if refused:
        raise typer.Exit(1)


def chosen(ids: list[int] | None, *, every: bool, flag: str) -> list[int] | None:
    """The ids asked for, each once, or None for `flag` (every action of its kind): one of the
    two, or a usage error naming both."""
    if every == bool(ids):
        raise typer.BadParameter(f"give action ids or {flag} (one of the two)")
    return None if every else unique(ids or [])


def unique(ids: list[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in ids)


def _args(ids: list[int]) -> str:
    """The ids as a command's arguments: "3 4"."""
    return " ".join(str(i) for i in ids)


def say(text: str) -> None:
    """A result: on stdout, where a script reading the command's answer looks."""
    out.print(text, markup=False, highlight=False)


def warn(text: str) -> None:
    """What was refused or needs a person's eye: on stderr."""
    err.print(text, markup=False, highlight=False)
