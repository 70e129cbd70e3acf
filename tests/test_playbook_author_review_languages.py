"""A manager's own template written for one Portuguese region only (her `pt-BR/`, or a
Portugal team's `pt-PT/`) answers the other region's posts in Portuguese, not in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, History, Label, Reading
from playbooks import load_playbook
from tests.helpers import mention

_RULES = """
[[rules]]
name = "reclamação"
when = { label = ["negative"] }
actions = [{ type = "draft_private", template = "desculpas" }]
"""
_BRAZIL = "meu celular chegou quebrado, vc pode me ajudar?"
_PORTUGAL = "o meu telemóvel chegou avariado, estou à espera de resposta"


@pytest.mark.parametrize(
    ("folder", "text", "post", "lang"),
    [
        ("pt-BR", "Sentimos muito, equipe Lumora.", _PORTUGAL, "pt-BR"),
        ("pt-PT", "Lamentamos muito, equipa Lumora.", _BRAZIL, "pt-PT"),
        ("pt-BR", "Sentimos muito, equipe Lumora.", _BRAZIL, "pt-BR"),  # its own, as before
    ],
)
def test_a_portuguese_post_gets_the_other_regions_text_before_english(
    tmp_path: Path, folder: str, text: str, post: str, lang: str
) -> None:
    for code, body in (("en", "We're sorry."), (folder, text)):
        (tmp_path / code).mkdir()
        (tmp_path / code / "desculpas.j2").write_text(body)
    (tmp_path / "regras.toml").write_text(_RULES)
    playbook = load_playbook(
        [tmp_path / "regras.toml"], brand=Brand(name="Lumora"), template_dir=tmp_path
    )
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt", reason="product_quality")
    (draft,) = playbook.decide(mention(1, post), reading, History())
    assert (draft.text, draft.lang) == (text, lang)


def test_an_english_post_still_gets_the_default_language(tmp_path: Path) -> None:
    for code, body in (("en", "We're sorry."), ("pt-BR", "Sentimos muito.")):
        (tmp_path / code).mkdir()
        (tmp_path / code / "desculpas.j2").write_text(body)
    (tmp_path / "regras.toml").write_text(_RULES)
    playbook = load_playbook(
        [tmp_path / "regras.toml"], brand=Brand(name="Lumora"), template_dir=tmp_path
    )
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="en")
    (draft,) = playbook.decide(mention(1, "my phone arrived broken"), reading, History())
    assert (draft.text, draft.lang) == ("We're sorry.", "en")
