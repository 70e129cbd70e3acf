"""Two workers (or a worker and the desk) on one PostgreSQL store, each interleaving forced:
a case closed while the author's next complaint is recorded, and praise decided on a history
from before another worker opened the author's case."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.config import Config, load_config
from mentiondesk.decisions import record
from mentiondesk.playbook_build import build_playbook
from mentiondesk.plugins import build_classifier
from mentiondesk.processing import Processor
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, OUTBOX
from tests.helpers import COMPLAINT, PRAISE, mention, write_config, write_mentions
from tests.sql_pause import JOIN_S, in_thread, paused_after, wait_for, waiting_on_a_lock
from tests.test_dnc_turns import decided
from tests.test_praise_follow_ups import AUTO_THANKS

ROUTE = {"default": "console"}


@pytest.mark.postgres
def test_a_complaint_recorded_while_its_case_is_closed_opens_a_new_case(
    pg_stores: tuple[Store, Store],
) -> None:
    """The close commits first: the complaint does not join the resolved case, where its DM
    would wait for an approval that can never come; it opens a case of its own."""
    worker, desk = pg_stores
    assert record(worker, [decided(worker, "ana", "m1")], post_route=ROUTE) == 1
    with worker.engine.connect() as conn:
        case_id = conn.scalar(sa.select(CASE.c.id))
    second = replace(decided(worker, "ana", "m2"), priority=0)  # no priority to raise
    with paused_after(desk.engine, "UPDATE draft") as closing:
        closer, _ = in_thread(lambda: queue.close_case(desk, case_id, by="bea", status="resolved"))
        wait_for(lambda: closing.is_set() or not closer.is_alive(), "the close never ran")
        writer, wrote = in_thread(lambda: record(worker, [second], post_route=ROUTE))
        wait_for(lambda: not writer.is_alive() or waiting_on_a_lock(worker) > 0, "record hung")
    closer.join(JOIN_S)
    writer.join(JOIN_S)
    assert wrote == [1], wrote
    with worker.engine.connect() as conn:
        cases = conn.execute(
            sa.select(CASE.c.status)
            .outerjoin(FOLLOW_UP, FOLLOW_UP.c.case_id == CASE.c.id)
            .where(
                sa.or_(
                    CASE.c.mention_id == second.mention_id,
                    FOLLOW_UP.c.mention_id == second.mention_id,
                )
            )
        ).scalars()
        stranded = conn.execute(
            sa.select(DRAFT.c.id)
            .join(CASE, CASE.c.id == DRAFT.c.case_id)
            .where(DRAFT.c.status == "pending", CASE.c.status != "open")
        ).all()
        assert list(cases) == ["open"]
    assert stranded == []


def _config(tmp_path: Path, url: str) -> Config:
    (tmp_path / "rules.toml").write_text(AUTO_THANKS)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = '\n[playbooks]\npaths = ["rules.toml"]\nauto_reply_daily_cap = 5\n'
    path = write_config(tmp_path, db_url=url, samples=samples, extra=extra, batch_size=1)
    return load_config(path)


def _processor(config: Config, store: Store) -> Processor:
    return Processor(config, store, build_classifier(config), build_playbook(config))


@pytest.mark.postgres
def test_praise_decided_before_another_worker_opened_the_case_is_not_posted_by_itself(
    tmp_path: Path, pg_stores: tuple[Store, Store]
) -> None:
    """Worker B reads the author's history (no case), then A records their complaint (a case);
    B's praise joins that case, and its thank-you waits for a person, as one worker does it."""
    a_store, b_store = pg_stores
    config = _config(tmp_path, a_store.engine.url.render_as_string(hide_password=False))
    a_store.ingest("s", [mention(1, COMPLAINT), mention(2, PRAISE)], None)
    worker_a, worker_b = _processor(config, a_store), _processor(config, b_store)
    claimed_by_a = a_store.claim_unprocessed(1, timedelta(minutes=5))
    assert [p.id for p in claimed_by_a] == [1]
    a_store.claim_unprocessed = lambda limit, lease: claimed_by_a  # type: ignore[method-assign]
    histories = b_store.histories

    def then_a_records(author_ids: list[int]) -> object:
        seen = histories(author_ids)  # B's history: no case yet
        assert worker_a.process_batch() == 1  # A's case commits before B records
        return seen

    b_store.histories = then_a_records  # type: ignore[method-assign, assignment]
    assert worker_b.process_batch() == 1
    with a_store.engine.connect() as conn:
        joined = conn.scalar(sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == 2))
        thanks = conn.execute(
            sa.select(DRAFT.c.auto, DRAFT.c.status).where(DRAFT.c.mention_id == 2)
        )
        posts = conn.scalar(sa.select(sa.func.count()).where(OUTBOX.c.kind == "post"))
        assert joined is not None and thanks.one() == (False, "pending")
    assert posts == 0
