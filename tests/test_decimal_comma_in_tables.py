"""A Brazilian admin writes numbers with a decimal comma (`0,5`), in a rule's `when = { }` as
at the top of config.toml: inside `{ }` TOML reads `0`, then `5` as the next key, and stops
wanting its `=`; she is told it is the decimal comma, with the line to write, not that the
whole line up to the comma "needs = between it and its value"."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mentiondesk.config_toml_errors import toml_problem
from tests.helpers import mention, run_cli, write_config, write_mentions

_COMMA = "a number takes a decimal point, not a comma"


def _problem(text: str, keys: tuple[str, ...] = ("min_score", "label", "timezone")) -> str:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    return toml_problem("regras/loja.toml", text, raised.value, list(keys))


@pytest.mark.parametrize(
    ("line", "write"),
    [
        ("when = { min_score = 0,5 }", "when = { min_score = 0.5 }"),
        ("when = {min_score=0,5}", "when = {min_score=0.5}"),
        ('when = { min_score = 0,5, label = ["negative"] }', None),
        ('when = { label = ["negative"], min_score = 0,75 }', None),
        (
            "when = { min_score = 0,5, max_score = 0,9 }",
            "when = { min_score = 0.5, max_score = 0.9 }",
        ),
        ("when = { min_score = -0,5 }", "when = { min_score = -0.5 }"),
        ('actions = [{ type = "alert", delay = 1,5 }]', None),
    ],
)
def test_a_decimal_comma_in_braces_is_named_as_one(line: str, write: str | None) -> None:
    said = _problem(f'[[rules]]\nname = "r"\n{line}\n')
    fixed = write or line.replace("0,5", "0.5").replace("0,75", "0.75").replace("1,5", "1.5")
    assert f"not valid TOML: {_COMMA}; line 3 reads: {line}; write: {fixed}" in said
    assert "needs =" not in said and "has no = and no value" not in said


def test_the_top_level_decimal_comma_still_reads_the_same() -> None:
    said = _problem("poll_seconds = 1,5\n")
    assert f"{_COMMA}; line 1 reads: poll_seconds = 1,5; write: poll_seconds = 1.5" in said


@pytest.mark.parametrize(
    ("line", "key", "write"),
    [
        ('when = { label "negative" }', "label", 'when = { label = "negative" }'),
        ('when = { min_score = 1, label "negative" }', "label", None),
    ],
)
def test_a_key_in_braces_without_its_equals_is_named_alone(
    line: str, key: str, write: str | None
) -> None:
    # The key is the one inside { }, not the line up to it ('when = { label').
    said = _problem(f'[[rules]]\nname = "r"\n{line}\n')
    fixed = write or line.replace('label "', 'label = "')
    assert f"{key!r} needs = between it and its value; line 3 reads: {line}; write: {fixed}" in said


def test_check_config_names_the_decimal_comma_in_a_rule_file(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "oi")])
    (tmp_path / "regras").mkdir()
    rule = '[[rules]]\nname = "r"\nwhen = { min_score = 0,5 }\nactions = [{ type = "alert" }]\n'
    (tmp_path / "regras" / "loja.toml").write_text(rule, encoding="utf-8")
    extra = '\n[routing]\nalert = ["console"]\n\n[playbooks]\npaths = ["regras/*.toml"]\n'
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)
    code, output = run_cli(config, "check-config")
    assert code == 2, output
    assert (
        f"regras/loja.toml: line 3, column 26: not valid TOML: {_COMMA}; line 3 reads: "
        "when = { min_score = 0,5 }; write: when = { min_score = 0.5 }"
    ) in " ".join(output.split())


def test_a_key_in_braces_with_a_space_is_named_with_the_known_one() -> None:
    said = _problem('[[rules]]\nname = "r"\nwhen = { min score = 0.5 }\n')
    assert (
        "a key has no spaces: did you mean 'min_score'?; line 3 reads: when = { min score = 0.5 }"
        "; write: when = { min_score = 0.5 }"
    ) in said
