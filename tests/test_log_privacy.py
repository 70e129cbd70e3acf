"""Logs at -v name rows, not people: no handle, account id or post id in a URL or an outbox key."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import httpx
import pytest

from mentiondesk import logs
from mentiondesk.logs import LogFormat
from mentiondesk.models import FatalError, TransientError
from mentiondesk.store import Store
from tests.helpers import mention
from tests.test_outbox import Clock, Flaky, _enqueue, _row, _worker
from tests.test_outbox import store as store  # the fixture

KEY = "alert:sink:bluesky:at://did:plc:fern123/app.bsky.feed.post/3k:complaint"


@pytest.fixture
def _verbose() -> Iterator[None]:
    """`-v`, the levels put back after."""
    root = logging.getLogger()
    saved = root.level, root.handlers[:]
    logs.setup(1, LogFormat.TEXT)
    yield
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name in logs.URL_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.usefixtures("_verbose")
def test_http_clients_do_not_log_urls_at_v(caplog: pytest.LogCaptureFixture) -> None:
    url = "http://127.0.0.1/xrpc/com.atproto.identity.resolveHandle?handle=fern.bsky.social"
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    with caplog.at_level(logging.INFO), httpx.Client(transport=transport) as client:
        assert client.get(url).status_code == 200
    assert "fern" not in caplog.text
    assert not logging.getLogger("httpcore").isEnabledFor(logging.INFO)


@pytest.mark.parametrize("error", [None, FatalError("channel_not_found"), TransientError("503")])
async def test_outbox_lines_name_the_row_not_the_key(
    store: Store, caplog: pytest.LogCaptureFixture, error: Exception | None
) -> None:
    clock = Clock()
    _enqueue(store, KEY, clock.now)
    with caplog.at_level(logging.DEBUG, logger="mentiondesk.outbox"):
        await _worker(store, Flaky(*[error] if error else []), clock).drain()
    row_id = _row(store, KEY).id
    assert caplog.records and f"action {row_id} (alert)" in caplog.text
    assert "did:plc" not in caplog.text and "fern" not in caplog.text


@pytest.mark.postgres
def test_an_unstorable_mention_is_logged_by_its_place_not_its_id(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL refuses an over-long thread id: the line says which source and which of the
    batch, not the post id (a Bluesky id carries its author's DID)."""
    store = Store(pg_url)
    store.create_all()
    try:
        posts = [mention(1), mention(2, author="b"), mention(3, author="c")]
        posts[1] = dataclasses.replace(
            posts[1], external_id="at://did:plc:fern123/post/3k", thread_id="t" * 200
        )
        with caplog.at_level(logging.INFO, logger="mentiondesk.store"):
            assert store.ingest("bsky-search", posts, "c1").new == 2
    finally:
        store.dispose()
    assert "source bsky-search: mention 2 of 3 (x) cannot be stored" in caplog.text
    assert "did:plc" not in caplog.text and "fern" not in caplog.text
