"""A `[routing]` key left out routes to its default responder ('console' for alerts and
replies, 'cases' for tickets). A config without those responders (a real team's: Slack, a help
desk, no console) is told that the key was not written and what to write, and the responders
the fix offers are only those that can take what the route sends: never "use one of: slack"
for replies a chat sink cannot post."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError

TEAM = """
[brand]
name = "Sumol Verde"
[store]
url = "sqlite:///x.db"
[sentiment]
classifier = "ngram"
{routing}
[[sources]]
kind = "replay"
path = "m.jsonl"
[[responders]]
kind = "slack"
channel = "C1"
approvers = ["U1"]
[[responders]]
kind = "zendesk"
base_url = "https://sumolverde.zendesk.com"
email = "agente@sumolverde.pt"
[[responders]]
kind = "x-post"
"""


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "ZENDESK_TOKEN", "X_USER_TOKEN"):
        monkeypatch.setenv(variable, "test")


def _problems(tmp_path: Path, routing: str) -> list[str]:
    (tmp_path / "m.jsonl").write_text("")
    path = tmp_path / "config.toml"
    path.write_text(TEAM.format(routing=routing))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return [line.removeprefix(f"{path}: ") for line in str(info.value).splitlines()]


def test_a_post_route_left_out_says_so_and_offers_only_posters(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '[routing]\nalert = ["slack"]\nticket = "zendesk"\n')
    assert problems == [
        "routing.post.default: not written, so replies go to 'console' (the default), and no "
        "responder is named 'console'; write post = { default = \"x-post\" } under [routing] "
        '(it can take them: x-post), or add a [[responders]] table with kind = "console", '
        'name = "console"'
    ]


def test_every_route_left_out_names_its_default_and_its_kind(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "")
    assert len(problems) == 3, problems
    alert, post, ticket = problems
    assert alert.startswith("routing.alert: not written, so alerts go to 'console'")
    assert 'write alert = ["slack"] under [routing] (it can take them: slack)' in alert
    assert "routing.post.default: not written" in post
    assert ticket.startswith("routing.ticket: not written, so tickets go to 'cases'")
    assert 'write ticket = "zendesk" under [routing] (it can take them: zendesk)' in ticket
    assert ticket.endswith('add a [[responders]] table with kind = "local", name = "cases"')


def test_a_misspelt_route_offers_only_the_responders_that_can_take_it(tmp_path: Path) -> None:
    routing = '[routing]\nalert = ["slak"]\nticket = "zendesk"\npost = { default = "x-post" }\n'
    assert _problems(tmp_path, routing) == [
        "routing.alert: no responder is named 'slak'; add a [[responders]] table with name = "
        "'slak' or use one of: slack"
    ]
