"""Stop-and-alert: a source stopped for good (a revoked token, a wrong account) queues one
notice through the outbox to the team chat, so the people in it learn a platform went unread.

It goes where an alert goes when no `[[routing.alert_routes]]` matches, `routing.alert`: the
team's own chat, never a digest (it must not wait an hour). Its key names the source, the
error and the source's last good read (its cursor's `updated_at`), not the moment this process
stopped: every worker that polls the source stops on the same revoked token, each at its own
moment, and all of them make the one key the outbox keeps once. A retry, a second outbox pass
or a restart on the same bad token sends nothing more; a later stop, after the source read
again, is a new notice."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial

import sqlalchemy as sa

from mentiondesk.models import NOTICE, OutboxAction, Wording, notice_context, scrub
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.periodic import wait_or_stop
from mentiondesk.store import Store
from mentiondesk.tables import CURSOR, OUTBOX

_LOGGER = logging.getLogger(__name__)
KEY_PREFIX = "source-stopped"
TOPIC = "source_stopped"
RETRY_CAP = 60.0  # seconds between tries to queue it while the store is down
ONCE_TRIES = 6  # a single run (`mentiondesk run`) gives up after ~30 s rather than hang


def stop_key(source: str, error: str, read_at: datetime | None, target: str) -> str:
    """`source-stopped:NAME:ERROR:20261203T141500.123456Z:TARGET`, the time the source last
    read fine (`never` for one that never did): one notice per stop and sink, whichever worker
    queues it. The error's class cut short: the key, source and target fit the column."""
    moment = read_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ") if read_at else "never"
    return f"{KEY_PREFIX}:{source}:{error[:40]}:{moment}:{target}"


def notice_text(wording: Wording, *, source: str, error: str, reason: str) -> str:
    """Plain lines in the team's language; each chat escapes them as it writes them."""
    head = "Source {source} stopped ({error}): {reason}"
    return "\n".join(
        (
            wording.t(head, source=source, error=error, reason=reason),
            wording.t("No new mentions are read from it until mentiondesk is restarted."),
            wording.t("Fix the token (or the account), then restart mentiondesk."),
        )
    )


def _said(source: str, error: str, reason: str) -> dict[str, str]:
    return {"source": source, "error": error, "reason": reason}


def notice_action(
    target: str,
    wording: Wording,
    *,
    source: str,
    error: BaseException,
    stopped_at: datetime,
    read_at: datetime | None = None,
) -> OutboxAction:
    """The notice for one sink: the error's class and its message scrubbed of anything
    token-like (as /healthz shows it), worded in the team's language. `read_at`: when the
    source last read fine (the key's; see the module's docstring)."""
    said = _said(source, type(error).__name__, scrub(str(error)))
    return OutboxAction(
        key=stop_key(source, said["error"], read_at, target),
        kind="alert",
        target=target,
        context=notice_context(stopped_at),
        text=notice_text(wording, **said),
        extra={NOTICE: TOPIC, **said},
    )


def queue_stop_notice(
    store: Store,
    targets: Sequence[str],
    wording: Wording,
    *,
    source: str,
    error: BaseException,
    stopped_at: datetime,
) -> int:
    """Queue the notice for each target in one transaction; a key already queued (by this
    worker or another, for this stop) is kept as it is. Return how many were new."""
    stmt = store.insert(OUTBOX).on_conflict_do_nothing(index_elements=["key"])
    with store.engine.begin() as conn:
        read_at = conn.scalar(sa.select(CURSOR.c.updated_at).where(CURSOR.c.source == source))
        stop = partial(notice_action, source=source, error=error, stopped_at=stopped_at)
        rows = [outbox_row(stop(t, wording, read_at=read_at), None, stopped_at) for t in targets]
        return sum(bool(conn.execute(stmt.returning(OUTBOX.c.key), row).first()) for row in rows)


async def alert_stop(
    store: Store,
    targets: Sequence[str],
    wording: Wording,
    *,
    source: str,
    error: BaseException,
    at: datetime,
    stop: asyncio.Event,
    tries: int | None = None,
) -> bool:
    """Queue the notice, retried with a growing wait while the store is down, until a stop is
    asked for or `tries` are spent (the desk, /healthz and the log still say it). True once
    queued."""
    wait, tried = 1.0, 0
    while True:
        tried += 1
        try:
            new = await asyncio.to_thread(
                queue_stop_notice,
                *(store, targets, wording),
                source=source,
                error=error,
                stopped_at=at,
            )
        except Exception as exc:  # the store's errors vary by driver; all are retried
            _LOGGER.error(
                "source %s: queuing its stop alert failed (%s)", source, type(exc).__name__
            )
            if stop.is_set() or (tries is not None and tried >= tries):
                return False
            await wait_or_stop(stop, wait)
            wait = min(RETRY_CAP, wait * 2)
            continue
        _LOGGER.info("source %s: stop alert queued for %d sink(s)", source, new)
        return True
