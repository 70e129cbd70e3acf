"""A rule file's problems read as config.toml's do: the rule by its name (or its place counted
from 1), the action by its place, the key, one line each, and "did you mean" for a misspelt
value of a fixed set."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from mentiondesk.models import Brand, ConfigError
from playbooks import load_playbook
from playbooks.rules import When
from tests.helpers import complaint_and_praise, run_cli

_BRAND = Brand(name="Voltix")


def _problems(folder: Path, *bodies: str) -> list[str]:
    """The lines of the ConfigError that loading one file per body raises."""
    paths = []
    for number, body in enumerate(bodies, start=1):
        paths.append(folder / f"r{number}.toml")
        paths[-1].write_text(body)
    with pytest.raises(ConfigError) as caught:
        load_playbook(paths, brand=_BRAND)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            'when = { label = ["negatve"] }',
            "rule 'a': when.label: no label 'negatve'; did you mean 'negative'?",
        ),
        (
            'when = { label = ["Negative"] }',
            "rule 'a': when.label: no label 'Negative'; did you mean 'negative'?",
        ),
        (
            'when = { label = ["angry"] }',
            "rule 'a': when.label: no label 'angry'; use one of: negative, neutral, positive",
        ),
        (
            'actions = [{ type = "open_case" }, { type = "draft_privat", template = "x" }]',
            "rule 'a', action 2: type: no action type 'draft_privat'; did you mean "
            "'draft_private'?",
        ),
        (
            'actions = [{ type = "ticket" }]',
            "rule 'a', action 1: type: no action type 'ticket'; use one of: open_case, assign, "
            "alert, draft_private, draft_public, escalate",
        ),
        (
            'actions = [{ type = "alert", to = "" }]',
            "rule 'a', action 1: to: '' is empty; write at least 1 character",
        ),
        (
            'actions = ["open_case"]',
            "rule 'a', action 1: 'open_case' is text, not a table; write one: { key = value, … }",
        ),
        (
            'actions = [{ type = "draft_private" }]',
            "rule 'a', action 1: a draft_private action needs template = \"NAME\"",
        ),
    ],
)
def test_a_problem_names_the_rule_the_action_and_the_fix(
    tmp_path: Path, body: str, problem: str
) -> None:
    said = _problems(tmp_path, f'[[rules]]\nname = "a"\n{body}\n')
    assert said == [f"{tmp_path / 'r1.toml'}: {problem}"]


def test_a_rule_without_a_usable_name_is_named_by_its_place_from_1(tmp_path: Path) -> None:
    body = (
        '[[rules]]\nname = "a"\n[[rules]]\nwhen = { lable = ["negative"] }\n'
        f'[[rules]]\nname = "{"r" * 65}"\n'
    )
    where = tmp_path / "r1.toml"
    assert _problems(tmp_path, body) == [
        f"{where}: rule 2: name: required key is missing; add it",
        f"{where}: rule 2: when.lable: unknown key; did you mean 'label'?",
        f"{where}: rule 3: name: '{'r' * 65}' has 65 characters; write at most 64",
    ]


def test_a_name_repeated_in_the_file_does_not_tell_the_rules_apart(tmp_path: Path) -> None:
    rule = '[[rules]]\nname = "a"\nactions = [{{ type = "{kind}" }}]\n'
    said = _problems(tmp_path, rule.format(kind="open_case") + rule.format(kind="alertt"))
    assert said == [
        f"{tmp_path / 'r1.toml'}: rule 2, action 1: type: no action type 'alertt'; "
        "did you mean 'alert'?"
    ]


def test_each_problem_is_a_line_of_its_own(tmp_path: Path) -> None:
    body = (
        '[[rules]]\nname = "a"\nwhen = { label = ["negatve"], min_frustration = 7 }\n'
        'actions = [{ type = "draft_privat", template = "x" }]\n'
    )
    said = _problems(tmp_path, body)
    assert len(said) == 3 and all(
        line.startswith(f"{tmp_path / 'r1.toml'}: rule 'a'") for line in said
    )
    assert "; rule" not in " ".join(said)


_RULE = '[[rules]]\nname = "{}"\nactions = [{{ type = "open_case" }}]\n'


def test_a_name_used_twice_in_a_file_names_the_file_and_both_rules(tmp_path: Path) -> None:
    said = _problems(tmp_path, "".join(_RULE.format(n) for n in ("a", "b", "a")))
    assert said == [
        f"{tmp_path / 'r1.toml'}: the rule name 'a' is used twice (rules 1 and 3); "
        "rename one: names must be unique"
    ]


def test_a_name_used_in_several_files_names_each(tmp_path: Path) -> None:
    said = _problems(
        tmp_path, _RULE.format("a") + _RULE.format("b"), _RULE.format("b"), _RULE.format("b")
    )
    first, second, third = (tmp_path / f"r{n}.toml" for n in (1, 2, 3))
    assert said == [
        f"playbooks: the rule name 'b' is used 3 times (rule 2 of {first}, rule 1 of {second} "
        f"and rule 1 of {third}); rename all but one: names must be unique"
    ]


def test_a_missing_template_names_the_rule_and_the_action(tmp_path: Path) -> None:
    body = (
        '[[rules]]\nname = "c"\n'
        'actions = [{ type = "alert" }, { type = "draft_private", template = "nope" }]\n'
    )
    said = _problems(tmp_path, body)
    assert said[0].startswith(
        f"{tmp_path / 'r1.toml'}: rule 'c', action 2: template: template 'nope'"
    )


def test_a_rule_that_only_matches_loads(tmp_path: Path) -> None:
    """No actions and no stop: the desk's Playbooks page counts the mentions it matched (a
    "silent" rule, as the shipped spam rule is), so it is kept, not refused."""
    (tmp_path / "r.toml").write_text('[[rules]]\nname = "pt"\nwhen = { lang = ["pt-PT"] }\n')
    assert [r.name for r in load_playbook([tmp_path / "r.toml"], brand=_BRAND).rules] == ["pt"]


def test_check_config_gives_each_problem_its_bullet(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    (tmp_path / "rules.toml").write_text(
        '[[rules]]\nname = "a"\nwhen = { label = ["negatve"] }\n'
        'actions = [{ type = "draft_privat", template = "complaint_dm" }]\n'
    )
    config.write_text(config.read_text() + '\n[playbooks]\npaths = ["rules.toml"]\n')
    code, output = run_cli(config, "check-config")
    bullets = [line.split("rules.toml: ", 1)[-1] for line in output.splitlines() if "•" in line]
    assert code == 2 and bullets == [
        "rule 'a': when.label: no label 'negatve'; did you mean 'negative'?",
        "rule 'a', action 1: type: no action type 'draft_privat'; did you mean 'draft_private'?",
    ]


def test_true_where_a_rules_number_goes_is_refused() -> None:
    """Read as 1: `min_frustration = true` fired on every post of frustration 1 or more."""
    with pytest.raises(ValidationError):
        When.model_validate({"min_frustration": True})
