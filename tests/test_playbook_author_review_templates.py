"""A manager's own rules and templates (pt-BR, pt-PT): mistakes that used to load and then
wrote the wrong draft, or none, at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, ConfigError, History, Label, Reading
from playbooks import Playbook, load_playbook
from tests.helpers import complaint_and_praise, mention, run_cli

_RULE = """
[[rules]]
name = "reclamação"
when = {{ label = ["negative"] }}
actions = [{{ type = "draft_public", template = "resposta", auto = true }}]
"""


def _playbook(tmp_path: Path, pt: str, rules: str = _RULE) -> Playbook:
    for lang, text in (("en", "Hi{% if name %} {{ name }}{% endif %}"), ("pt", pt)):
        (tmp_path / "tpl" / lang).mkdir(parents=True, exist_ok=True)
        (tmp_path / "tpl" / lang / "resposta.j2").write_text(text)
    (tmp_path / "regras.toml").write_text(rules.format())
    return load_playbook(
        [tmp_path / "regras.toml"], brand=Brand(name="Lumora"), template_dir=tmp_path / "tpl"
    )


@pytest.mark.parametrize("text", ["", "\n  \n", "{# rascunho: escrever depois #}\n"])
def test_a_template_that_writes_nothing_is_refused_at_load(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path, text)
    message = str(caught.value)
    written = f"template {tmp_path / 'tpl' / 'pt' / 'resposta.j2'}, line 1: "
    assert f"regras.toml: rule 'reclamação', action 1: template: {written}" in message
    assert "it writes nothing; write the reply's text in it, or remove the draft action" in message


def test_a_draft_that_comes_out_empty_waits_in_a_case_instead(tmp_path: Path) -> None:
    # Only the price branch writes: a delivery complaint's `auto` reply would be posted empty.
    text = '{% if reason == "price" %}Sentimos muito pelo preço.{% endif %}'
    playbook = _playbook(tmp_path, text)
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt", reason="delivery")
    actions = playbook.decide(mention(1, text="meu pedido não chegou"), reading, History())
    assert [(a.kind, a.text) for a in actions] == [(ActionKind.OPEN_CASE, None)]


@pytest.mark.parametrize(
    ("condition", "fix"),
    [
        ('reason == "entrega"', "{{ reason }} is compared with 'entrega': no reason 'entrega'; "),
        ('"reembolso" != reason', "compared with 'reembolso': no reason 'reembolso'; did you"),
        ('reason in ["delivery", "preço"]', "no reason 'preço'; did you mean 'price'?"),
        ('frustration == "alta"', "{{ frustration }} is compared with 'alta', but it is a whole"),
        ("frustration in [2, 5]", "compared with 5, but it is a whole number from 0 to 3"),
        ('platform == "x"', "{{ platform }} is compared with 'x', but it is the platform's name"),
        ('platform == "hackernews"', "as people read it; did you mean 'Hacker News'?"),
    ],
)
def test_a_comparison_no_mention_could_meet_is_refused(
    tmp_path: Path, condition: str, fix: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path, f"Olá!\n{{% if {condition} %}}Oi{{% else %}}Olá{{% endif %}}")
    assert f"template {tmp_path / 'tpl' / 'pt' / 'resposta.j2'}, line 2: " in str(caught.value)
    assert fix in str(caught.value)


def test_comparisons_with_real_values_load(tmp_path: Path) -> None:
    text = (
        '{% if reason in ["delivery", "price"] or reason is none or reason == none %}Oi'
        '{% elif platform == "X" or platform != "Hacker News" or reason in "delivery" %}Olá'
        "{% elif frustration == 3 or frustration in [0, 1] or frustration >= 2 %}Oi"
        "{% endif %}"
    )
    _playbook(tmp_path, text)


_SHADOWED = """
[[rules]]
name = "reclamações"
when = {{ label = ["negative"] }}
actions = [{{ type = "open_case" }}]
stop = true

