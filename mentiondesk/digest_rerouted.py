"""Alerts queued for a chat before a digest route took them go to that digest.

On a crisis day the alerts come faster than a chat takes them (Slack: 1 a second, so 2,800
alerts are 47 minutes of messages). The team adds a route with `digest_minutes` and restarts;
without this, the alerts already queued would still go one message each, at the chat's pace,
and only the new ones would be gathered. At start, each alert never tried yet (a pace turn's
wait is no try; one tried may be in the chat) and not in a worker's hands that the routes now
send to a digest is moved there: one line in the digest for the post, however many chats it
was queued for."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.alert_routing import DIGEST_PREFIX, alert_targets
from mentiondesk.config import RoutingSection
from mentiondesk.models import ActionKind, Mention
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from playbooks import Playbook

_LOGGER = logging.getLogger("mentiondesk.digest")

Locale = Callable[[Mention, str], str | None]  # the reply's locale, as the playbook decides it


def pinned_rules(playbook: Playbook) -> set[str]:
    """The rules whose alert names its chat (`to = "slack"`): no route decided where it
    goes, so none takes it now."""
    alert = ActionKind.ALERT
    return {r.name for r in playbook.rules if any(a.type is alert and a.to for a in r.actions)}


def reroute_to_digests(
    store: Store,
    routing: RoutingSection,
    *,
    pinned: Collection[str] = (),
    locale: Locale | None = None,
) -> int:
    """Move the pending alerts that `routing` now sends to a digest there; return how many
    posts' alerts were moved. Alerts of the `pinned` rules, digests and notices stay."""
    if not any(r.digest_minutes for r in routing.alert_routes):
        return 0
    moved: set[str] = set()  # the digest keys given a row
    extra: list[int] = []  # the same post's alert queued for another chat: one line is enough
    with store.engine.begin() as conn:
        for row in conn.execute(_untried_alerts(datetime.now(UTC))).all():
            digest = _digest_of(row.payload, routing, pinned, locale)
            if digest is None:
                continue
            key, target = digest
            taken = conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.key == key))
            if key in moved or taken is not None:
                extra.append(row.id)
            else:
                _move(conn, row.id, row.payload, key, target)
                moved.add(key)
        if extra:  # never tried, so never delivered: nothing refers to them yet
            conn.execute(sa.delete(OUTBOX).where(OUTBOX.c.id.in_(extra)))
    if moved:
        _LOGGER.info(
            "%d queued alert(s) moved to their digest route, as the routes now send them "
            "(%d copies for other chats removed)",
            len(moved),
            len(extra),
        )
    return len(moved)


def _untried_alerts(now: datetime) -> sa.Select[tuple[int, str]]:
    """Alerts for a chat never tried and in no worker's hands, oldest first, locked."""
    free = sa.or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now)
    return (
        sa.select(OUTBOX.c.id, OUTBOX.c.payload)
        .where(
            OUTBOX.c.kind == "alert",
            OUTBOX.c.status == "pending",
            # Never tried: one whose try went unanswered may be in the chat already.
            OUTBOX.c.attempts == 0,
            ~OUTBOX.c.target.startswith(DIGEST_PREFIX),
            free,
        )
        .order_by(OUTBOX.c.id)
        .with_for_update(skip_locked=True)  # another worker starting moves the others
    )


def _digest_of(
    payload: str, routing: RoutingSection, pinned: Collection[str], locale: Locale | None
) -> tuple[str, str] | None:
    """The digest key and target the routes now give this alert; None where they give it
    none, or more than the digest, or its rule is pinned to a chat."""
    action = action_from_payload(payload, 0)
    ctx = action.context
    if action.text_only or ctx.rule in pinned:
        return None
    told = locale(ctx.mention, ctx.reading.lang) if locale else None
    targets = alert_targets(routing, ctx.mention, ctx.reading, ctx.rule, told)
    if len(targets) != 1 or not targets[0].startswith(DIGEST_PREFIX):
        return None
    post = ctx.mention
    return f"alert:{targets[0]}:{post.platform}:{post.external_id}:{ctx.rule}", targets[0]


def _move(conn: sa.Connection, row_id: int, payload: str, key: str, target: str) -> None:
    """Give the row its digest's key and target, in its columns and its payload."""
    data = json.loads(payload)
    data.update(key=key, target=target)
    values = {"key": key, "target": target, "payload": json.dumps(data, ensure_ascii=False)}
    conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == row_id).values(values))
