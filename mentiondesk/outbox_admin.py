"""What an operator sees of the outbox: what waits, why, and a way to send it again now."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import Responder
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_payload import free_dropped
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, MENTION, OUTBOX, WAITING, case_number


@dataclass(frozen=True, slots=True)
class Waiting:
    id: int
    key: str
    kind: str
    target: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    case: str | None = None  # MD-000019, where the action is for a case
    mention_id: int | None = None  # the store's id, as the desk's /mentions/ID and the logs


def waiting(
    store: Store, *, statuses: tuple[str, ...] = WAITING, limit: int = 100
) -> list[Waiting]:
    """Actions not delivered yet, the longest waiting first."""
    query = (
        sa.select(OUTBOX)
        .where(OUTBOX.c.status.in_(statuses))
        .order_by(OUTBOX.c.created_at, OUTBOX.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        about = [_about(r.payload) for r in rows]
        ids = _mention_ids(conn, {m for _, m in about if m})
    return [
        replace(_waiting(r), case=_case(r.case_id, number), mention_id=ids.get(m) if m else None)
        for r, (number, m) in zip(rows, about, strict=True)
    ]


def _about(payload: str) -> tuple[str | None, tuple[str, str] | None]:
    """The case number and the mention (platform, external id) an action's payload names;
    None where it names none (a digest's)."""
    context = json.loads(payload).get("context") or {}
    mention = context.get("mention") or {}
    platform, external = mention.get("platform"), mention.get("external_id")
    return context.get("case_number"), (platform, external) if platform and external else None


def _mention_ids(conn: sa.Connection, mentions: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The store's ids of these mentions (an erased one is no longer there)."""
    if not mentions:
        return {}
    query = sa.select(MENTION.c.platform, MENTION.c.external_id, MENTION.c.id).where(
        MENTION.c.external_id.in_({external for _, external in mentions})
    )
    return {(p, e): int(i) for p, e, i in conn.execute(query) if (p, e) in mentions}


def _case(case_id: int | None, number: str | None) -> str | None:
    return case_number(case_id) if case_id is not None else number


def counts(store: Store) -> dict[str, int]:
    """How many actions are pending and how many held, however many a listing shows."""
    query = (
        sa.select(OUTBOX.c.status, sa.func.count())
        .where(OUTBOX.c.status.in_(WAITING))
        .group_by(OUTBOX.c.status)
    )
    with store.engine.connect() as conn:
        found = {status: int(n) for status, n in conn.execute(query).all()}
    return {"pending": found.get("pending", 0), "held": found.get("held", 0)}


def find(store: Store, key: str) -> Waiting | None:
    """The action with this idempotency key, in whatever status (done once delivered)."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.key == key)).first()
    return None if row is None else _waiting(row)


def _waiting(r: sa.Row[Any]) -> Waiting:
    return Waiting(
        r.id, r.key, r.kind, r.target, r.status, r.attempts, r.next_attempt_at, r.last_error
    )


# What retry() makes due now by default: `outbox retry` also hurries a pending action.
_RETRIED = WAITING


def retry(store: Store, outbox_id: int, *, statuses: tuple[str, ...] = _RETRIED) -> bool:
    """Make a pending or held action due now (a held one is released); False if none such,
    or if it is in none of `statuses` by the time it is updated (("held",): someone else
    released it meanwhile)."""
    with store.engine.begin() as conn:
        return release(conn, outbox_id, statuses=statuses)


def release(conn: sa.Connection, outbox_id: int, *, statuses: tuple[str, ...] = _RETRIED) -> bool:
    """retry() in the caller's transaction, so that its audit line commits with it."""
    now = datetime.now(UTC)
    # A lease still running means a worker is delivering it right now: releasing that would
    # let a second worker send it too. It keeps its lease and is retried when that lapses:
    # judged as the workers judge it (the database's clock on PostgreSQL), not this host's.
    shared = LeaseClock(conn.dialect.name == "postgresql", lambda: now).now()
    lease = sa.case((OUTBOX.c.lease_until > shared, OUTBOX.c.lease_until), else_=None)
    changed = conn.execute(
        sa.update(OUTBOX)
        .where(OUTBOX.c.id == outbox_id, OUTBOX.c.status.in_(statuses))
        .values(status="pending", next_attempt_at=now, lease_until=lease)
    ).rowcount
    return changed == 1


class Refused(Exception):
    """An action that cannot be sent elsewhere; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Stored:
    """One outbox row as `outbox retry` needs it: where it goes and what it carries."""

    id: int
    kind: str
    target: str
    status: str
    platform: str  # of the mention it is about: a post needs a poster for that platform
    key: str = ""
    case_id: int | None = None
    last_error: str | None = None  # why it was held: the audit trail says it


def stored(store: Store, outbox_id: int) -> Stored | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.id == outbox_id)).first()
    if row is None:
        return None
    platform = json.loads(row.payload)["context"]["mention"]["platform"]
    return Stored(
        row.id,
        row.kind,
        row.target,
        row.status,
        str(platform),
        row.key,
        row.case_id,
        row.last_error,
    )


def retarget(store: Store, outbox_id: int, to: str) -> str:
    """move() in a transaction of its own."""
    with store.engine.begin() as conn:
        return move(conn, outbox_id, to)


def move(conn: sa.Connection, outbox_id: int, to: str, *, gone: bool = False) -> str:
    """Send a held action to responder `to` instead, due now; return its (new) key. `gone`:
    its responder is no longer configured, so a pending one is tried nowhere (only held at
    its next try) and may move too, unless a worker holds it right now.

    The key becomes the one the action would have had, had it been routed to `to` in the
    first place (`ticket:zendesk:case:MD-000001`): the key's unique index then still allows
    one ticket per case and desk, so a later escalation to `to` adds nothing, and if `to`
    already has that key (queued or delivered) this refuses instead of sending twice. Nothing
    can have reached `to` under the old key. A post's key names its draft, not its poster,
    and is kept."""
    row = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.id == outbox_id).with_for_update()).first()
    if row is None or not (row.status == "held" or (gone and _idle(conn, row))):
        raise Refused(
            f"action {outbox_id} is not held: only a held action can be sent elsewhere "
            "(a pending one is still being tried where it was routed)"
        )
    return shift(conn, row, to)


def _idle(conn: sa.Connection, row: sa.Row[Any]) -> bool:
    """Pending, and no worker's lease on it is running (judged as the workers judge it)."""
    now = datetime.now(UTC)
    free = LeaseClock(conn.dialect.name == "postgresql", lambda: now).free(OUTBOX.c.lease_until)
    query = sa.select(OUTBOX.c.id).where(OUTBOX.c.id == row.id, OUTBOX.c.status == "pending")
    return conn.scalar(query.where(free)) is not None


def shift(conn: sa.Connection, row: sa.Row[Any], to: str, *, held: bool = False) -> str:
    """move() of a row the caller read and locked: to `to`, under its key there, due now
    (or, `held`, still held: a person held it); Refused where `to` has that key already."""
    key = retargeted_key(row.key, row.kind, row.target, to)
    if key != row.key:
        free_dropped(conn, key)  # dropped there, never sent: no reason to refuse
    if key != row.key and _key_taken(conn, key):
        raise Refused(
            f"{to!r} already has this action (key {key}): it was queued or sent there; "
            "there is nothing to send again"
        )
    payload = {**json.loads(row.payload), "key": key, "target": to}
    conn.execute(
        sa.update(OUTBOX)
        .where(OUTBOX.c.id == row.id)
        .values(
            key=key,
            target=to,
            payload=json.dumps(payload, ensure_ascii=False),
            status="held" if held else "pending",
            next_attempt_at=datetime.now(UTC),
            lease_until=None,
            # The old desk's error, not `to`'s: kept, it read as a failure there (a follow-up
            # "waits for the ticket to be filed" before `to` ever saw it). A hold keeps its.
            **({} if held else {"last_error": None}),
        )
    )
    return key


def retargeted_key(key: str, kind: str, old: str, new: str) -> str:
    """`key` with target `old` replaced by `new`, in each form the outbox's keys take:
    `KIND:TARGET:…` (alerts, tickets, comments), `digest:ROUTE:ID:TARGET`; else unchanged."""
    if key.startswith(f"{kind}:{old}:"):
        return f"{kind}:{new}:{key[len(kind) + len(old) + 2 :]}"
    if key.startswith("digest:") and key.endswith(f":{old}"):
        return key[: -len(old)] + new
    return key


def _key_taken(conn: sa.Connection, key: str) -> bool:
    taken = sa.union_all(
        sa.select(OUTBOX.c.id).where(OUTBOX.c.key == key),
        sa.select(DELIVERY.c.id).where(DELIVERY.c.key == key),
    )
    return conn.execute(taken).first() is not None


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool | None  # None: this sink cannot be checked without sending something
    detail: str


async def check_responders(responders: Mapping[str, Responder]) -> list[CheckResult]:
    """Ask every responder that can (`async check() -> str`) whether its URL and token work."""
    results = await asyncio.gather(*(_check(n, r) for n, r in responders.items()))
    return list(results)


async def _check(name: str, responder: Responder) -> CheckResult:
    check = getattr(responder, "check", None)
    if check is None:
        # Each sink says why in its own words (a console has no URL; a webhook has no read).
        note = getattr(responder, "check_note", "cannot be checked without sending something")
        return CheckResult(name, None, str(note))
    try:
        return CheckResult(name, True, str(await check()))
    except Exception as exc:
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}")
