"""`[playbooks]` as check-config and run read it: rule files by absolute or relative path and
glob, the default language's spellings, and errors that name the key the operator wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import complaint_and_praise, run_cli

_RULE = (
    '[[rules]]\nname = "{name}"\nwhen = {{ label = ["negative"] }}\n'
    'actions = [{{ type = "open_case" }}]\n'
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return complaint_and_praise(tmp_path)


def _with(config: Path, playbooks: str) -> Path:
    config.write_text(config.read_text() + f"\n[playbooks]\n{playbooks}\n")
    return config


def _rules(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.toml").write_text(_RULE.format(name=name))


@pytest.mark.parametrize("pattern", ["{elsewhere}/one.toml", "{elsewhere}/*.toml"])
def test_absolute_rule_paths_and_globs_are_read(
    config: Path, tmp_path_factory: pytest.TempPathFactory, pattern: str
) -> None:
    elsewhere = tmp_path_factory.mktemp("etc")  # not under the config's folder
    _rules(elsewhere, "one")
    paths = pattern.format(elsewhere=elsewhere)
    code, output = run_cli(_with(config, f'paths = ["{paths}"]'), "check-config")
    assert code == 0, output
    assert "playbook rules: 1" in output


def test_an_absolute_path_matching_nothing_names_the_key(config: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "rules.toml"
    for command in (["check-config"], ["run", "--once"]):
        code, output = run_cli(_with(config, f'paths = ["{missing}"]'), *command)
        assert code == 2 and "Traceback" not in output
        assert f"playbooks.paths: '{missing}' matches no file; fix the path" in output
        config.write_text(config.read_text().rsplit("\n[playbooks]", 1)[0])


def test_each_relative_pattern_matching_nothing_is_named(config: Path, tmp_path: Path) -> None:
    _rules(tmp_path / "rules", "one", "two")
    paths = 'paths = ["rules/*.toml", "rule/extra.toml"]'  # the second one misspelt
    code, output = run_cli(_with(config, paths), "check-config")
    assert code == 2
    assert "playbooks.paths: 'rule/extra.toml' matches no file (looked for " in output
    assert "rules/*.toml" not in output


def test_a_file_two_patterns_match_is_read_once(config: Path, tmp_path: Path) -> None:
    _rules(tmp_path / "rules", "one", "two")
    paths = f'paths = ["rules/*.toml", "{tmp_path}/rules/one.toml"]'
    code, output = run_cli(_with(config, paths), "check-config")
    assert code == 0 and "playbook rules: 2" in output
