"""A block tag at the end of a line takes the line break with it (the sandbox trims it), so
"(MD-000001).{% endif %}" and "Lamentamos" on the next line wrote "(MD-000001).Lamentamos"
in every draft that took the branch, and "…a sua mensagem.Lamentamos" in every other: refused
at load with the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ConfigError, History, Label, Reading
from playbooks import Playbook
from tests.helpers import mention
from tests.playbook_template_helpers import detractor_playbook

_JOINED = (
    "Olá{% if name %} {{ name }}{% endif %}, recebemos a sua mensagem"
    "{% if open_cases %} ({{ open_cases[0] }}).{% else %}.{% endif %}\n"
    "{}Lamentamos o incómodo.\n"
)


def _load(tmp_path: Path, template: str) -> Playbook:
    return detractor_playbook(tmp_path, "dm", template)


def test_a_line_ending_in_a_block_tag_before_a_word_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, _JOINED.replace("{}", ""))
    said = str(caught.value)
    assert "dm.j2, line 1:" in said
    assert "{% endif %} is dropped" in said and "'Lamentamos'" in said
    assert "start the next line with a space" in said


@pytest.mark.parametrize(
    "template",
    [
        _JOINED.replace("{}", " "),  # the fix said: the next line starts with a space
        _JOINED.replace("{% endif %}\n{}", "\n{% endif %}\n"),  # the tag on a line of its own
        _JOINED.replace("{% endif %}\n{}", "{% endif -%}\n"),  # stripped on purpose
    ],
)
def test_the_fixes_load_and_keep_the_words_apart(tmp_path: Path, template: str) -> None:
    playbook = _load(tmp_path, template)
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt")
    (action,) = playbook.decide(mention(1, "a fatura veio errada", name="Rita"), reading, History())
    assert "mensagem." in action.text and "Lamentamos" in action.text
    if "-%}" not in template:
        assert "mensagem. Lamentamos" in action.text
