"""A rule file's wrong value is worded as config.toml's are: what was given and what to write,
the range in words, not pydantic's "Input should be a valid integer"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError
from playbooks import load_playbook

_RULE = '[[rules]]\nname = "queixa"\nwhen = {{ {when} }}\nactions = [{{ type = "open_case" }}]\n'


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        (
            'min_frustration = "alta"',
            "rule 'queixa': when.min_frustration: 'alta' is text; "
            "write a whole number from 0 to 3 (without quotes)",
        ),
        (
            "min_frustration = 7",
            "rule 'queixa': when.min_frustration: 7 is too high; write a whole number from 0 to 3",
        ),
        (
            "min_score = 1.5",
            "when.min_score: 1.5 is too high; write a number from 0 to 1",
        ),
        ("min_reach = -5", "-5 is too low; write a whole number of at least 0"),
        ('question = "sim"', "'sim' is text; write true or false (without quotes)"),
        ('topic = "delivery"', "'delivery' is text; write a list"),
    ],
)
def test_a_wrong_value_says_what_to_write(tmp_path: Path, when: str, problem: str) -> None:
    (tmp_path / "rules.toml").write_text(_RULE.format(when=when))
    with pytest.raises(ConfigError) as caught:
        load_playbook([tmp_path / "rules.toml"], brand=Brand(name="Voltix"))
    said = str(caught.value)
    assert said.startswith(f"{tmp_path / 'rules.toml'}: rule 'queixa': when.") and problem in said
    assert "Input should" not in said
