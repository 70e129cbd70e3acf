"""SlackResponder against a fake Slack Web API through the real slack_sdk client."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import SecretStr

from mentiondesk.models import FatalError, RateLimited
from responders.slack import SlackResponder
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import action


@pytest.fixture
def slack_fake(fake_api: FakeAPI) -> SlackFake:
    return SlackFake(fake_api)


def responder(fake: SlackFake, retries: int = 2) -> SlackResponder:
    return SlackResponder(
        "slack",
        token=SecretStr("xoxb-test"),
        signing_secret=SecretStr("s3cret"),
        channel="#support",
        base_url=fake.base_url,
        max_429_retries=retries,
    )


async def test_posts_card_and_returns_channel_ts(slack_fake: SlackFake) -> None:
    receipt = await responder(slack_fake).deliver(action())
    assert receipt.ref == "C0TEAM:1700000000.000001"
    call = slack_fake.api.calls("/api/chat.postMessage")[0]
    assert call.headers["Authorization"] == "Bearer xoxb-test"
    assert call.json()["channel"] == "#support"


async def test_mention_text_cannot_ping_or_link(slack_fake: SlackFake) -> None:
    await responder(slack_fake).deliver(action())
    wire = slack_fake.api.calls("/api/chat.postMessage")[0].body.decode()
    body = json.loads(wire)
    quoted = body["blocks"][1]["text"]["text"]
    assert quoted.startswith(">&lt;!channel&gt; &lt;@U123&gt;")
    assert "&amp; &lt;https://evil.example|click&gt;" in quoted
    for dangerous in ("<!channel>", "<@U123>", "<@U999>", "<https://evil"):
        assert dangerous not in wire


async def test_card_shows_author_reading_case_and_draft(slack_fake: SlackFake) -> None:
    await responder(slack_fake).deliver(action())
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
    await responder(slack_fake).deliver(again)
    body = slack_fake.posted()[0]
    assert body["text"].startswith("MD-000007 follow-up: negative mention")
    assert "*MD-000007 follow-up* ·" in json.dumps(body["blocks"], ensure_ascii=False)


async def test_buttons_carry_case_and_draft_ids(slack_fake: SlackFake) -> None:
    await responder(slack_fake).deliver(action())
    buttons = slack_fake.posted()[0]["blocks"][-1]["elements"]
    assert [b["action_id"] for b in buttons] == ["approve", "edit", "reject", "assign", "escalate"]
    assert {json.dumps(json.loads(b["value"])) for b in buttons} == {
        json.dumps({"case": "MD-000007", "draft": 11})
    }


async def test_429_is_retried_after_retry_after(slack_fake: SlackFake) -> None:
    slack_fake.api.queue(
        "POST",
        "/api/chat.postMessage",
        429,
        {"ok": False, "error": "ratelimited"},
        headers={"Retry-After": "0"},
    )
    receipt = await responder(slack_fake).deliver(action())
    assert receipt.ref == "C0TEAM:1700000000.000001"
    assert len(slack_fake.api.calls("/api/chat.postMessage")) == 2


async def test_429_past_retries_becomes_rate_limited(slack_fake: SlackFake) -> None:
    slack_fake.api.queue(
        "POST",
        "/api/chat.postMessage",
        429,
        {"ok": False, "error": "ratelimited"},
        headers={"Retry-After": "120"},
    )
    with pytest.raises(RateLimited) as info:
        await responder(slack_fake, retries=0).deliver(action())
    assert info.value.until.timestamp() > time.time() + 100


async def test_bad_token_is_fatal(slack_fake: SlackFake) -> None:
    bad = responder(slack_fake)
    bad.client.token = "xoxb-wrong"
    with pytest.raises(FatalError, match="invalid_auth"):
        await bad.deliver(action())


def test_missing_secret_fails_config_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentiondesk.config import load_config
    from mentiondesk.models import ConfigError

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.delenv("MD_SLACK_SIGNING", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(
        '[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
        '[routing]\nalert = ["slack"]\nticket = "cases"\n[[responders]]\nkind = "console"\n'
        '[[responders]]\nkind = "local"\nname = "cases"\n'
        '[[responders]]\nkind = "slack"\nchannel = "C1"\nsigning_secret_env = "MD_SLACK_SIGNING"\n'
    )
    with pytest.raises(
        ConfigError, match=r"responders\[2\]\.signing_secret_env: .*MD_SLACK_SIGNING"
    ):
        load_config(config)


def test_shipped_slack_block_switches_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mentiondesk.config import load_config

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    shipped = (Path(__file__).parents[2] / "config.toml").read_text()
    start = shipped.index('# kind = "slack"') - len("# [[responders]]\n")
    block = shipped[start : shipped.index("#\n", start)]
    on = shipped.replace(block, "\n".join(line[2:] for line in block.splitlines()) + "\n")
    on = on.replace('alert = ["console"]', 'alert = ["slack"]')
    (tmp_path / "config.toml").write_text(on)
    config = load_config(tmp_path / "config.toml")
    slack = next(r for r in config.responders if r.kind == "slack")
    assert slack.model_dump()["channel"] == "C0123456789"


async def test_alert_without_case_or_draft_has_no_buttons(slack_fake: SlackFake) -> None:
    from dataclasses import replace

    bare = action()
    bare = replace(bare, context=replace(bare.context, case_number=None, draft_id=None))
    await responder(slack_fake).deliver(bare)
    blocks = slack_fake.posted()[0]["blocks"]
    assert [b["type"] for b in blocks] == ["section", "section", "context", "section"]
