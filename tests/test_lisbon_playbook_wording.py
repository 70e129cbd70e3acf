"""A Lisbon operator's playbook: a condition on the post's words is refused naming the
complaints Portugal makes (ANACOM, the Livro de Reclamações), and the author's name is
written as text, never read as template source."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError, History, Label, Reading
from playbooks import load_playbook
from tests.helpers import mention


def test_a_words_condition_names_portugals_complaints(tmp_path: Path) -> None:
    rule = (
        '[[rules]]\nname = "urgente"\n'
        'when = { label = ["negative"], texto = "ANACOM" }\nactions = [{ type = "escalate" }]\n'
    )
    (tmp_path / "regras.toml").write_text(rule, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_playbook([tmp_path / "regras.toml"], brand=Brand(name="Vivacom"))
    assert "ANACOM, the Livro de Reclamações" in str(caught.value)
    assert "write min_frustration = 3" in str(caught.value)


def test_the_authors_name_is_text_not_template(tmp_path: Path) -> None:
    (tmp_path / "tpl" / "pt-PT").mkdir(parents=True)
    (tmp_path / "tpl" / "pt-PT" / "dm.j2").write_text("{{ full_name }}, obrigado pelo contacto.")
    rule = '[[rules]]\nname = "d"\nwhen = { label = ["negative"] }\n'
    rule += 'actions = [{ type = "draft_private", template = "dm" }]\n'
    (tmp_path / "r.toml").write_text(rule)
    playbook = load_playbook(
        [tmp_path / "r.toml"],
        brand=Brand(name="Vivacom"),
        template_dir=tmp_path / "tpl",
        default_lang="pt-PT",
    )
    hostile = mention(1, "a fatura veio errada", name="Zé {{ brand }} <b>")
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt")
    (action,) = playbook.decide(hostile, reading, History())
    assert action.text == "Zé {{ brand }} <b>, obrigado pelo contacto."
