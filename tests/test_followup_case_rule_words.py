"""The three rules a Brazilian shop's playbook author writes first, as they first write them:
a pt-PT thank-you, a Procon / Reclame Aqui threat sent to the help desk, and a complaint
repeated while the case is open escalated. Each mistake is told with the fix that works."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, ConfigError, History, Label, Reading
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from mentiondesk.web.rule_words import conditions
from playbooks import load_playbook
from playbooks.rules import When
from tests.helpers import mention

BRAND = Brand(name="Lumora")
_RULE = '[[rules]]\nname = "{name}"\nwhen = {{ {when} }}\nactions = [{{ type = "escalate" }}]\n'


def _problem(tmp_path: Path, name: str, when: str) -> str:
    path = tmp_path / "regras.toml"
    path.write_text(_RULE.format(name=name, when=when), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_playbook([path], brand=BRAND)
    return str(raised.value)


@pytest.mark.parametrize(
    "key", ["texto", "text", "keywords", "palavras_chave", "contains", "contem", "mention"]
)
def test_a_words_condition_says_threats_read_as_frustration_3(tmp_path: Path, key: str) -> None:
    said = _problem(tmp_path, "procon", f'label = ["negative"], {key} = ["procon", "reclame aqui"]')
    assert f"rule 'procon': when.{key}: " in said
    assert "rules do not match the post's words" in said
    assert "Procon, Reclame Aqui" in said and "min_frustration = 3" in said
    assert "did you mean 'question'" not in said  # "mention" is no misspelt "question"


def test_an_accented_words_condition_says_so_too(tmp_path: Path) -> None:
    said = _problem(tmp_path, "procon", 'contém = ["procon"]')
    assert "'contém' has 'é'" in said and "min_frustration = 3" in said


@pytest.mark.parametrize(
    "key", ["reincidente", "repetida", "repeat", "open_case", "caso_aberto", "has_open_case"]
)
def test_a_repeat_condition_named_as_a_team_names_it_gets_follow_up(
    tmp_path: Path, key: str
) -> None:
    said = _problem(tmp_path, "reincidente", f'label = ["negative"], {key} = true')
    assert f"when.{key}: unknown key; did you mean 'follow_up'?" in said


@pytest.mark.parametrize("key", ["label", "lang"])
def test_one_value_where_a_list_goes_shows_the_list_to_write(tmp_path: Path, key: str) -> None:
    value = {"label": "positive", "lang": "pt-PT"}[key]
    said = _problem(tmp_path, "obrigado-pt", f'{key} = "{value}"')
    assert f"when.{key}: '{value}' is text; write a list: {key} = [\"{value}\"]" in said


def test_the_three_rules_as_the_readme_writes_them_load_and_decide(tmp_path: Path) -> None:
    path = tmp_path / "regras.toml"
    path.write_text(
        '[[rules]]\nname = "obrigado-pt"\n'
        'when = { label = ["positive"], lang = ["pt-PT"], question = false }\n'
        'actions = [{ type = "draft_public", template = "thank_you" }]\n'
        '[[rules]]\nname = "procon"\nwhen = { label = ["negative"], min_frustration = 3 }\n'
        'actions = [{ type = "escalate" }]\n'
        '[[rules]]\nname = "reincidente"\nwhen = { label = ["negative"], follow_up = true }\n'
        'actions = [{ type = "escalate" }]\n',
        encoding="utf-8",
    )
    playbook = load_playbook([path], brand=BRAND)
    angry = Reading(label=Label.NEGATIVE, score=0.9, lang="pt", frustration=1)
    again = History(open_cases=("MD-000001",), joins_case="MD-000001")
    complaint = mention(1, "@lumora de novo o pedido atrasado")
    assert [a.rule for a in playbook.decide(complaint, angry, again)] == ["reincidente"]
    assert playbook.decide(complaint, angry, History(mentions_before=8)) == []
    glad = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    (thanks,) = playbook.decide(mention(2, "@lumora adorei, chegou pelos CTT"), glad, History())
    assert (thanks.kind, thanks.rule, thanks.lang) == (
        ActionKind.DRAFT_PUBLIC,
        "obrigado-pt",
        "pt-PT",
    )


def test_the_playbooks_page_words_the_follow_up_condition() -> None:
    when = When(label=[Label.NEGATIVE], follow_up=True)
    assert [p.text for p in conditions(when, ENGLISH)][1] == (
        "it joins the author's open case as a follow-up"
    )
    (_, pt) = conditions(when, PORTUGUESE)
    assert (pt.text, pt.source) == (
        "entra no caso aberto da pessoa como nova menção",
        "follow_up = true",
    )
