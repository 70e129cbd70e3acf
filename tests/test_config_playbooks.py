"""`[playbooks]` as check-config and run read it: rule files by absolute or relative path and
glob, the default language's spellings, and errors that name the key the operator wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from mentiondesk.playbook_files import playbook_files
from playbooks import load_playbook
from tests.helpers import complaint_and_praise, mention, run_cli

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


def test_a_config_folder_named_like_a_pattern_is_a_folder(tmp_path: Path) -> None:
    base = tmp_path / "site[1]"  # "[1]" would match a folder "site1", not this one
    _rules(base / "rules", "one", "two")
    found = playbook_files(["rules/*.toml"], base)
    assert found == [base / "rules" / "one.toml", base / "rules" / "two.toml"]


def test_the_log_names_the_rule_files_read_and_that_edits_need_a_restart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _rules(tmp_path / "rules", "one", "two")
    with caplog.at_level("INFO", logger="mentiondesk.playbook_files"):
        playbook_files(["rules/*.toml"], tmp_path)
    said = caplog.messages[-1]
    assert str(tmp_path / "rules" / "one.toml") in said and "two.toml" in said
    assert "restart to apply changes" in said


@pytest.mark.parametrize(
    ("written", "alerts"),
    [
        ("pt-BR", "pt-BR"),
        ("pt", "pt-BR"),  # the shipped pt/ templates are Brazil's
        ("PT-br", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("pt-PT", "pt-PT"),
        ("EN", "en"),
    ],
)
def test_both_language_settings_take_the_same_spellings(
    config: Path, written: str, alerts: str
) -> None:
    _with(config, f'default_lang = "{written}"\n[routing]\nlanguage = "{written}"')
    code, output = run_cli(config, "check-config")
    assert code == 0, output
    assert load_config(config).context.wording.lang == alerts


def test_a_pt_br_default_language_drafts_from_the_pt_folder(tmp_path: Path) -> None:
    playbook = load_playbook([], brand=Brand(name="Lumora"), default_lang="pt-BR")
    unsure = Reading(label=Label.NEGATIVE, score=0.9, lang="und", frustration=1)
    drafts = [a for a in playbook.decide(mention(1), unsure, History()) if a.text]
    assert [(d.kind, d.lang) for d in drafts] == [(ActionKind.DRAFT_PRIVATE, "pt")]
    assert drafts[0].text is not None and "equipe Lumora" in drafts[0].text


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "br",
            "playbooks.default_lang: no templates for 'br' (no br/ folder in the templates); "
            "use one of: en, pt, pt-BR, pt-PT, or add a br/ folder to playbooks.templates",
        ),
        (
            "Portuguese",
            "playbooks.default_lang: 'Portuguese' is not a language code; write one "
            'such as "en", "pt", "pt-BR" or "pt-PT"',
        ),
    ],
)
def test_a_default_language_without_templates_names_the_setting(
    config: Path, written: str, problem: str
) -> None:
    code, output = run_cli(_with(config, f'default_lang = "{written}"'), "check-config")
    assert code == 2 and problem in " ".join(output.split())
    assert "default.toml" not in output and ", action " not in output
