"""How an outbox action is stored (one row, its payload JSON) and read back for delivery."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import CaseContext, OutboxAction
from mentiondesk.tables import OUTBOX


def outbox_row(action: OutboxAction, case_id: int | None, now: datetime) -> dict[str, object]:
    payload = {
        "key": action.key,
        "kind": action.kind,
        "target": action.target,
        "context": action.context.to_dict(),
        "text": action.text,
        "private": action.private,
        "extra": action.extra,
    }
    return {
        "key": action.key,
        "kind": action.kind,
        "target": action.target,
        "case_id": case_id,
        "payload": json.dumps(payload, ensure_ascii=False),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        **key_names(
            action.key, action.context.mention.platform, action.context.mention.external_id
        ),
    }


def key_names(key: str, platform: str, external_id: str) -> dict[str, str | None]:
    """The outbox columns naming the post: the context's post when the key names it (an
    alert's `…:PLATFORM:ID:RULE`, a comment's `…:PLATFORM:ID`), else platform "" (none)."""
    name = f":{platform}:{external_id}"
    if platform and external_id and (f"{name}:" in key or key.endswith(name)):
        return {"platform": platform, "external_id": external_id}
    return {"platform": "", "external_id": None}


def action_from_payload(
    payload: str, attempt: int, created_at: datetime | None = None
) -> OutboxAction:
    data = json.loads(payload)
    return OutboxAction(
        key=data["key"],
        kind=data["kind"],
        target=data["target"],
        context=CaseContext.from_dict(data["context"]),
        text=data.get("text"),
        private=bool(data.get("private")),
        attempt=attempt,
        extra=data.get("extra") or {},
        created_at=created_at,
    )


def free_dropped(conn: sa.Connection, key: str) -> None:
    """A dropped action gives its key up, so the case may be escalated to that desk again or
    a held action moved there: the dropped row stays, counted, as `KEY:dropped:ID`."""
    renamed = OUTBOX.c.key + ":dropped:" + sa.cast(OUTBOX.c.id, sa.String)
    dropped = sa.and_(OUTBOX.c.key == key, OUTBOX.c.status == "dropped")
    conn.execute(sa.update(OUTBOX).where(dropped).values(key=renamed))


def post_key(draft_id: Any) -> Any:
    """The outbox key of a draft's post, as SQL (draft_id a column) or text (an int)."""
    if isinstance(draft_id, int):
        return f"post:draft:{draft_id}"
    return sa.literal("post:draft:") + sa.cast(draft_id, sa.String)
