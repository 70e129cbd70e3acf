"""A rule's `lang` written for a country or as a three-letter code ("br", "ptbr", "por") is
refused naming the tag meant: "br" is Breton's code, and a rule meant for Brazil never fired."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError
from playbooks import load_playbook

_RULE = """
[[rules]]
name = "brasil"
when = {{ lang = {langs} }}
actions = [{{ type = "open_case" }}]
"""


def _load(tmp_path: Path, langs: str) -> list[str] | None:
    (tmp_path / "rules.toml").write_text(_RULE.format(langs=langs))
    (rule,) = load_playbook([tmp_path / "rules.toml"], brand=Brand(name="Lumora")).rules
    return rule.when.lang


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("br", "pt-BR"),
        ("BR", "pt-BR"),
        ("ptbr", "pt-BR"),
        ("PTBR", "pt-BR"),
        ("pt br", "pt-BR"),
        ("pt-BRA", "pt-BR"),
        ("ptpt", "pt-PT"),
        ("por", "pt"),
        ("eng", "en"),
        ("esp", "es"),
        ("spa", "es"),
        ("us", "en"),
    ],
)
def test_a_country_or_three_letter_code_names_the_tag_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, f'["{written}"]')
    message = str(caught.value)
    assert f"rule 'brasil': when.lang: no language '{written}'" in message
    assert f"did you mean '{meant}'?" in message


def test_br_says_it_is_bretons_code(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"no language 'br' \(the code of Breton, not a country\)"
    ):
        _load(tmp_path, '["br"]')


def test_tags_in_any_case_and_real_codes_still_load(tmp_path: Path) -> None:
    written = '["pt_BR", "PT-br", "pt-pt", "EN", "uk", "ja", "und", "en-US"]'
    assert _load(tmp_path, written) == ["pt-BR", "pt-BR", "pt-PT", "en", "uk", "ja", "und", "en-US"]
