"""A rule condition no reading could meet is refused at load, naming the file, the rule, the
key and the fix: otherwise the rule would silently never fire."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import REASONS, TOPICS, Brand, ConfigError
from playbooks import load_playbook
from sentiment import reasons, topics
from tests.helpers import complaint_and_praise, run_cli

_RULE = '[[rules]]\nname = "mine"\nwhen = {{ {when} }}\nactions = [{{ type = "open_case" }}]\n'


def _check_config(tmp_path: Path, when: str) -> tuple[int, str]:
    config = complaint_and_praise(tmp_path)
    (tmp_path / "rules.toml").write_text(_RULE.format(when=when))
    config.write_text(config.read_text() + '\n[playbooks]\npaths = ["rules.toml"]\n')
    return run_cli(config, "check-config")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            'platform = ["twitter"]',
            "rule 'mine': when.platform: no platform 'twitter'; did you mean 'x'?",
        ),
        ('platform = ["x", "redit"]', "no platform 'redit'; did you mean 'reddit'?"),
        (
            'topic = ["entrega"]',
            "rule 'mine': when.topic: no topic 'entrega'; did you mean 'delivery'?",
        ),
        (
            'reason = ["entrega"]',
            "rule 'mine': when.reason: no reason 'entrega'; did you mean 'delivery'?",
        ),
        ('reason = ["reembolso"]', "no reason 'reembolso'; did you mean 'refund_payment'?"),
        ('reason = ["spam"]', "no reason 'spam'; use one of: delivery, refund_payment,"),
        (
            'lang = ["portugues"]',
            "rule 'mine': when.lang: no language 'portugues'; did you mean 'pt'?",
        ),
        ('lang = ["brasil"]', "no language 'brasil'; did you mean 'pt-BR'?"),
        ('lang = ["pt-Portugal"]', "no language 'pt-Portugal'"),
    ],
)
def test_a_condition_no_mention_could_meet_stops_check_config(
    tmp_path: Path, when: str, message: str
) -> None:
    code, output = _check_config(tmp_path, when)
    assert code == 2, output
    flat = " ".join(output.split())
    assert "rules.toml" in flat and message in flat


@pytest.mark.parametrize(
    "when",
    [
        'platform = ["x", "reddit", "mastodon", "bluesky", "hackernews"]',
        'topic = ["delivery", "spam", "opt_out"]',
        'reason = ["other", "account_login"]',
        'lang = ["en", "pt", "PT_pt", "pt-br", "es", "ja", "und", "es-419"]',
    ],
)
def test_conditions_a_reading_can_carry_pass(tmp_path: Path, when: str) -> None:
    code, output = _check_config(tmp_path, when)
    assert code == 0, output


def test_a_playbook_read_on_its_own_checks_platforms_only_when_told(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(_RULE.format(when='platform = ["threads"]'))
    brand = Brand(name="Lumora", handles=("@lumora",))
    assert load_playbook([tmp_path / "rules.toml"], brand=brand).rules
    with pytest.raises(ConfigError, match="no platform 'threads'; use one of: x, reddit"):
        load_playbook([tmp_path / "rules.toml"], brand=brand, platforms=["x", "reddit"])


def test_the_known_topics_and_reasons_are_those_the_reading_gives() -> None:
    assert set(TOPICS) == set(topics._TOPIC_WORDS)
    assert set(REASONS) == {*topics.REASONS, "other"} == set(reasons._PRIORITY)
