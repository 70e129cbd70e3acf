"""What SlackResponder makes of Slack's `ok: false` answers: only the few a later try can get
past are retried; every other code is held for a person, the code in the reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import FatalError, RateLimited, TransientError
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes.slack import SlackFake
from tests.responders._data import action, seed
from tests.responders.slack_helpers import slack_fake as slack_fake  # the fixture, re-exported
from tests.responders.slack_helpers import slack_responder

POST = "/api/chat.postMessage"


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (200, "internal_error", TransientError),
        (200, "fatal_error", TransientError),
        (503, "service_unavailable", TransientError),
        (200, "request_timeout", TransientError),
        (502, None, TransientError),
        (200, "ratelimited", RateLimited),
        (200, "rate_limited", RateLimited),  # chat.postMessage's "too many messages"
        (200, "team_added_to_org", TransientError),  # a workspace migration in progress
        (200, "invalid_arguments", FatalError),  # not listed anywhere: held, not retried
        (200, "restricted_action", FatalError),
        (200, "team_access_not_granted", FatalError),
        (200, "invalid_blocks", FatalError),
    ],
)
async def test_only_transient_codes_are_retried(
    slack_fake: SlackFake, status: int, error: str | None, kind: type[Exception]
) -> None:
    answer = {"ok": False, "error": error} if error else {"ok": False}
    slack_fake.api.queue("POST", POST, status, answer)
    with pytest.raises(kind) as info:
        await slack_responder(slack_fake).deliver(action())
    assert type(info.value) is kind
    assert kind is RateLimited or (error or str(status)) in str(info.value)


async def test_too_many_messages_waits_the_default_without_retry_after(
    slack_fake: SlackFake,
) -> None:
    slack_fake.api.queue("POST", POST, 200, {"ok": False, "error": "rate_limited"})
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as info:
        await slack_responder(slack_fake).deliver(action())
    assert info.value.until >= before + timedelta(seconds=25)


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"error": "not_in_channel"}, "not_in_channel; invite the app to the channel"),
        ({"error": "channel_not_found"}, "channel_not_found; check the channel ID"),
        ({"error": "invalid_auth"}, "invalid_auth; check the bot token"),
        (
            {"error": "missing_scope", "needed": "chat:write", "provided": "channels:history"},
            "missing_scope; add the scope chat:write to the Slack app",
        ),
    ],
)
async def test_a_fatal_code_says_what_to_fix(
    slack_fake: SlackFake, answer: dict[str, str], said: str
) -> None:
    slack_fake.api.queue("POST", POST, 200, {"ok": False, **answer})
    with pytest.raises(FatalError, match=said):
        await slack_responder(slack_fake).deliver(action())


async def test_an_unlisted_code_is_held_with_the_code_not_retried(
    slack_fake: SlackFake, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store)
    slack_fake.api.queue("POST", POST, 200, {"ok": False, "error": "invalid_arguments"})
    worker = OutboxWorker(store, {"slack": slack_responder(slack_fake)}, OutboxSection())
    await worker.drain()
    await worker.drain()
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.target == "slack")).one()
    store.dispose()
    assert row.status == "held" and "invalid_arguments" in row.last_error
    assert len(slack_fake.api.calls(POST)) == 1 and slack_fake.messages == {}


async def test_check_reads_the_channel_history_a_retry_needs(slack_fake: SlackFake) -> None:
    slack_fake.private = True
    slack_fake.scopes.discard("groups:history")  # channels:history covers public channels only
    with pytest.raises(FatalError, match="missing_scope; add the scope groups:history") as info:
        await slack_responder(slack_fake).check()
    slack_fake.scopes.add("groups:history")
    said = await slack_responder(slack_fake).check()
    [first, second] = slack_fake.api.calls("/api/conversations.history")
    assert "conversations_history" in str(info.value)
    assert "history of C0TEAM readable" in said
    assert (
        (first.query["channel"], first.query["limit"])
        == ("C0TEAM", "1")
        == (
            second.query["channel"],
            second.query["limit"],
        )
    )


async def test_a_public_channel_needs_no_groups_scope(slack_fake: SlackFake) -> None:
    slack_fake.scopes.discard("groups:history")
    assert "readable" in await slack_responder(slack_fake).check()


async def test_a_retried_alert_in_a_private_channel_without_the_scope_is_held(
    slack_fake: SlackFake, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store)
    slack_fake.private = True
    slack_fake.scopes.discard("groups:history")
    slack_fake.drop_answers = 1  # posted, answer lost: the retry must look in the history
    now = datetime.now(UTC)
    clock = [now]
    worker = OutboxWorker(
        store, {"slack": slack_responder(slack_fake)}, OutboxSection(), clock=lambda: clock[0]
    )
    await worker.drain()
    clock[0] = now + timedelta(hours=1)
    await worker.drain()
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(OUTBOX).where(OUTBOX.c.target == "slack")).one()
    store.dispose()
    assert row.status == "held" and "groups:history" in row.last_error
    assert len(slack_fake.messages) == 1  # not posted blind a second time
