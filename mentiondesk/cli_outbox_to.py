"""`outbox retry … --to NAME`: what may go where, after a responder was removed, renamed or
replaced (Zendesk gave way to Freshdesk, a Slack workspace to Mattermost) while its actions
were held. A ticket takes the follow-ups waiting for it along (outbox_follow_ups); an
approved reply goes only to a poster of its platform, or to the responder `[routing] post`
sends that platform's replies to (a console there, while a team evaluates): sent to a
console otherwise, it was printed, and its case counted as answered, while nobody got it."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.engine import Connection

from mentiondesk import outbox_admin, registry
from mentiondesk.cli_common import who
from mentiondesk.config import Config
from mentiondesk.config_routing import able, refusal
from mentiondesk.outbox_follow_ups import FollowUps, check_ticket_there, move_with
from mentiondesk.store import Store

Refused = outbox_admin.Refused


def fitting(config: Config, kinds: Mapping[str, str], row: outbox_admin.Stored) -> list[str]:
    """The responders that can take `row`, sorted: for a reply, those that post it."""
    fit = able(kinds, row.kind, row.platform)
    if row.kind != "post":
        return fit
    return [name for name in fit if _posts(config, kinds, name, row.platform)]


def retarget(
    conn: Connection,
    config: Config,
    row: outbox_admin.Stored,
    to: str,
    *,
    gone: bool,
) -> str:
    """Move the action to `to`, in the caller's transaction: its new key, or Refused saying
    why and what can take it. `gone`: its own desk is no longer configured (a pending one
    may move too: it is tried nowhere)."""
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    fit = fitting(config, kinds, row)
    if to not in kinds:
        raise Refused(
            f"no responder is named {to!r}; use one that can take this {row.kind}: {names(fit)}"
        )
    if why := refusal(kinds[to], row.kind, row.platform):
        raise Refused(f"{to!r} (kind {kinds[to]}) {why}; use one of: {names(fit)}")
    if row.kind == "post" and to not in fit:
        raise Refused(
            f"{to!r} (kind {kinds[to]}) does not post on {row.platform}: the reply would be "
            "printed, not posted, and its case counted as answered; use a poster for "
            f"{row.platform}: {names(fit)}"
        )
    key = outbox_admin.move(conn, row.id, to, gone=gone)
    check_ticket_there(conn, row, to)  # a follow-up alone: only where its ticket is
    return key


def follow_ups(conn: Connection, config: Config, row: outbox_admin.Stored, to: str) -> FollowUps:
    """A ticket's follow-ups, moved with it to `to` (outbox_follow_ups), or Refused."""
    kinds = {r.name or r.kind: r.kind for r in config.responders}
    cannot = refusal(kinds[to], "comment", row.platform)
    both = [n for n in able(kinds, "ticket") if not refusal(kinds[n], "comment", row.platform)]
    kind = None if cannot is None else f"(kind {kinds[to]}) {cannot}"
    return move_with(conn, row, to, actor=who(), cannot=kind, instead=names(both))


def tickets_first(store: Store, asked: list[int]) -> list[int]:
    """`asked`, tickets first: a follow-up asked with its ticket goes with it (alone, it would
    be refused, its ticket not at the new desk yet)."""
    rows = [(i, outbox_admin.stored(store, i)) for i in asked]
    tickets = {i for i, row in rows if row is not None and row.kind == "ticket"}
    return sorted(asked, key=lambda i: i not in tickets)


def names(fit: list[str]) -> str:
    return ", ".join(fit) or "none is configured: add a [[responders]] table that can"


def _posts(config: Config, kinds: Mapping[str, str], name: str, platform: str) -> bool:
    """Whether `name` posts a reply on `platform`: a poster of it, or the responder the
    routing sends its replies to (a console while a team evaluates: unposted says so)."""
    if getattr(registry.load("responders", kinds[name]), "platform", None) == platform:
        return True
    routes = config.settings.routing.post
    return routes.get(platform, routes.get("default")) == name
