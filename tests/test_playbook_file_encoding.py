"""Rule files and templates as Windows editors save them: a byte-order mark is read past (as
config.toml's and saved_replies.toml's are) and a file not in UTF-8 stops start-up naming it
and the fix, instead of a traceback, a misleading TOML error or an invisible first character
in every draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError, History, Label, Reading
from playbooks import load_playbook
from tests.helpers import complaint_and_praise, mention, run_cli

BRAND = Brand(name="Lumora")
_RULE = (
    '[[rules]]\nname = "reclamação"\nactions = [{ type = "draft_public", template = "obrigado" }]\n'
)
_TEMPLATE = "Obrigado{% if name %}, {{ name }}{% endif %}! A equipa {{ brand }} agradece."


def _templates(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "tpl" / "en"
    folder.mkdir(parents=True)
    (folder / "obrigado.j2").write_bytes(data)
    return tmp_path / "tpl"


def test_a_rule_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "regras.toml"
    path.write_bytes(_RULE.encode("utf-8-sig"))
    templates = _templates(tmp_path, _TEMPLATE.encode())
    playbook = load_playbook([path], brand=BRAND, template_dir=templates)
    assert [r.name for r in playbook.rules] == ["reclamação"]


def test_a_rule_file_not_in_utf8_names_the_file_and_the_fix(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    (tmp_path / "regras.toml").write_bytes(_RULE.encode("cp1252"))
    config.write_text(config.read_text() + '\n[playbooks]\npaths = ["regras.toml"]\n')
    code, output = run_cli(config, "check-config")
    assert code == 2, output
    assert f"{tmp_path / 'regras.toml'}: not UTF-8 text; save it as UTF-8" in output


def test_a_template_with_a_byte_order_mark_drafts_without_it(tmp_path: Path) -> None:
    path = tmp_path / "regras.toml"
    path.write_text(_RULE, encoding="utf-8")
    templates = _templates(tmp_path, _TEMPLATE.encode("utf-8-sig"))
    playbook = load_playbook([path], brand=BRAND, template_dir=templates)
    reading = Reading(label=Label.POSITIVE, score=0.9, lang="en")
    (draft,) = playbook.decide(mention(1, name="Inês Sá"), reading, History())
    assert draft.text == "Obrigado, Inês! A equipa Lumora agradece."


def test_a_template_not_in_utf8_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "regras.toml"
    path.write_text(_RULE, encoding="utf-8")
    templates = _templates(tmp_path, "Olá, lamentamos a situação".encode("cp1252"))
    with pytest.raises(ConfigError) as raised:
        load_playbook([path], brand=BRAND, template_dir=templates)
    said = str(raised.value)
    written = f"template {templates / 'en' / 'obrigado.j2'}, line 1: not UTF-8 text"
    assert f"rule 'reclamação', action 1: template: {written}" in said
    assert said.endswith("save the file as UTF-8")
