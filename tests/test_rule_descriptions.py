"""A rule's description is one text, or a table of texts by locale; a bad table stops
start-up naming the rule and the fix, as any other mistake in a playbook does."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError
from playbooks import load_playbook
from playbooks.rules import Rule

BRAND = Brand(name="Lumora")
_TABLE = {
    "en": "Praise: thank them",
    "pt-BR": "Elogio: agradecer",
    "pt-PT": "Elogio: agradecer-lhe",
}


def _load(tmp_path: Path, description: str) -> Rule:
    path = tmp_path / "r.toml"
    path.write_text(f'[[rules]]\nname = "praise"\n{description}\nstop = true\n', encoding="utf-8")
    return load_playbook([path], brand=BRAND).rules[0]


def test_a_plain_text_still_reads_in_every_language(tmp_path: Path) -> None:
    rule = _load(tmp_path, 'description = "Praise: thank them"')
    assert rule.description == "Praise: thank them"
    assert rule.describe("pt-BR") == rule.describe("en") == "Praise: thank them"


@pytest.mark.parametrize(
    "toml",
    [
        'description = { en = "Praise: thank them", pt-BR = "Elogio: agradecer", '
        'pt-PT = "Elogio: agradecer-lhe" }',
        'description.en = "Praise: thank them"\ndescription.pt-BR = "Elogio: agradecer"\n'
        'description.pt-PT = "Elogio: agradecer-lhe"',
    ],
    ids=["inline", "dotted"],
)
def test_a_table_by_locale_loads_and_the_rule_still_stops(tmp_path: Path, toml: str) -> None:
    rule = _load(tmp_path, toml)
    assert rule.description == _TABLE and rule.stop  # the rule's other keys are its own


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("en", "Praise: thank them"),
        ("pt-BR", "Elogio: agradecer"),
        ("pt-PT", "Elogio: agradecer-lhe"),
        ("pt", "Elogio: agradecer"),  # the language alone: its first region's text
        ("fr", "Praise: thank them"),  # a language the table lacks: English
    ],
)
def test_each_reader_gets_their_locale_then_their_language_then_english(
    locale: str, shown: str
) -> None:
    assert Rule(name="praise", description=_TABLE).describe(locale) == shown


def test_a_region_without_its_own_text_reads_the_other_regions() -> None:
    brazil_only = Rule(name="r", description={"en": "Praise", "pt-BR": "Elogio"})
    portugal_only = Rule(name="r", description={"en": "Praise", "pt-PT": "Elogio, pá"})
    assert brazil_only.describe("pt-PT") == "Elogio"
    assert portugal_only.describe("pt-BR") == "Elogio, pá"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'description = { pt-BR = "Elogio" }',
            r"rule 'praise': description: a table needs en = .*; it has pt-BR",
        ),
        ("description = {}", r"rule 'praise': description: a table needs en = "),
        (
            'description = { en = "Praise", pt-BR = 3 }',
            r"rule 'praise': description: the pt-BR text must be a string .*; got 3",
        ),
        (
            'description = { en = "Praise", pt-BR = { text = "Elogio" } }',
            r"the pt-BR text must be a string in quotes; got \{'text': 'Elogio'\}",
        ),
        (
            'description = { en = "Praise", pt_br = "Elogio" }',
            r"rule 'praise': description: 'pt_br' is not a locale; "
            r"did you mean 'pt-BR'\?",
        ),
        (
            'description = { en = "Praise", Portuguese = "Elogio" }',
            r"'Portuguese' is not a locale; write a language \(en, pt\) or a language and region",
        ),
        (
            "description = 3",
            r"rule 'praise': description: write a text, or a table .*; got 3",
        ),
    ],
)
def test_a_bad_description_table_names_the_rule_and_the_fix(
    tmp_path: Path, toml: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        _load(tmp_path, toml)


def test_the_shipped_rules_are_described_in_both_portuguese() -> None:
    for rule in load_playbook([], brand=BRAND).rules:
        texts = {rule.describe(locale) for locale in ("en", "pt-BR", "pt-PT")}
        assert len(texts) == 3 and all(texts), rule.name
