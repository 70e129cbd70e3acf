"""The App built from config: Slack cards routed per platform, sinks built by the registry,
and the help-desk sync running beside the flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake

ANGRY = "This is terrible, the worst service ever, I hate it <!channel>"


def _mention(platform: str, n: int) -> str:
    return json.dumps(
        {
            "platform": platform,
            "external_id": f"{platform}-{n}",
            "author": {"id": f"u{n}", "handle": f"user{n}", "name": "U", "followers": 5},
            "text": ANGRY,
            "lang": "en",
            "created_at": "2026-11-09T10:00:00Z",
        }
    )


def _config(tmp_path: Path, base: str) -> Path:
    (tmp_path / "m.jsonl").write_text(_mention("x", 1) + "\n" + _mention("mastodon", 2) + "\n")
    (tmp_path / "config.toml").write_text(f"""
[brand]\nname = "Lumora"\n[store]\nurl = "sqlite:///store.db"
[[sources]]\nkind = "replay"\nname = "m"\npath = "m.jsonl"
[routing]\nalert = ["slack"]\nticket = "zd"
[[routing.alert_routes]]\nname = "fediverse"\nplatform = ["mastodon"]\nto = ["slack-fedi"]
[[responders]]\nkind = "slack"\nchannel = "C-MAIN"\nbase_url = "{base}/api/"
[[responders]]\nkind = "slack"\nname = "slack-fedi"\nchannel = "C-FEDI"\nbase_url = "{base}/api/"
[[responders]]\nkind = "zendesk"\nname = "zd"\nbase_url = "{base}"\nemail = "{zd.EMAIL}"
[[responders]]\nkind = "console"
""")
    return tmp_path / "config.toml"


async def test_alerts_follow_routes_and_sync_runs(
    tmp_path: Path, fake_api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("ZENDESK_TOKEN", zd.TOKEN)
    slack = SlackFake(fake_api)
    zd.ZendeskFake(fake_api)
    config = load_config(_config(tmp_path, fake_api.base_url))
    async with App(config) as app:
        await app.run_once()
        await app.start()
        assert [t.get_name() for t in app._side_tasks] == ["helpdesk-sync", "digests"]
        await app.stop()
    channels = sorted(p["channel"] for p in slack.posted())
    assert channels == ["C-FEDI", "C-MAIN"]
    assert all("<!channel>" not in json.dumps(p["blocks"]) for p in slack.posted())
