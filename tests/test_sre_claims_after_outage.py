"""An SRE restarts PostgreSQL while `run` is reading a batch it claimed: once the database
answers, the process that claimed the batch decides it at its next try, not after the claim's
five minutes; a claim another worker took once ours lapsed is still that worker's; and a
failure that is no lost database lets the claims lapse as before (a batch that fails each
time must not be retried forever ahead of the rest)."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.claims_in_hand import MARGIN
from mentiondesk.config import Config, load_config
from mentiondesk.models import Classifier, Reading
from mentiondesk.playbook_build import build_playbook
from mentiondesk.plugins import build_classifier
from mentiondesk.processing import LEASE, Processor
from mentiondesk.store import Store
from mentiondesk.store_engine import lost, make_engine, store_failure
from mentiondesk.tables import MENTION
from tests.conftest import Database
from tests.helpers import COMPLAINT, PRAISE, mention, write_config, write_mentions

pytestmark = pytest.mark.postgres


class GoesDown:
    """The shipped classifier; while it reads its first batch, the database goes away (its
    sessions ended, connections refused), as while PostgreSQL restarts."""

    def __init__(self, inner: Classifier, database: Database) -> None:
        self.inner, self.database = inner, database
        self.name = inner.name
        self.went_down = False

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        if not self.went_down:
            self.went_down = True
            self.database.down()
        return self.inner.classify(texts, langs)


def _config(tmp_path: Path, url: str) -> Config:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return load_config(write_config(tmp_path, db_url=url, samples=samples))


def _processor(tmp_path: Path, store: Store, database: Database) -> Processor:
    config = _config(tmp_path, store.engine.url.render_as_string(hide_password=False))
    classifier = GoesDown(build_classifier(config), database)
    return Processor(config, store, classifier, build_playbook(config))


def _unread(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).where(MENTION.c.processed.is_(False))) or 0


def test_a_batch_claimed_before_the_outage_is_decided_once_the_database_answers(
    tmp_path: Path, pg_store: Store, database: Database
) -> None:
    pg_store.ingest("s", [mention(1, COMPLAINT), mention(2, PRAISE, author="b")], None)
    processor = _processor(tmp_path, pg_store, database)
    with pytest.raises(sa.exc.OperationalError):
        processor.process_batch()
    database.up()
    assert processor.process_batch() == 2
    assert _unread(pg_store) == 0 and processor.processed == 2 and processor.failed == 0


def test_a_claim_another_worker_took_once_ours_lapsed_stays_its_own(
    tmp_path: Path, pg_stores: tuple[Store, Store], database: Database
) -> None:
    ours, theirs = pg_stores
    ours.ingest("s", [mention(1, COMPLAINT)], None)
    processor = _processor(tmp_path, ours, database)
    with pytest.raises(sa.exc.OperationalError):
        processor.process_batch()
    database.up()
    with ours.engine.begin() as conn:  # our claim lapsed (a long outage) …
        conn.execute(sa.update(MENTION).values(claimed_until=sa.func.now() - timedelta(seconds=1)))
    assert [p.id for p in theirs.claim_unprocessed(10, LEASE)] == [1]  # … and theirs now
    claimed_at = processor.in_hand.clock()
    processor.in_hand.clock = lambda: claimed_at + LEASE.total_seconds() * MARGIN
    assert processor.process_batch() == 0
    assert _unread(ours) == 1


def test_a_failure_that_is_no_outage_lets_the_claims_lapse_as_before(
    tmp_path: Path, pg_store: Store, database: Database
) -> None:
    pg_store.ingest("s", [mention(1, COMPLAINT)], None)
    processor = _processor(tmp_path, pg_store, database)
    processor.classifier = build_classifier(processor.config)  # the database stays up

    def broken(author_ids: Sequence[int]) -> object:
        raise RuntimeError("a bug, the same at every try")

    pg_store.histories = broken  # type: ignore[method-assign, assignment]
    with pytest.raises(RuntimeError):
        processor.process_batch()
    assert processor.process_batch() == 0  # claimed, not taken up again before its lease ends


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_lost_database_is_told_from_a_statement_refused(
    pg_store: Store, database: Database
) -> None:
    url = f"postgresql+psycopg://md:s3cretPW@127.0.0.1:{_free_port()}/md"
    with pytest.raises(sa.exc.OperationalError) as refused:
        make_engine(url).connect()
    said = store_failure(refused.value)
    assert lost(refused.value) and said.startswith("cannot reach the database (connection ")
    assert "Connection refused" in said and "s3cretPW" not in said
    with pg_store.engine.connect() as conn:
        conn.execute(sa.text("SET statement_timeout = 10"))
        with pytest.raises(sa.exc.OperationalError) as timed_out:
            conn.execute(sa.text("SELECT pg_sleep(1)"))
        assert not lost(timed_out.value)
        assert store_failure(timed_out.value) == "the database failed (OperationalError)"
    with pg_store.engine.connect() as conn:
        database.down()  # its session ended by pg_terminate_backend, as a restart ends it
        with pytest.raises(sa.exc.OperationalError) as ended:
            conn.execute(sa.text("SELECT 1"))
    assert lost(ended.value)
