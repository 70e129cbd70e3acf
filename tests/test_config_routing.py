"""`[routing]` is checked when the config loads: platforms, labels and what each routed
responder takes. A route that could never match, or whose actions would all be held, stops
start-up naming its key and the fix."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mentiondesk import registry
from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from responders.freshdesk import FreshdeskResponderConfig
from tests.docs_text import docs_text
from tests.helpers import run_cli, write_config, write_mentions

ROOT = Path(__file__).resolve().parents[1]
# Besides the helpers' console and cases: a chat sink and a poster (their secrets are faked).
SINKS = (
    '\n[[responders]]\nkind = "slack"\nchannel = "C1"\napprovers = ["U1"]\n'
    '[[responders]]\nkind = "x-post"\n'
)


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "X_USER_TOKEN"):
        monkeypatch.setenv(variable, "test")


def _config(tmp_path: Path, extra: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=SINKS + extra)


def _problems(tmp_path: Path, extra: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, extra))
    return str(info.value)


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("twitter", "did you mean 'x'?"),
        ("X", "did you mean 'x'?"),
        ("mastadon", "did you mean 'mastodon'?"),
        ("tiktok", "use one of: bluesky, hackernews, mastodon, reddit, x"),
    ],
)
def test_a_post_route_for_no_platform_stops_start_up(tmp_path: Path, key: str, hint: str) -> None:
    # Before, the key was ignored: X replies went to `default` (a console) as if delivered.
    problems = _problems(
        tmp_path, f'[routing]\npost = {{ default = "console", {key} = "x-post" }}\n'
    )
    assert f"routing.post.{key}: no platform {key!r}; {hint}" in problems


def test_an_alert_route_that_could_never_match_stops_start_up(tmp_path: Path) -> None:
    route = '[[routing.alert_routes]]\nname = "r"\nto = ["slack"]\nplatform = ["x", "redit"]\n'
    problems = _problems(tmp_path, route + 'label = ["negativ", "angry"]\n')
    assert "[0].platform: no platform 'redit'; did you mean 'reddit'?" in problems
    assert "routing.alert_routes[0].label: no label 'negativ'; did you mean 'negative'?" in problems
    assert "label: no label 'angry'; use one of: negative, neutral, positive" in problems
    assert "no platform 'x'" not in problems


def test_a_route_on_a_language_or_reason_no_reading_carries_stops_start_up(
    tmp_path: Path,
) -> None:
    """The reading's language is a code ("pt", or a region as locales write it: "pt-BR"), its
    reasons the classifier's own names: "pt_BR" and "refund" loaded, and never matched."""
    route = '[[routing.alert_routes]]\nname = "r"\nto = ["slack"]\n'
    langs = 'lang = ["pt_BR", "en", "PT", "fil", "@pt", "por"]\n'
    problems = _problems(tmp_path, route + langs + 'reason = ["refund"]\n')
    assert "[0].lang: 'pt_BR': write 'pt-BR' (a region as locales write it)" in problems
    assert "[0].lang: 'PT': write 'pt' (languages are read in lower case)" in problems
    assert "[0].lang: '@pt' is no language code; write one such as 'pt' or 'en'" in problems
    assert "[0].lang: 'por': the language read is written with two letters; write 'pt'" in problems
    # A platform's hint is kept as given: three letters ("fil", Mastodon's "yue") are read too.
    assert "[0].lang: 'en'" not in problems and "'fil'" not in problems
    assert "routing.alert_routes[0].reason: no reason 'refund'; did you mean 'refund_payment'?" in (
        problems
    )


