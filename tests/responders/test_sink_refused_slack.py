"""Slack refusing the app as a whole (its token revoked, a scope missing, the channel gone or
closed to it) is SinkRefused: the outbox tries one alert, holds the rest with it, says it once.
A code about one message (invalid_blocks) still holds that message alone."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import (
    CaseContext,
    FatalError,
    Label,
    OutboxAction,
    Reading,
    SinkRefused,
)
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes.slack import SlackFake
from tests.helpers import mention
from tests.responders._data import action
from tests.responders.slack_helpers import slack_responder as responder
from tests.responders.test_slack_errors import POST
from tests.responders.test_slack_errors import slack_fake as slack_fake  # the fixture


@pytest.mark.parametrize(
    "error", ["token_revoked", "invalid_auth", "missing_scope", "not_in_channel", "is_archived"]
)
async def test_the_app_refused_is_the_whole_sink(slack_fake: SlackFake, error: str) -> None:
    slack_fake.api.queue("POST", POST, 200, {"ok": False, "error": error})
    with pytest.raises(SinkRefused, match=error):
        await responder(slack_fake).deliver(action())


async def test_a_refused_message_is_that_message_alone(slack_fake: SlackFake) -> None:
    slack_fake.api.queue("POST", POST, 200, {"ok": False, "error": "invalid_blocks"})
    with pytest.raises(FatalError) as refused:
        await responder(slack_fake).deliver(action())
    assert not isinstance(refused.value, SinkRefused)


async def test_a_revoked_token_is_tried_once_and_said_once(
    store: Store, slack_fake: SlackFake, caplog: pytest.LogCaptureFixture
) -> None:
    slack_fake.api.queue("POST", POST, 200, {"ok": False, "error": "token_revoked"})
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    with store.engine.begin() as conn:
        for i in range(3):
            alert = OutboxAction(key=f"s{i}", kind="alert", target="slack", context=context)
            conn.execute(sa.insert(OUTBOX), [outbox_row(alert, None, datetime.now(UTC))])
    worker = OutboxWorker(store, {"slack": responder(slack_fake)}, OutboxSection())
    with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
        assert await worker.drain() == 0
    with store.engine.connect() as conn:
        rows = list(conn.execute(sa.select(OUTBOX).order_by(OUTBOX.c.id)))
    assert [r.status for r in rows] == ["held"] * 3
    assert len(slack_fake.api.calls(POST)) == 1 and slack_fake.messages == {}
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith("responder slack refused every action")
    assert "token_revoked; check the bot token" in errors[0]


async def test_a_retry_s_history_look_refused_holds_that_alert_alone(
    store: Store, slack_fake: SlackFake
) -> None:
    """An app that posts with chat:write alone: a retry's look at the history (for an earlier
    send) meets missing_scope. That is about the retried alert, not the app: the others go."""
    slack_fake.scopes = {"chat:write"}
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    with store.engine.begin() as conn:
        for i in range(3):
            alert = OutboxAction(key=f"s{i}", kind="alert", target="slack", context=context)
            conn.execute(sa.insert(OUTBOX), [outbox_row(alert, None, datetime.now(UTC))])
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == "s0").values(attempts=1))
    await OutboxWorker(store, {"slack": responder(slack_fake)}, OutboxSection()).drain()
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(sa.select(OUTBOX.c.key, OUTBOX.c.status)).all())
    assert statuses == {"s0": "held", "s1": "done", "s2": "done"}
