"""Logs at -v name rows, not people: no handle, account id or post id in a URL or an outbox key."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from pydantic import SecretStr

from mentiondesk import logs
from mentiondesk.logs import LogFormat
from mentiondesk.models import FatalError, Receipt, TransientError
from mentiondesk.outbox_record import Claimed, keep, left_to_other
from mentiondesk.store import Store
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import mention
from tests.responders._data import action
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


def _claimed() -> Claimed:
    alert = dataclasses.replace(action(), key=KEY)
    return Claimed(41, None, alert, datetime(2026, 11, 20, 12, 0, tzinfo=UTC))


async def _no_wait(seconds: float) -> None:
    return None


def _unrecordable(claimed: Claimed, receipt: Receipt) -> bool:
    raise RuntimeError("database gone")


@pytest.mark.parametrize("line", ["left to another", "sent after the lease", "unrecorded"])
async def test_lease_and_record_lines_name_the_row_not_the_key(
    caplog: pytest.LogCaptureFixture, line: str
) -> None:
    """outbox_record's lines: an action left to another worker, one delivered after its lease
    passed to another, one delivered whose record failed."""
    claimed, receipt = _claimed(), Receipt(ref="C0TEAM:1796474479.000001")
    with caplog.at_level(logging.DEBUG, logger="mentiondesk.outbox"):
        if line == "left to another":
            left_to_other(claimed, "held")
        elif line == "sent after the lease":
            assert not await keep(lambda c, r: False, claimed, receipt, sleep=_no_wait)
        else:
            with pytest.raises(RuntimeError):
                await keep(_unrecordable, claimed, receipt, sleep=_no_wait)
    assert caplog.records and "outbox action 41 (alert" in caplog.text
    assert "did:plc" not in caplog.text and "fern" not in caplog.text


async def test_a_slack_card_found_again_is_logged_without_the_key(
    fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A retry that finds the card an earlier attempt posted says so at -v, without the key
    (a responder is not given the row id; the outbox's own line names the row)."""
    slack = SlackResponder(
        "team-chat",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr("s3cret"),
        channel="C0TEAM",
        base_url=SlackFake(fake_api).base_url,
    )
    alert = dataclasses.replace(action(), key=KEY, created_at=datetime.now(UTC))
    await slack.deliver(alert)
    with caplog.at_level(logging.INFO):  # -v (slack_sdk's debug lines quote the cards)
        found = await slack.deliver(dataclasses.replace(alert, attempt=2))
    assert found.detail == "posted to slack (found)"
    assert "responder team-chat: found the card an earlier attempt posted" in caplog.text
    assert "did:plc" not in caplog.text and "fern" not in caplog.text
