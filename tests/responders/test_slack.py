"""SlackResponder against a fake Slack Web API through the real slack_sdk client."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import FatalError, RateLimited
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY
from responders.slack_blocks import decided_blocks
from tests.fakes.slack import SlackFake
from tests.responders._data import action, seed
from tests.responders.slack_helpers import slack_fake as slack_fake  # the fixture, re-exported
from tests.responders.slack_helpers import slack_responder


async def test_posts_card_and_returns_channel_ts(slack_fake: SlackFake) -> None:
    receipt = await slack_responder(slack_fake).deliver(action())
    [ts] = slack_fake.messages
    assert receipt.ref == f"C0TEAM:{ts}"
    call = slack_fake.api.calls("/api/chat.postMessage")[0]
    assert call.headers["Authorization"] == "Bearer xoxb-test"
    assert call.json()["channel"] == "C0TEAM"
    assert call.json()["metadata"]["event_payload"] == {"key": action().key}


async def test_mention_text_cannot_ping_or_link(slack_fake: SlackFake) -> None:
    await slack_responder(slack_fake).deliver(action())
    wire = slack_fake.api.calls("/api/chat.postMessage")[0].body.decode()
    body = json.loads(wire)
    quoted = body["blocks"][1]["text"]["text"]
    assert quoted.startswith(">&lt;!channel&gt; &lt;@U123&gt;")
    assert "&amp; &lt;https://evil.example|click&gt;" in quoted
    for dangerous in ("<!channel>", "<@U123>", "<@U999>", "<https://evil"):
        assert dangerous not in wire


async def test_card_shows_author_reading_case_and_draft(slack_fake: SlackFake) -> None:
    await slack_responder(slack_fake).deliver(action())
    body = slack_fake.posted()[0]
    text = json.dumps(body["blocks"], ensure_ascii=False)
    assert "<https://x.com/angry_ann/status/m1|Ann &lt;b&gt;>" in text
    for part in ("@angry_ann", "12.3k followers", "*MD-000007*"):
        assert part in text
    assert "x · en · *negative* · delivery · frustration 2/3" in text
    assert "Sorry &lt;@U999&gt;, DM us &amp; we fix it" in text


async def test_a_follow_up_says_so(slack_fake: SlackFake) -> None:
    alert = action()
    again = replace(alert, context=replace(alert.context, follow_up=True))
    await slack_responder(slack_fake).deliver(again)
    body = slack_fake.posted()[0]
    assert body["text"].startswith("MD-000007 follow-up: negative mention")
    assert "*MD-000007 follow-up* ·" in json.dumps(body["blocks"], ensure_ascii=False)


async def test_buttons_carry_case_and_draft_ids(slack_fake: SlackFake) -> None:
    await slack_responder(slack_fake).deliver(action())
    buttons = slack_fake.posted()[0]["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == ["approve", "edit", "reject", "assign", "escalate"]
    # The draft as the card shows it, fingerprinted: Approve is refused if it is edited since.
    seen = hashlib.sha256(b"Sorry <@U999>, DM us & we fix it").hexdigest()
    assert {json.dumps(json.loads(b["value"])) for b in buttons} == {
        json.dumps({"case": "MD-000007", "draft": 11, "seen": seen})
    }


async def test_a_hacker_news_draft_has_no_approve_or_edit_button(slack_fake: SlackFake) -> None:
    alert = action()
    hn = replace(alert.context.mention, platform="hackernews")
    await slack_responder(slack_fake).deliver(
        replace(alert, context=replace(alert.context, mention=hn))
    )
    blocks = slack_fake.posted()[0]["blocks"]
    assert [b["action_id"] for b in blocks[-1]["elements"]] == ["reject", "assign", "escalate"]
    assert "Hacker News cannot be posted to from mentiondesk" in json.dumps(blocks[-2])


async def test_a_draft_longer_than_the_edit_box_has_no_edit_button(slack_fake: SlackFake) -> None:
    alert = action()
    long = replace(alert, context=replace(alert.context, draft_text="😀" * 1501))  # 3,002 units
    await slack_responder(slack_fake).deliver(long)
    blocks = slack_fake.posted()[0]["blocks"]
    assert [b["action_id"] for b in blocks[-1]["elements"]] == [
        "approve",
        "reject",
        "assign",
        "escalate",
    ]
    assert "edit it on the desk" in blocks[-2]["elements"][0]["text"]
    approved = decided_blocks(
        blocks, verb="Approved", pressed="approve", user="U1", when=datetime.now(UTC)
    )
    assert "edit it on the desk" not in json.dumps(approved)  # the note goes with the button


async def test_429_goes_to_the_outbox_with_retry_after_unslept(
    slack_fake: SlackFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []

    async def sleep(seconds: float, *args: object) -> None:  # only the scheduler may sleep
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    limited = {"ok": False, "error": "ratelimited"}
    slack_fake.api.queue(
        "POST", "/api/chat.postMessage", 429, limited, headers={"Retry-After": "120"}
    )
    with pytest.raises(RateLimited) as info:
        await slack_responder(slack_fake).deliver(action())
    assert 115 < info.value.until.timestamp() - time.time() <= 120
    assert [s for s in slept if s > 0] == []
    assert (len(slack_fake.api.calls("/api/chat.postMessage")), slack_fake.messages) == (1, {})


async def test_card_posted_but_answer_lost_is_found_not_posted_again(
    slack_fake: SlackFake, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store)
    slack_fake.drop_answers = 1
    now = datetime.now(UTC)
    clock = [now]
    worker = OutboxWorker(
        store, {"slack": slack_responder(slack_fake)}, OutboxSection(), clock=lambda: clock[0]
    )
    first = await worker.drain()  # posted, but the connection dropped: a transient failure
    clock[0] = now + timedelta(hours=1)
    second = await worker.drain()  # attempt 2 finds the card by the key in its metadata
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
    store.dispose()
    [ts] = slack_fake.messages
    assert (first, second, ref) == (0, 1, f"C0TEAM:{ts}")
    history = slack_fake.api.calls("/api/conversations.history")[0].query
    assert history["include_all_metadata"] == "1"
    assert float(history["oldest"]) < now.timestamp()


async def test_a_retry_posts_when_no_card_has_the_key(slack_fake: SlackFake) -> None:
    await slack_responder(slack_fake).deliver(replace(action(), key="another-alert"))
    await slack_responder(slack_fake).deliver(
        replace(action(), attempt=2, created_at=datetime.now(UTC))
    )
    assert len(slack_fake.messages) == 2


async def test_bad_token_is_fatal(slack_fake: SlackFake) -> None:
    bad = slack_responder(slack_fake)
    bad.client.token = "xoxb-wrong"
    with pytest.raises(FatalError, match="invalid_auth"):
        await bad.deliver(action())


def test_a_channel_name_is_refused_for_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from responders.slack import SlackResponderConfig

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    with pytest.raises(ValidationError, match="use the channel's ID"):
        SlackResponderConfig(channel="#support")
    assert SlackResponderConfig(channel="C0123456789").channel == "C0123456789"


def test_missing_secret_fails_config_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentiondesk.config import load_config
    from mentiondesk.models import ConfigError

    # The bot token (the signing secret is optional: tests/test_setup_slack_alerts_only.py).
    monkeypatch.delenv("MD_SLACK_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(
        '[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
        '[routing]\nalert = ["slack"]\nticket = "cases"\n[[responders]]\nkind = "console"\n'
        '[[responders]]\nkind = "local"\nname = "cases"\n'
        '[[responders]]\nkind = "slack"\nchannel = "C1"\nbot_token_env = "MD_SLACK_TOKEN"\n'
    )
    with pytest.raises(ConfigError, match=r"responders\[2\]\.bot_token_env: .*MD_SLACK_TOKEN"):
        load_config(config)


def test_shipped_slack_block_switches_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentiondesk.config import load_config

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    shipped_dir = Path(__file__).parents[2]
    shipped = (shipped_dir / "config.toml").read_text()
    start = shipped.index('# kind = "slack"') - len("# [[responders]]\n")
    block = shipped[start : shipped.index("#\n", start)]
    on = shipped.replace(block, "\n".join(line[2:] for line in block.splitlines()) + "\n")
    on = on.replace('alert = ["console"]', 'alert = ["slack"]')
    (tmp_path / "config.toml").write_text(on)
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "mentions.jsonl").write_text("")
    (tmp_path / "saved_replies.toml").write_text((shipped_dir / "saved_replies.toml").read_text())
    config = load_config(tmp_path / "config.toml")
    slack = next(r for r in config.responders if r.kind == "slack")
    assert slack.model_dump()["channel"] == "C0123456789"


async def test_alert_without_case_or_draft_has_no_buttons(slack_fake: SlackFake) -> None:
    from dataclasses import replace

    bare = action()
    bare = replace(bare, context=replace(bare.context, case_number=None, draft_id=None))
    await slack_responder(slack_fake).deliver(bare)
    blocks = slack_fake.posted()[0]["blocks"]
    assert [b["type"] for b in blocks] == ["section", "section", "context", "section"]
