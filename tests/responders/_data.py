"""Test data: a stored mention with a case, a pending draft and an alert in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan, record
from mentiondesk.models import Author, CaseContext, Label, Mention, OutboxAction, Reading
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, case_number

HOSTILE = "<!channel> <@U123> *buy* now & <https://evil.example|click> @everyone"


def mention(text: str = HOSTILE, external_id: str = "m1", *, lang: str = "en") -> Mention:
    author = Author(id="a1", handle="angry_ann", name="Ann <b>", followers=12_300)
    return Mention(
        platform="x",
        external_id=external_id,
        author=author,
        text=text,
        created_at=datetime(2026, 11, 9, 12, 0, tzinfo=UTC),
        url=f"https://x.com/angry_ann/status/{external_id}",
        lang=lang,
    )


def reading(label: Label = Label.NEGATIVE, frustration: int = 2, lang: str = "en") -> Reading:
    return Reading(label=label, score=0.8, lang=lang, reason="delivery", frustration=frustration)


def action(text: str = HOSTILE, *, kind: str = "alert", target: str = "slack") -> OutboxAction:
    ctx = CaseContext(
        mention=mention(text),
        reading=reading(),
        case_number="MD-000007",
        draft_id=11,
        draft_text="Sorry <@U999>, DM us & we fix it",
        rule="complaint",
    )
    return OutboxAction(
        key=f"{kind}:{target}:x:m1:complaint", kind=kind, target=target, context=ctx
    )


def follow_up(
    target: str,
    text: str = "Still nothing <b>&</b> no answer",
    external_id: str = "m2",
    frustration: int = 2,
) -> OutboxAction:
    """The author writing again on case MD-000007: a comment for its ticket at `target`."""
    ctx = CaseContext(
        mention=mention(text, external_id),
        reading=reading(frustration=frustration),
        case_number="MD-000007",
        rule="complaint",
    )
    key = f"comment:{target}:case:MD-000007:x:{external_id}"
    return OutboxAction(key=key, kind="comment", target=target, context=ctx)


@dataclass(frozen=True)
class Seeded:
    case_id: int
    draft_id: int

    @property
    def number(self) -> str:
        return case_number(self.case_id)


def seed(
    store: Store,
    external_id: str = "m1",
    *,
    alert_to: str = "slack",
    plan: OutboxPlan | None = None,
) -> Seeded:
    """Store one negative mention decided into a case, a pending DM draft and an alert."""
    m = mention(external_id=external_id)
    store.ingest("test", [m], None)
    pending = store.claim_unprocessed(10, timedelta(minutes=5))
    p = next(x for x in pending if x.mention.external_id == external_id)
    decision = Decision(
        mention_id=p.id,
        author_id=p.author_id,
        mention=m,
        reading=reading(),
        case_rule="complaint",
        drafts=(DraftPlan(kind="private", text="Sorry, DM us", lang="en", rule="complaint"),),
        outbox=(plan or OutboxPlan("alert", alert_to, "complaint"),),
    )
    record(store, [decision], post_route={"default": "console"})
    with store.engine.connect() as conn:
        case_id = conn.scalar(sa.select(sa.func.max(CASE.c.id)))
        draft_id = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.case_id == case_id))
    return Seeded(int(case_id or 0), int(draft_id or 0))
