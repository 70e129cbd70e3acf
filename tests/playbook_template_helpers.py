"""Playbooks of one rule on templates written to disk: a pt praise rule (a public draft from
`obrigado`) for the tests of what start-up says of a template's mistakes
(test_playbook_template_lines, test_playbook_template_words), and a pt-PT detractor rule (a
private draft from one template) for the Lisbon tests; each was built twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError
from playbooks import Playbook, load_playbook

RULE = (
    '[[rules]]\nname = "elogio"\nwhen = { label = ["positive"] }\n'
    'actions = [{ type = "draft_public", template = "obrigado" }]\n'
)


def load_templates(tmp_path: Path, data: bytes | str, **others: str) -> Playbook:
    """The playbook with `data` as pt/obrigado.j2 (bytes: as the editor saved them, a BOM or
    CRLF and all) and OTHERS as pt/NAME.j2."""
    folder = tmp_path / "modelos" / "pt"
    folder.mkdir(parents=True, exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    (folder / "obrigado.j2").write_bytes(raw)
    for name, body in others.items():
        (folder / f"{name}.j2").write_text(body, encoding="utf-8")
    return _load(tmp_path, RULE, Brand(name="Lumora"), "modelos", "pt")


def detractor_playbook(tmp_path: Path, template: str, text: str, **options: object) -> Playbook:
    """Vivacom's pt-PT playbook: a negative mention gets a private draft from pt-PT/TEMPLATE.j2
    holding TEXT; OPTIONS go to load_playbook (clock, at_work…)."""
    folder = tmp_path / "tpl" / "pt-PT"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{template}.j2").write_text(text, encoding="utf-8")
    rule = (
        '[[rules]]\nname = "detrator"\nwhen = { label = ["negative"] }\n'
        f'actions = [{{ type = "draft_private", template = "{template}" }}]\n'
    )
    return _load(tmp_path, rule, Brand(name="Vivacom"), "tpl", "pt-PT", **options)


def _load(
    tmp_path: Path, rules: str, brand: Brand, templates: str, lang: str, **options: object
) -> Playbook:
    """The playbook of RULES, written to regras.toml, on the templates under tmp_path/TEMPLATES
    (LANG their default language); OPTIONS go to load_playbook."""
    (tmp_path / "regras.toml").write_text(rules, encoding="utf-8")
    return load_playbook(
        [tmp_path / "regras.toml"],
        brand=brand,
        template_dir=tmp_path / templates,
        default_lang=lang,
        **options,  # type: ignore[arg-type]
    )


def refusal(tmp_path: Path, data: bytes | str, **others: str) -> str:
    """What start-up says of the templates it refuses."""
    with pytest.raises(ConfigError) as caught:
        load_templates(tmp_path, data, **others)
    return str(caught.value)


def at_line(tmp_path: Path, line: int, name: str = "obrigado") -> str:
    """How a refusal names a line of pt/NAME.j2: by its path on disk."""
    return f"template {tmp_path / 'modelos' / 'pt' / f'{name}.j2'}, line {line}: "
