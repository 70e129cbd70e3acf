"""`mentiondesk outbox retry`: release held actions, or send them elsewhere, several at once
(after a revoked token held every ticket, an operator should not loop over ids)."""

from __future__ import annotations

import json
from typing import Annotated

import sqlalchemy as sa
import typer
from sqlalchemy.engine import Connection

from mentiondesk import audit, case_tickets, outbox_admin
from mentiondesk.alert_routing import digest_name
from mentiondesk.cli_common import load, open_existing_store, who
from mentiondesk.cli_outbox_hold import Ids, chosen, say, warn
from mentiondesk.cli_outbox_to import fitting, follow_ups, names, retarget, tickets_first
from mentiondesk.config import Config
from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.models import BESIDE, REUSED
from mentiondesk.outbox_follow_ups import FollowUps
from mentiondesk.outbox_refused import REFUSED
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX, WAITING
from mentiondesk.wording import counted

Refused = outbox_admin.Refused


class NotRetried(Refused):
    """An action that is not there, or not pending or held: said as `outbox hold` says it
    ("action 3 not retried: delivered already"), alone or among other ids."""


def outbox_retry(
    ctx: typer.Context,
    ids: Ids = None,
    all_held: Annotated[
        bool, typer.Option("--all-held", help="Every held action, instead of IDs.")
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME",
            help="Send held actions to this configured responder instead (one that can take "
            "them); a ticket takes the follow-ups waiting for it along.",
        ),
    ] = None,
    held_for: Annotated[
        str | None,
        typer.Option(
            "--held-for",
            metavar="NAME",
            help="The actions held when this responder refused them all (a deleted webhook, "
            "a revoked token), once it is fixed; not those a person held. With --to, for a "
            "responder no longer configured (renamed or replaced): every action held for it.",
        ),
    ] = None,
    reused_numbers: Annotated[
        bool,
        typer.Option(
            "--reused-numbers",
            help="The tickets and follow-ups held because their case number, reused after a "
            "restore, matched another customer's ticket: each is filed as a separate ticket "
            "beside it.",
        ),
    ] = False,
) -> None:
    """Make pending or held actions due now (held ones are released).

    It does not send them itself: a running `mentiondesk run` sends them at its next outbox
    pass (every outbox.poll_seconds, 1 s by default); with none running, the next run does.
    An action that cannot be retried is named with why and left as it is; the others are
    retried, and the exit status is 1 if any was left. A follow-up whose case's ticket was
    dropped is one: escalate the case to that help desk again first (the outbox would only
    hold it again); so is one whose case's ticket went to another help desk without it:
    `--to` that desk sends it there (`outbox list --held` names it).

    Some tickets and follow-ups are held because their case number, reused after a restore,
    matched another customer's ticket. Once you release one, it is filed as a separate ticket
    beside that customer's, not added to it.

    After a help desk was replaced or renamed in config.toml, `--to NAME` sends a held ticket
    there (or one still pending for a responder no longer configured), with the case's
    follow-ups waiting for it: they go on that ticket once it is filed.
    """
    alone = _one_way(ids, all_held=all_held, held_for=held_for, reused=reused_numbers)
    picked = None if alone else chosen(ids, every=all_held, flag="--all-held")
    config = load(ctx)
    store = open_existing_store(config)
    if reused_numbers:
        asked = _reused(store)
        if not asked:
            say("no ticket is held for a reused case number")
            return
    configured = sorted({r.name or r.kind for r in config.responders})
    if not reused_numbers:
        gone = to is not None and held_for is not None and held_for not in configured
        asked = _held(store, held_for, every=gone) if picked is None else picked
    if held_for is not None and not asked:
        if held_for not in configured:  # a typo must not pass as "nothing to release" (exit 0)
            listed = ", ".join(configured)
            warn(f"no responder is named {held_for!r}; the responders are: {listed}")
            raise typer.Exit(1)
        say(f"no action is held for {held_for!r} after it refused them all")
        return
    done: list[int] = []
    refused: dict[int, str] = {}
    along: set[int] = set()  # follow-ups moved with their ticket: asked too, done already
    for outbox_id in tickets_first(store, asked) if to else asked:
        if outbox_id in along:
            done.append(outbox_id)
            continue
        try:
            along.update(_retry(config, store, outbox_id, to))
            done.append(outbox_id)
        except NotRetried as exc:
            refused[outbox_id] = str(exc)
        except Refused as exc:
            refused[outbox_id] = str(exc) if len(asked) == 1 else f"action {outbox_id} left: {exc}"
    _report(config, done, refused, asked=len(asked))


def _held(store: Store, target: str | None = None, *, every: bool = False) -> list[int]:
    """The held actions' ids; with `target`, only those it refused as a whole (outbox_refused):
    one a person held, or one refused for itself, would go out, or be held again. `every`:
    `target` is no longer configured (and they go elsewhere: --to), so each held for it is
    one, held as it refused them or as it was not there; still not one a person held."""
    held = outbox_admin.waiting(store, statuses=("held",), limit=1_000_000)
    if target is None:
        return [r.id for r in held]
    if every:
        mine = [r for r in held if r.target == target]
        return [r.id for r in mine if not str(r.last_error or "").startswith(PERSON_HELD)]
    refused = [r for r in held if r.target == target and r.last_error]
    return [r.id for r in refused if str(r.last_error).startswith(REFUSED)]