@pytest.mark.parametrize(
    ("routing", "said"),
    [
        ('ticket = "slack"', "routing.ticket: 'slack' (kind slack) takes alert, not ticket; "),
        ('alert = ["x-post"]', "routing.alert: 'x-post' (kind x-post) takes post, not alert; "),
        (
            'post = { default = "console", reddit = "x-post" }',
            "routing.post.reddit: 'x-post' (kind x-post) posts only on x, not reddit; ",
        ),
        ('post = { default = "slack" }', "routing.post.default: 'slack' (kind slack) takes alert"),
    ],
)
def test_a_route_to_a_responder_that_cannot_take_it_stops_start_up(
    tmp_path: Path, routing: str, said: str
) -> None:
    # Before, it loaded and every such action was held with "fix the routing".
    assert said in _problems(tmp_path, f"[routing]\n{routing}\n")


def test_the_fix_lists_the_responders_that_can_take_it(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '[routing]\nticket = "slack"\nalert = ["cases"]\n')
    assert (
        "routing.ticket: 'slack' (kind slack) takes alert, not ticket; use one of: cases, console"
        in problems
    )
    said = "routing.alert: 'cases' (kind local) takes comment, ticket, not alert"
    assert f"{said}; use one of: console, slack" in problems


def test_routes_each_responder_can_take_load(tmp_path: Path) -> None:
    routing = '[routing]\nalert = ["slack"]\nticket = "cases"\n'
    routing += 'post = { default = "console", x = "x-post" }\n[[routing.alert_routes]]\n'
    routing += 'name = "r"\nto = ["console"]\nplatform = ["x"]\nlabel = ["negative"]\n'
    config = load_config(_config(tmp_path, routing))
    assert config.settings.routing.post["x"] == "x-post"


def test_a_playbook_escalating_to_a_chat_sink_stops_check_config(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        '[[rules]]\nname = "angry"\nwhen = { label = ["negative"] }\n'
        'actions = [{ type = "escalate", to = "slack" }]\n'
    )
    config = _config(tmp_path, '[playbooks]\npaths = ["rules.toml"]\n')
    code, output = run_cli(config, "check-config")
    assert code == 2, output
    assert (
        "rule 'angry': escalate to = 'slack': takes alert, not ticket; use one of: cases, console"
        in " ".join(output.split())
    )


def test_each_platform_source_carries_its_kind_as_the_platform() -> None:
    # registry.platforms() relies on it: a source's kind is the platform of its mentions.
    for kind in registry.platforms():
        module = registry._BUILTIN["sources"][kind].partition(":")[0]
        path = ROOT / (module.replace(".", "/") + ".py")
        # The source's module, or its wire helpers beside it (listener/_reddit_wire.py).
        files = [path, *path.parent.glob(f"_{path.stem}_*.py")]
        assert any(f'platform="{kind}"' in f.read_text() for f in files), module


def test_the_readme_routing_samples_still_load(tmp_path: Path) -> None:
    blocks = re.findall(r"```toml\n(.*?)```", docs_text(), re.S)
    samples = [_routing_part(b) for b in blocks if "[routing" in b]
    assert len(samples) >= 3
    for i, sample in enumerate(samples):
        folder = tmp_path / str(i)
        folder.mkdir()
        mentions = write_mentions(folder / "m.jsonl", [])
        path = write_config(folder, db_url="sqlite:///x.db", samples=mentions)
        path.write_text(path.read_text() + _consoles(tomllib.loads(sample)["routing"]) + sample)
        assert load_config(path).settings.routing.model_dump(exclude_defaults=True), sample


def _routing_part(block: str) -> str:
    """The `[routing]` and `[[routing.…]]` tables of a sample in the docs."""
    kept, keep = [], False
    for line in block.splitlines():
        if line.startswith("["):
            keep = line.lstrip("[").startswith("routing")
        if keep:
            kept.append(line)
    return "\n".join(kept) + "\n"


def _consoles(routing: dict[str, Any]) -> str:
    """A console (it takes anything) for each responder a sample names: its platform keys,
    labels and conditions are what is checked."""
    names = {*routing.get("alert", []), *routing.get("post", {}).values(), routing.get("ticket")}
    names |= {n for route in routing.get("alert_routes", []) for n in route["to"]}
    return "".join(
        f'\n[[responders]]\nkind = "console"\nname = "{n}"\n'
        for n in sorted(names - {None, "console", "cases"})
    )


