"""A draft whose template fails at run time: what takes its place, and what does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from playbooks import Playbook, load_playbook
from tests.helpers import mention

# Passes both start-up samples ("Sam": 3 letters; no name: 0) and fails for a 4-letter name.
_FOUR_LETTERS = "Hi{% if 1 // (name|length - 4) %} there{% endif %}"
_RULES = """
[[rules]]
name = "review-first"
when = { label = ["negative"] }
actions = [{ type = "draft_public", template = "odd" }, { type = "alert", to = "console" }]

[[rules]]
name = "acknowledge"
when = { label = ["negative"] }
actions = [
  { type = "open_case" },
  { type = "draft_public", template = "ok", auto = true },
  { type = "draft_private", template = "ok" },
]
"""
_NEGATIVE = Reading(label=Label.NEGATIVE, score=0.9, lang="en")


def _playbook(tmp_path: Path) -> Playbook:
    (tmp_path / "en").mkdir(parents=True)
    (tmp_path / "en" / "odd.j2").write_text(_FOUR_LETTERS)
    (tmp_path / "en" / "ok.j2").write_text("Hello")
    (tmp_path / "r.toml").write_text(_RULES)
    return load_playbook([tmp_path / "r.toml"], brand=Brand(name="L"), template_dir=tmp_path)


def test_a_skipped_draft_is_not_replaced_by_a_later_rules_automatic_one(tmp_path: Path) -> None:
    actions = _playbook(tmp_path).decide(mention(1, name="Lara Souza"), _NEGATIVE, History())
    # The first rule wanted a person to review the public reply: no later rule's draft of
    # that kind (here an automatic one) goes out instead. Other kinds are untouched.
    assert [(a.kind, a.rule, a.auto) for a in actions] == [
        (ActionKind.ALERT, "review-first", False),
        (ActionKind.OPEN_CASE, "acknowledge", False),
        (ActionKind.DRAFT_PRIVATE, "acknowledge", False),
    ]
    # For a name it can fill in, the first rule's draft is the one kept, as before.
    actions = _playbook(tmp_path / "ana").decide(mention(1), _NEGATIVE, History())
    (public,) = [a for a in actions if a.kind is ActionKind.DRAFT_PUBLIC]
    assert (public.rule, public.text, public.auto) == ("review-first", "Hi there", False)


def test_a_bug_outside_the_template_is_not_taken_for_a_skipped_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    playbook = _playbook(tmp_path)

    def broken(*_: Any) -> dict[str, Any]:
        raise KeyError("reason")

    monkeypatch.setattr(playbook, "_context", broken)
    # Raised to Processor.decide, which logs it as the playbook failing (with the mention's
    # id), not as a template an author's name could not fill in.
    with pytest.raises(KeyError):
        playbook.decide(mention(1), _NEGATIVE, History())
    assert "draft skipped" not in caplog.text


def test_the_warning_names_the_mention_id_and_no_author_values(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _playbook(tmp_path).decide(mention(1, name="Lara Souza"), _NEGATIVE, History(), mention_id=42)
    (line,) = [r.getMessage() for r in caplog.records if "draft skipped" in r.getMessage()]
    assert line.startswith("mention 42: rule 'review-first': template 'odd'")
    assert "Lara" not in caplog.text