def _one_way(ids: Ids, *, all_held: bool, held_for: str | None, reused: bool) -> bool:
    """Whether --held-for or --reused-numbers chose the actions (each alone); BadParameter
    where no way, or two, were given."""
    if reused and (ids or all_held or held_for is not None):
        raise typer.BadParameter(
            "give --reused-numbers alone, without ids, --all-held or --held-for"
        )
    if held_for is not None and (ids or all_held):
        raise typer.BadParameter("give --held-for NAME alone, without ids or --all-held")
    alone = held_for is not None or reused
    if not alone and not ids and not all_held:  # all four ways, not chosen()'s two
        raise typer.BadParameter(
            "give action ids, --all-held or --held-for NAME (one of them), or --reused-numbers "
            "for the tickets held as another customer's"
        )
    return alone


def _reused(store: Store) -> list[int]:
    """The held tickets and follow-ups whose case number found another customer's ticket."""
    held = outbox_admin.waiting(store, statuses=("held",), limit=1_000_000)
    return [r.id for r in held if REUSED in str(r.last_error or "")]


def _retry(config: Config, store: Store, outbox_id: int, to: str | None) -> tuple[int, ...]:
    """Release (or, with `to`, send elsewhere) one action and audit it, in one transaction:
    both land or neither does; the follow-ups moved with it (a ticket's, with `to`). Refused
    says why not."""
    row = outbox_admin.stored(store, outbox_id)
    if row is None:
        raise NotRetried(f"no action with id {outbox_id}")
    if row.status not in WAITING:
        raise NotRetried(f"action {outbox_id} not retried: {_status(row.status)}")
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    key, follow = row.key, FollowUps()
    with store.engine.begin() as conn:
        if to is None:
            _has_ticket(conn, row)
            _release(conn, row, _targets(config, kinds), fitting(config, kinds, row))
            if row.status == "held" and REUSED in str(row.last_error or ""):
                _file_beside(conn, row.id)
        else:
            gone = row.target not in _targets(config, kinds)
            key = retarget(conn, config, row, to, gone=gone)
        audit.write_resend(
            conn,
            who(),
            key=row.key,
            case_id=row.case_id,
            held=row.status == "held",
            last_error=row.last_error,
            to=to,
        )
        if to is not None:  # after the ticket's line, as they follow it
            follow = follow_ups(conn, config, row, to)
    if to is not None:
        say(f"action {row.id} now goes to {to} (key {key}){follow.said()}")
    return follow.moved


def _report(config: Config, done: list[int], refused: dict[int, str], *, asked: int) -> None:
    every = config.settings.outbox.poll_seconds
    if not asked:
        say("no action is held")
    elif len(done) == 1:
        say(
            f"action {done[0]} is due now: a running `mentiondesk run` sends it within "
            f"{every:g} s; with none running, the next `mentiondesk run` does"
        )
    elif done:
        say(
            f"{counted(len(done), 'action')} due now ({', '.join(map(str, done))}): a running "
            f"`mentiondesk run` sends them within {every:g} s; with none running, the next does"
        )
    for _, why in sorted(refused.items()):
        warn(why)
    if refused:
        raise typer.Exit(1)


def _targets(config: Config, kinds: dict[str, str]) -> set[str]:
    """Where an action can go now: a configured responder or an alert route's digest."""
    routes = config.settings.routing.alert_routes
    return {*kinds, *(digest_name(r) for r in routes if r.digest_minutes)}


def _release(conn: Connection, row: outbox_admin.Stored, targets: set[str], fit: list[str]) -> None:
    if row.target not in targets:
        raise Refused(
            f"action {row.id} goes to {row.target!r}, which is no longer configured: retrying "
            f"would only hold it again; send it elsewhere with --to NAME ({names(fit)})"
        )
    if not outbox_admin.release(conn, row.id):  # delivered, or dropped, since it was read
        now = conn.scalar(sa.select(OUTBOX.c.status).where(OUTBOX.c.id == row.id))
        raise NotRetried(f"action {row.id} not retried: {_status(str(now or 'done'))}")


def _has_ticket(conn: Connection, row: outbox_admin.Stored) -> None:
    """A follow-up whose case has no ticket at its desk, queued or filed (it was dropped),
    is held again at its next claim (outbox_claim): "due now" would be untrue. Refused with
    what sends it (case_tickets.stranded's reason), in the transaction of the release."""
    if row.kind != "comment" or row.case_id is None:
        return
    why = case_tickets.stranded(conn, [(row.id, row.case_id, row.target)]).get(row.id)
    if why is not None:
        raise NotRetried(f"action {row.id} not retried, as the outbox would hold it again: {why}")


def _file_beside(conn: Connection, outbox_id: int) -> None:
    """A person has seen the hold: the action's ticket is now filed beside the other
    customer's under its number (responders._helpdesk.beside), not held again for it."""
    stored = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.id == outbox_id))
    payload = json.loads(str(stored))
    payload["extra"] = {**(payload.get("extra") or {}), BESIDE: True}
    text = json.dumps(payload, ensure_ascii=False)
    conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == outbox_id).values(payload=text))


def _status(status: str) -> str:
    return "delivered already" if status == "done" else f"it is {status}"