def test_freshdesk_must_know_who_a_ticket_is_from_for_authors_off_x(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRESHDESK_API_KEY", "test")
    desk = '\n[[responders]]\nkind = "freshdesk"\nbase_url = "https://acme.freshdesk.com"\n'
    problems = _problems(tmp_path, desk)  # the replay source may hold any platform's posts
    assert "responders[" in problems and ".requester_domain: Freshdesk needs" in problems
    assert "unique_external_id = true" in problems
    load_config(_config(tmp_path, desk + 'requester_domain = "social.example.com"\n'))
    load_config(_config(tmp_path, desk + "unique_external_id = true\n"))
    # Listening on X alone, every author has a twitter_id: nothing is missing.
    only_x = FreshdeskResponderConfig(base_url="https://acme.freshdesk.com")
    assert only_x.unready_for({"x"}) == [] and only_x.unready_for({"x", "reddit"}) != []


X_SOURCE = '\n[[sources]]\nkind = "x"\nbase_url = "http://127.0.0.1:9"\n'


def test_a_platform_whose_replies_go_to_the_console_is_warned_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_BEARER_TOKEN", "test")
    config = _config(tmp_path, X_SOURCE)
    code, output = run_cli(config, "check-config")
    assert code == 0 and "is valid" in output
    assert "warning: routing.post.default: approved replies to x mentions go to 'console'" in output
    assert 'e.g. x = "x-post"' in output and "not refused" in output
    code, output = run_cli(config, "run", "--once", "--sources", "none")
    assert code == 0 and "WARNING mentiondesk.cli: routing.post.default:" in output
    # Routed to its poster, or a replay source only (the demo): nothing to warn of.
    routed = X_SOURCE + '[routing]\npost = { default = "console", x = "x-post" }\n'
    assert "warning:" not in run_cli(_config(tmp_path, routed), "check-config")[1]
    assert "warning:" not in run_cli(_config(tmp_path, ""), "check-config")[1]  # replay only


def test_a_slack_responder_anyone_in_the_channel_may_approve_from_is_warned(
    tmp_path: Path,
) -> None:
    open_slack = SINKS.replace('approvers = ["U1"]\n', "")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=open_slack)
    code, output = run_cli(config, "check-config")
    assert code == 0 and "is valid" in output
    assert "warning: responders: the slack responder 'slack' (channel C1) has no" in output
    assert 'approvers = ["U024BE7LH"]' in output
    code, output = run_cli(config, "run", "--once", "--sources", "none")
    assert code == 0 and "WARNING mentiondesk.cli: responders: the slack responder" in output


def test_a_hacker_news_source_is_noted_once_as_posted_by_hand(tmp_path: Path) -> None:
    two = (
        '\n[[sources]]\nkind = "hackernews"\n'
        + '\n[[sources]]\nkind = "hackernews"\nname = "hn2"\n'
    )
    code, output = run_cli(_config(tmp_path, two), "check-config")
    assert code == 0 and "is valid" in output and "warning:" not in output
    assert output.count("note: Hacker News replies are posted by hand from the desk") == 1
    assert "Mark as posted" in output
    assert "note:" not in run_cli(_config(tmp_path, ""), "check-config")[1]  # replay only


def test_a_route_on_a_rule_no_playbook_has_stops_start_up(tmp_path: Path) -> None:
    """Loaded, it never matched: check-config said valid (the playbook is built after the
    config loads, so the check is the playbook's)."""
    route = '[[routing.alert_routes]]\nname = "r"\nto = ["slack"]\n'
    config = _config(tmp_path, route + 'rule = ["complaints", "praise", "playbook-error"]\n')
    code, output = run_cli(config, "check-config")
    assert code == 2, output
    said = " ".join(output.split())
    assert "routing.alert_routes[0].rule: no playbook rule 'complaints'; did you mean" in said
    assert "'praise'" not in said and "'playbook-error'" not in said
