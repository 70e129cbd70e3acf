"""Mistakes a team makes writing its own rule files, each told with a fix that is one: a
template written for some languages only, a `to` on an action that never reads it, a
condition named as the team would name it, a reach no author on the rule's platforms has,
a `paths` pattern among others that matches nothing, and a rule that matches everything and
stops before others."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, ConfigError
from mentiondesk.playbook_files import playbook_files
from playbooks import load_playbook

BRAND = Brand(name="Lumora")
_DRAFT = (
    '[[rules]]\nname = "queixa"\nwhen = { label = ["negative"] }\n'
    'actions = [{ type = "draft_private", template = "resposta" }]\n'
)


def _rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regras.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problem(tmp_path: Path, text: str, **kwargs: object) -> str:
    with pytest.raises(ConfigError) as raised:
        load_playbook([_rules(tmp_path, text)], brand=BRAND, **kwargs)  # type: ignore[arg-type]
    return str(raised.value)


def test_a_template_only_in_portuguese_folders_names_the_default_languages_folder(
    tmp_path: Path,
) -> None:
    # A Portuguese team writes pt-PT/ and pt-BR/ but keeps default_lang = "en": English posts
    # (and any other) have no template. "did you mean 'resposta'?" is the name they wrote.
    for folder in ("pt-PT", "pt-BR"):
        (tmp_path / "tpl" / folder).mkdir(parents=True)
        (tmp_path / "tpl" / folder / "resposta.j2").write_text(
            "Olá{% if name %} {{ name }}{% endif %}"
        )
    said = _problem(tmp_path, _DRAFT, template_dir=tmp_path / "tpl")
    assert "rule 'queixa', action 1: template:" in said and str(tmp_path / "regras.toml") in said
    assert "did you mean 'resposta'?" not in said
    assert "is in pt-BR/, pt-PT/ but not in en/" in said
    assert "playbooks.default_lang = 'en'" in said and "add en/resposta.j2" in said


def test_a_template_no_folder_has_still_gets_did_you_mean(tmp_path: Path) -> None:
    text = _DRAFT.replace('"resposta"', '"complaint_dn"')
    said = _problem(tmp_path, text)
    assert (
        "template 'complaint_dn' not found (en/complaint_dn.j2); did you mean 'complaint_dm'?"
        in said
    )


@pytest.mark.parametrize(
    "action",
    [
        '{ type = "open_case", to = "ana" }',
        '{ type = "draft_private", template = "complaint_dm", to = "ana" }',
        '{ type = "draft_public", template = "thank_you", to = "ana" }',
    ],
)
def test_a_to_on_an_action_that_never_reads_it_is_refused(tmp_path: Path, action: str) -> None:
    # The case was opened, and nobody was given it: nothing said so.
    text = f'[[rules]]\nname = "vip"\nactions = [{{ type = "alert" }}, {action}]\n'
    said = _problem(tmp_path, text)
    assert "rule 'vip', action 2: to only applies to assign, alert and escalate actions" in said
    assert '{ type = "assign", to = "ana" }' in said


def test_to_still_loads_where_it_is_read(tmp_path: Path) -> None:
    text = (
        '[[rules]]\nname = "vip"\nactions = [{ type = "assign", to = "ana" }, '
        '{ type = "alert", to = "slack" }, { type = "escalate", to = "zendesk" }]\n'
    )
    (rule,) = load_playbook([_rules(tmp_path, text)], brand=BRAND).rules
    assert [a.to for a in rule.actions] == ["ana", "slack", "zendesk"]


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        ("min_followers = 1000", "when.min_followers: unknown key; did you mean 'min_reach'?"),
        ("seguidores = 1000", "when.seguidores: unknown key; did you mean 'min_reach'?"),
        ("idioma = ['pt']", "when.idioma: unknown key; did you mean 'lang'?"),
    ],
)
def test_a_condition_named_as_a_team_names_it_gets_the_key(
    tmp_path: Path, key: str, fix: str
) -> None:
    said = _problem(tmp_path, f'[[rules]]\nname = "vip"\nwhen = {{ {key} }}\n')
    assert f"rule 'vip': {fix}" in said


def test_an_unknown_condition_lists_the_conditions_rather_than_remove_it(tmp_path: Path) -> None:
    # Removed, `keywords` would leave a rule that fires on every post: no fix.
    said = _problem(tmp_path, '[[rules]]\nname = "vip"\nwhen = { keywords = ["lumora"] }\n')
    assert "remove it" not in said
    assert "when.keywords: unknown condition; use one of: label, lang, platform," in said


def test_min_reach_on_platforms_without_followers_is_refused(tmp_path: Path) -> None:
    text = '[[rules]]\nname = "hn-vip"\nwhen = { platform = ["hackernews"], min_reach = 1000 }\n'
    said = _problem(tmp_path, text, platforms=["x", "hackernews"])
    assert (
        "rule 'hn-vip': when: min_reach = 1000: authors on hackernews carry no follower count"
        in said
    )
    fine = text.replace('["hackernews"]', '["hackernews", "x"]')
    assert load_playbook([_rules(tmp_path, fine)], brand=BRAND).rules[0].name == "hn-vip"


def test_a_pattern_among_others_is_not_told_to_go_for_the_shipped_playbook(
    tmp_path: Path,
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.toml").write_text(_DRAFT)
    with pytest.raises(ConfigError) as raised:
        playbook_files(["rules/*.toml", "rules/extra.toml"], tmp_path)
    said = str(raised.value)
    assert "'rules/extra.toml' matches no file" in said and "shipped playbook" not in said
    assert said.endswith("fix the path, or remove it from the list")
    with pytest.raises(ConfigError) as alone:
        playbook_files(["rules/extra.toml"], tmp_path)
    assert str(alone.value).endswith("remove it to use the shipped playbook")


_CATCH_ALL = '[[rules]]\nname = "pausa"\nstop = true\nactions = [{ type = "open_case" }]\n\n'


def test_a_rule_that_matches_everything_and_stops_before_others_is_refused(
    tmp_path: Path,
) -> None:
    # Every rule after it (here the complaint's draft) would silently never run.
    said = _problem(tmp_path, _CATCH_ALL + _DRAFT)
    assert said.startswith(f"{tmp_path / 'regras.toml'}: rule 'pausa' has no `when` and stop")
    assert "the rules after it ('queixa') never run; give it a `when`" in said


def test_a_catch_all_stop_loads_last_or_with_a_condition(tmp_path: Path) -> None:
    draft = _DRAFT.replace("resposta", "complaint_dm")  # a shipped template
    last = load_playbook([_rules(tmp_path, draft + _CATCH_ALL)], brand=BRAND)
    assert [rule.name for rule in last.rules] == ["queixa", "pausa"]
    guarded = _CATCH_ALL.replace("stop = true", 'stop = true\nwhen = { platform = ["x"] }')
    loaded = load_playbook([_rules(tmp_path, guarded + draft)], brand=BRAND)
    assert [rule.name for rule in loaded.rules] == ["pausa", "queixa"]
