"""Put mentions, readings, cases and drafts in a store through the real ingest and record paths."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan, record
from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION, READING

PASSWORD = "correct horse battery"
_IDS = itertools.count(1)


def write_config(folder: Path, db_url: str, *, desk: str = "") -> Path:
    """The test config in `folder`, on `db_url`; `desk` (TOML lines), when given, its `[desk]`."""
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    path = folder / "config.toml"
    path.write_text(
        f"""
[brand]
name = "Lumora"
handles = ["@lumora"]

[store]
url = "{db_url}"

[routing]
alert = ["console"]
ticket = "cases"
post = {{ default = "console" }}

[[sources]]
kind = "replay"
name = "samples"
path = "empty.jsonl"

[[responders]]
kind = "console"
name = "console"

[[responders]]
kind = "local"
name = "cases"
""",
        encoding="utf-8",
    )
    if desk:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n[desk]\n{desk}\n")
    return path


def add(
    store: Store,
    text: str,
    *,
    label: str = "negative",
    platform: str = "x",
    handle: str | None = None,
    name: str | None = None,
    reason: str | None = "delivery",
    frustration: int = 1,
    topics: tuple[str, ...] = (),
    priority: int = 1,
    case: bool = True,
    draft: str | None = "Sorry about that, {name}. Could you DM us your order number?",
    draft_kind: str = "private",
    thread_id: str | None = None,
    ago: timedelta = timedelta(minutes=5),
    rule: str = "complaint",
    outbox: tuple[OutboxPlan, ...] = (),
    opt_out: bool = False,
    visibility: str | None = None,
    instead_of_public: bool = False,
    resolves: bool = False,  # a follow-up that says the problem is solved (resolution.py)
    advice: bool = False,  # advice to another customer in their thread (bystanders.py)
) -> tuple[int, int | None, int | None]:
    """One mention with its reading, and optionally a case and a pending draft; return ids.

    Each call is by a new author unless `handle` is given: a second complaint by the same
    author joins their open case as a follow-up (the case id returned is that case).
    """
    n = next(_IDS)
    handle = handle or f"ana_{n}"
    author = Author(
        id=f"u-{handle}-{platform}", handle=handle, name=name or handle.title(), followers=120
    )
    mention = Mention(
        platform=platform,
        external_id=f"m{n}",
        author=author,
        text=text,
        created_at=datetime.now(UTC) - ago,
        thread_id=thread_id,
        visibility=visibility,
    )
    store.ingest("seed", [mention], None)
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(MENTION.c.id, MENTION.c.author_id).where(MENTION.c.external_id == f"m{n}")
        ).one()
    reading = Reading(
        label=Label(label),
        score=0.8,
        lang="en",
        reason=reason,
        frustration=frustration,
        topics=topics,
    )
    plan = DraftPlan(draft_kind, draft or "", "en", rule, instead_of_public=instead_of_public)
    plans = (plan,) if draft else ()
    decision = Decision(
        mention_id=row.id,
        author_id=row.author_id,
        mention=mention,
        reading=reading,
        case_rule=rule if case else None,
        priority=priority,
        drafts=plans,
        outbox=outbox,
        opt_out=opt_out,  # "stop messaging me": processing drafts them no private message
        resolves=resolves,
        advice=advice,
    )
    record(store, [decision], post_route={"default": "console"})
    with store.engine.connect() as conn:
        joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == row.id)
        case_id = conn.scalar(
            sa.select(CASE.c.id).where(sa.or_(CASE.c.mention_id == row.id, CASE.c.id.in_(joined)))
        )
        draft_id = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.mention_id == row.id))
    return row.id, case_id, draft_id


def dated_case(
    store: Store,
    opened: datetime,
    answered: datetime | None = None,
    *,
    status: str | None = None,
    ingested: bool = False,
) -> int:
    """A complaint ("late again", no draft) posted at `opened`, its case opened then and first
    answered at `answered` (None: waiting); the case's status set to `status` when given, and
    with `ingested` the mention read in at `opened` too (else now). The case's id."""
    mention, case, _ = add(store, "late again", draft=None)
    assert case is not None
    stamps: dict[str, object] = {"created_at": opened}
    values: dict[str, object] = {"opened_at": opened, "first_response_at": answered}
    if ingested:
        stamps["ingested_at"] = opened
    if status is not None:
        values["status"] = status
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(**stamps))
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))
    return case


def draft_in_other_lang(
    store: Store, text: str, *, wrote: str, draft: str, draft_lang: str = "pt-PT"
) -> tuple[int, int]:
    """A complaint the detector read as `wrote`, with a rule's draft written in `draft_lang` (a
    playbook with no template in the author's language); return (case, draft)."""
    mention, case, draft_id = add(store, text, draft=draft)
    assert case is not None and draft_id is not None
    with store.engine.begin() as conn:
        conn.execute(sa.update(READING).where(READING.c.mention_id == mention).values(lang=wrote))
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft_id).values(lang=draft_lang))
    return case, draft_id
