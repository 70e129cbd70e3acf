"""A private draft on a platform without private messages (Hacker News) is skipped: the
mention still reaches a person, through its case and alert."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from playbooks import load_playbook
from tests.helpers import mention

_NEGATIVE = Reading(label=Label.NEGATIVE, score=0.9, lang="en")
_ONLY_A_DM = """
[[rules]]
name = "dm-only"
actions = [{ type = "draft_private", template = "ok" }]
"""


def test_the_shipped_playbook_drafts_no_private_message_on_hacker_news() -> None:
    playbook = load_playbook([], brand=Brand(name="Lumora"))
    actions = playbook.decide(mention(1, platform="hackernews"), _NEGATIVE, History())
    assert [a.kind for a in actions] == [ActionKind.OPEN_CASE, ActionKind.ALERT]
    on_x = playbook.decide(mention(1), _NEGATIVE, History())
    assert ActionKind.DRAFT_PRIVATE in [a.kind for a in on_x]


def test_a_rule_whose_only_action_was_the_dm_opens_a_case(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "ok.j2").write_text("Hello")
    (tmp_path / "r.toml").write_text(_ONLY_A_DM)
    playbook = load_playbook([tmp_path / "r.toml"], brand=Brand(name="L"), template_dir=tmp_path)
    actions = playbook.decide(
        mention(1, platform="hackernews", name="Lara"), _NEGATIVE, History(), mention_id=7
    )
    assert [(a.kind, a.rule) for a in actions] == [(ActionKind.OPEN_CASE, "dm-only")]
    (line,) = [r.getMessage() for r in caplog.records if "draft skipped" in r.getMessage()]
    assert line.startswith("mention 7: rule 'dm-only': hackernews has no private messages")
    assert "Lara" not in caplog.text


def test_an_automatic_reply_on_hacker_news_waits_for_a_person(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "ok.j2").write_text("Thanks")
    auto = '{ type = "draft_public", template = "ok", auto = true }'
    rules = f'[[rules]]\nname = "auto"\nactions = [{auto}]\n'
    (tmp_path / "r.toml").write_text(rules)
    playbook = load_playbook([tmp_path / "r.toml"], brand=Brand(name="L"), template_dir=tmp_path)
    positive = Reading(label=Label.POSITIVE, score=0.9, lang="en")
    (on_hn,) = playbook.decide(mention(1, platform="hackernews"), positive, History())
    (on_x,) = playbook.decide(mention(1), positive, History())
    assert (on_hn.auto, on_x.auto) == (False, True)  # nothing could post it there