[[rules]]
name = "ameaça-procon"
when = {{ label = ["negative"], min_frustration = 3, lang = ["pt"] }}
actions = [{{ type = "escalate" }}]
"""


def test_a_rule_a_stop_rule_above_always_stops_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        _playbook(tmp_path, "Olá", _SHADOWED)
    assert str(caught.value) == (
        f"{tmp_path / 'regras.toml'}: rule 'ameaça-procon' never runs: rule 'reclamações' comes "
        "before it, matches every mention it matches, and has stop = true; move "
        "'ameaça-procon' above 'reclamações', narrow the `when` of 'reclamações', or remove "
        "its stop"
    )


@pytest.mark.parametrize(
    "narrower",
    [
        'label = ["negative"], min_frustration = 3',  # the order that works: the narrow one first
        'label = ["negative", "neutral"], min_frustration = 3',
    ],
)
def test_rules_a_stop_rule_does_not_always_stop_load(tmp_path: Path, narrower: str) -> None:
    rules = _SHADOWED.replace('label = ["negative"], min_frustration = 3, lang = ["pt"]', narrower)
    if "neutral" not in narrower:  # swapped: the narrow rule first, the stop rule after it
        first, second = rules.split("\n\n[[rules]]")
        rules = "[[rules]]" + second + "\n" + first
    _playbook(tmp_path, "Olá", rules)


def test_a_public_template_longer_than_x_allows_stops_check_config(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    (tmp_path / "tpl" / "pt").mkdir(parents=True)
    (tmp_path / "tpl" / "en").mkdir(parents=True)
    (tmp_path / "tpl" / "en" / "obrigado.j2").write_text("Thanks!")
    long = "Muito obrigado pelo carinho, {{ name or 'você' }}! " + "Ficamos felizes. " * 16
    (tmp_path / "tpl" / "pt" / "obrigado.j2").write_text(long)
    (tmp_path / "regras.toml").write_text(
        '[[rules]]\nname = "elogio"\nwhen = { label = ["positive"], platform = ["x"] }\n'
        'actions = [{ type = "draft_public", template = "obrigado", auto = true }]\n'
    )
    config.write_text(
        config.read_text() + '\n[playbooks]\npaths = ["regras.toml"]\ntemplates = "tpl"\n'
    )
    code, output = run_cli(config, "check-config")
    flat = " ".join(output.split())
    assert code == 2, output
    assert (
        "regras.toml: rule 'elogio', action 1: template: pt/obrigado.j2 is too long for a "
        "public reply on x even for a short name: the reply is"
    ) in flat
    assert "x allows 280; shorten it" in flat
    assert "en/obrigado.j2" not in flat


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            'when = { label = ["negative"], frustração = 3 }',
            "line 3: the key 'frustração' has 'ç': keys are English, without accents or ç; "
            "did you mean 'min_frustration'?",
        ),
        ("when = { mínimo_seguidores = 1000 }", "the key 'mínimo_seguidores' has 'í'"),
        ("when = { mínimo_seguidores = 1000 }", "did you mean 'min_reach'?"),
        (
            'description.português = "Reclamações"',
            "a description's keys are locales: en, pt-BR, pt-PT",
        ),
    ],
)
def test_an_accented_key_is_named_with_its_fix(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "regras.toml").write_text(f'[[rules]]\nname = "reclamação"\n{line}\n')
    with pytest.raises(ConfigError) as caught:
        load_playbook([tmp_path / "regras.toml"], brand=Brand(name="Lumora"))
    assert str(caught.value).startswith(f"{tmp_path / 'regras.toml'}: line 3: ")
    assert message in str(caught.value)


def test_other_syntax_errors_read_as_before(tmp_path: Path) -> None:
    (tmp_path / "regras.toml").write_text('[[rules]]\nname = "r"\nwhen = { label = ["a"]\n')
    with pytest.raises(ConfigError, match=r"not valid TOML .*; fix the syntax at that line"):
        load_playbook([tmp_path / "regras.toml"], brand=Brand(name="Lumora"))


def test_case_numbers_written_as_they_are_read(tmp_path: Path) -> None:
    text = "Olá!{% if past_cases %} Seus protocolos anteriores: {{ past_cases }}.{% endif %}"
    playbook = _playbook(tmp_path, text)
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="pt", reason="delivery")
    history = History(past_cases=("MD-000007", "MD-000012"), mentions_before=2)
    (draft,) = playbook.decide(mention(1, text="cadê meu pedido?"), reading, history)
    assert draft.text == "Olá! Seus protocolos anteriores: MD-000007, MD-000012."
