"""Messages that stopped start-up without saying where or how to fix: a syntax error in the
operator's own template, an empty brand name, a key inside a list of tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from playbooks.templates import SHIPPED
from tests.helpers import run_cli, write_config, write_mentions


def _config(tmp_path: Path, extra: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)


def test_a_syntax_error_in_ones_own_template_names_its_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "tpl")
    broken = tmp_path / "tpl" / "pt" / "thank_you.j2"
    broken.write_text(
        "Thank you{% if name %}, {{ name }}{% endif %}!\nSee {{ brand }\n", encoding="utf-8"
    )
    code, output = run_cli(_config(tmp_path, '\n[playbooks]\ntemplates = "tpl"\n'), "check-config")
    assert code == 2, output
    assert f"template {broken}, line 2: a {{{{ … }}}} ends with two braces" in output


def test_an_empty_brand_name_says_what_to_write(tmp_path: Path) -> None:
    path = _config(tmp_path, "")
    path.write_text(path.read_text().replace('name = "Lumora"', 'name = ""', 1))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    said = str(info.value)
    assert "brand.name: '' is empty; write the brand's name as people write it in posts" in said
    assert "at least 1 character" not in said


def test_another_empty_required_text_says_to_write_a_value(tmp_path: Path) -> None:
    path = _config(tmp_path, "")
    path.write_text(path.read_text().replace('name = "cases"', 'name = ""', 1))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "responders[1].name: '' is empty; write a value in quotes: name = \"…\"" in str(
        info.value
    )


def test_a_key_in_a_list_of_tables_is_named_with_its_index_in_brackets(tmp_path: Path) -> None:
    routes = '\n[[routing.alert_routes]]\nname = "urgent"\nmin_frustation = 3\nto = ["console"]\n'
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, routes))
    said = str(info.value)
    assert "routing.alert_routes[0].min_frustation: unknown key; did you mean" in said
    assert "alert_routes.0." not in said
