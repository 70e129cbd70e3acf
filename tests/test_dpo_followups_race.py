"""The race an erasure used to lose: Carl's quote of Sara's status is being stored (the
ingest read no fingerprint of hers yet) while her erasure runs. The erasure's rewrite of
others' quotes did not see the uncommitted row, and the ingest committed it with her address
after the erasure committed. Now the erasure waits out the ingest in flight, then rewrites
it; an ingest that starts while the erasure runs waits, then reads her fingerprints
(PostgreSQL: both take one advisory lock, erased_posts.erasing)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from mentiondesk.author_lookup import Wanted
from mentiondesk.erased_quote_lines import UNQUOTED
from mentiondesk.erasure import _erase, erase
from mentiondesk.store import Store
from tests.helpers import COMPLAINT, PRAISE, mastodon_post, stored_texts

SARA = "sara@remote.test"
CARL = mastodon_post("carl@other.test", 2, f"{COMPLAINT}\n\n↪️ https://remote.test/@sara/777")


def _in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # raised again in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, failed


@pytest.mark.postgres
def test_a_quote_stored_while_the_erasure_runs_loses_her_address(
    pg_store: Store, pg_url: str
) -> None:
    pg_store.ingest("test", [mastodon_post(SARA, 1, PRAISE)], None)
    with pg_store.engine.connect() as conn:
        ingest = conn.begin()
        assert pg_store._insert_mentions(conn, "test", [CARL]).new == 1  # no fingerprint yet
        thread, failed = _in_thread(lambda: erase(pg_store, "mastodon", SARA, by="dpo"))
        thread.join(timeout=2)
        waited = thread.is_alive()  # for the ingest in flight
        ingest.commit()
    thread.join(timeout=60)
    assert not thread.is_alive() and not failed, failed
    assert stored_texts(pg_url)["2"] == f"{COMPLAINT}\n\n{UNQUOTED}"
    assert waited


@pytest.mark.postgres
def test_an_ingest_while_the_erasure_runs_waits_and_reads_her_fingerprints(
    pg_store: Store, pg_url: str
) -> None:
    """The erasure's statements run, not committed yet, when Carl's quote comes in: the
    ingest waits for the commit, then finds her fingerprints."""
    pg_store.ingest("test", [mastodon_post(SARA, 1, PRAISE)], None)
    with pg_store.engine.connect() as conn:
        running = conn.begin()
        _erase(conn, Wanted("mastodon", SARA, "", "", frozenset()), by="dpo")
        thread, failed = _in_thread(lambda: pg_store.ingest("test", [CARL], None))
        thread.join(timeout=2)
        waited = thread.is_alive()  # for the erasure's commit
        running.commit()
    thread.join(timeout=60)
    assert not thread.is_alive() and not failed, failed
    assert stored_texts(pg_url)["2"] == f"{COMPLAINT}\n\n{UNQUOTED}"
    assert waited
