"""A mention read again because its author edited the post (edited_posts): the classifier's
reading of the latest text replaces the old one and, unless the desk (or an auto reply)
decided on the post (edited_posts.decided: a reply or DM to it approved, or rejected and the
label kept, or its case answered since it came in), its pending drafts follow the new
reading as they follow a relabel (corrected_drafts.redraft: those the playbook no longer
asks for withdrawn, the new ones written, each waiting for a person) and the alerts and
tickets it asks for that the mention never had are queued (edited_alerts: none is sent
again). A decided one keeps the reading it was decided on, and the case shows a notice of
the edit; only an edit asking us to stop is heeded, as a new post would be. A survey answer
read from the post follows its new text first (survey_edits: withdrawn once the post says
more than the score; recorded when it is edited into one).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.config_sections import SurveySection
from mentiondesk.corrected_drafts import redraft
from mentiondesk.decisions import OutboxPlan
from mentiondesk.edited_alerts import queue_new
from mentiondesk.edited_posts import (
    ACTION,
    ACTOR,
    ASKED_TO_STOP,
    EDITED,
    decided,
    decided_as_read,
)
from mentiondesk.models import Reading
from mentiondesk.opt_outs import listed_among, stopped_by_post
from mentiondesk.plans import OPT_OUT
from mentiondesk.store import PendingMention, Store
from mentiondesk.survey_edits import answer_edited
from mentiondesk.tables import READING
from playbooks import Playbook


def read_before(store: Store, mention_ids: Collection[int]) -> set[int]:
    """Which of the mentions were read before: those to read again after an edit."""
    if not mention_ids:
        return set()
    query = sa.select(READING.c.mention_id).where(READING.c.mention_id.in_(list(mention_ids)))
    with store.engine.connect() as conn:
        return set(conn.scalars(query))


def reread(
    store: Store,
    playbook: Playbook,
    pending: PendingMention,
    reading: Reading,
    *,
    advice: bool = False,
    outbox: Sequence[OutboxPlan] = (),
    survey: SurveySection | None = None,
) -> None:
    """Store the edited mention's new reading and make its drafts follow it, in one
    transaction; once it was decided on (edited_posts.decided), only say so (and list an
    author whose edit asks us to stop, their pending private drafts withdrawn, as a new post
    would).
    `advice`: the new text advises another customer in their thread (thread_advice);
    `outbox`: the alerts and tickets the playbook asks for on the new reading; `survey`:
    where answers are read from posts ([survey])."""
    now = datetime.now(UTC)
    mention_id = pending.id
    with store.engine.begin() as conn:
        # The author's lock first, as the pipeline and a relabel take it.
        listed = listed_among(conn, {pending.author_id})
        if not decided_as_read(conn, {mention_id: pending.mention.text}):
            return  # another worker read it again meanwhile, or it was edited again
        asked_to_stop = OPT_OUT in reading.topics  # "stop messaging me" written in
        how = decided(conn, mention_id, label_now=reading.label.value)
        if answer_edited(conn, pending, survey, decided=how is not None, now=now):
            # A score (still, or now): as a new one, its reading stored and nothing more.
            _store_reading(conn, mention_id, reading, advice=advice, now=now)
            return
        if how:
            # One decision per post: the reading stays the one decided on (no second draft,
            # alert or ticket); a request to stop is heeded all the same.
            if asked_to_stop:
                stopped_by_post(conn, {pending.author_id: mention_id}, now)
            said = how + ASKED_TO_STOP if asked_to_stop else how
            audit(conn, ACTOR, ACTION, mention_id=mention_id, detail=said)
            return
        previous = conn.scalar(sa.select(READING.c.label).where(READING.c.mention_id == mention_id))
        _store_reading(conn, mention_id, reading, advice=advice, now=now)
        if asked_to_stop:  # as for a new post
            stopped_by_post(conn, {pending.author_id: mention_id}, now)
            listed = listed | {pending.author_id}
        drafts = redraft(conn, playbook, mention_id, pending.author_id, listed, why=EDITED, now=now)
        case_id, withdrawn, written = drafts or (None, (), ())
        # A case ended meanwhile (no drafts): nobody is alerted about it either.
        queued = queue_new(conn, mention_id, case_id, outbox, now) if drafts else 0
        detail = f"{previous} → {reading.label.value}; drafts withdrawn {len(withdrawn)}, "
        detail += f"written {len(written)}" + (f"; alerts and tickets {queued}" if queued else "")
        audit(conn, ACTOR, ACTION, mention_id=mention_id, case_id=case_id, detail=detail)


def _store_reading(
    conn: Connection, mention_id: int, reading: Reading, *, advice: bool, now: datetime
) -> None:
    """The new text's reading in place of the one before."""
    conn.execute(
        sa.update(READING)
        .where(READING.c.mention_id == mention_id)
        .values(
            classifier=reading.classifier,
            label=reading.label.value,
            score=reading.score,
            lang=reading.lang,
            topics=",".join(reading.topics),
            reason=reading.reason,
            frustration=reading.frustration,
            is_question=reading.is_question,
            advice=advice,
            created_at=now,
        )
    )
