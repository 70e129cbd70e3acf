"""A telecom's CX lead writing playbooks for Portugal and Brazil: rules, templates and
business hours that loaded and then did something else than what she wrote."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from mentiondesk.config_hours import BusinessHoursSection
from mentiondesk.models import (
    Action,
    ActionKind,
    Brand,
    ConfigError,
    History,
    Label,
    Mention,
    Reading,
)
from mentiondesk.playbook_build import build_playbook
from mentiondesk.playbook_files import playbook_files
from playbooks import Playbook, load_playbook
from playbooks.placeholders import greeting_name
from playbooks.variants import brazilian, european
from tests.helpers import config_for, mention

_AUTO_THANKS = """
[[rules]]
name = "elogio"
when = { label = ["positive"] }
actions = [{ type = "draft_public", template = "obrigado", auto = true }]
"""
# 258 characters for "Sam Ple": it fits X's 280 at start-up, but not for a longer name.
_THANKS = (
    "Muito obrigado pela mensagem, {{ full_name }}! A equipa Voltix fica muito contente por "
    "saber que a fibra e o tarifário estão a funcionar bem. Se precisar de alguma coisa, "
    "estamos por aqui todos os dias, das 8h às 22h, no apoio ao cliente. "
    "Um abraço da equipa Voltix!"
)
_PRAISE = Reading(label=Label.POSITIVE, score=0.9, lang="pt")


def _auto_playbook(tmp_path: Path) -> Playbook:
    folder = tmp_path / "tpl" / "en"
    folder.mkdir(parents=True)
    (folder / "obrigado.j2").write_text(_THANKS)
    (tmp_path / "rules.toml").write_text(_AUTO_THANKS)
    extra = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
    return build_playbook(config_for(tmp_path, "sqlite:///desk.db", [mention(1)], extra=extra))


def _thanks(playbook: Playbook, post: Mention) -> Action:
    (action,) = playbook.decide(post, _PRAISE, History(), mention_id=7)
    assert action.kind is ActionKind.DRAFT_PUBLIC
    return action


def test_an_auto_reply_too_long_for_this_author_waits_for_a_person(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    playbook = _auto_playbook(tmp_path)
    name = "Maria Madalena Albuquerque Vasconcelos Sampaio"  # X allows 50 characters
    with caplog.at_level(logging.WARNING, "playbooks.engine"):
        action = _thanks(playbook, mention(1, "adoro a fibra", name=name))
    assert action.text and len(action.text) > 280 and not action.auto
    assert "too long for x" in caplog.text and "adoro" not in caplog.text


def test_an_auto_reply_that_fits_still_goes_without_approval(tmp_path: Path) -> None:
    action = _thanks(_auto_playbook(tmp_path), mention(1, "adoro a fibra", name="Rui Sá"))
    assert action.text and len(action.text) <= 280 and action.auto


@pytest.mark.parametrize(
    "hours",
    [
        {"days": "Mon–Fri", "open": "09:00", "close": "18:00"},  # as the report writes it
        {"hours": {"mon–fri": "09:00–18:00"}},  # the shift's en dash is taken already
    ],
)
def test_business_days_take_the_en_dash_the_report_writes(hours: dict[str, object]) -> None:
    week = BusinessHoursSection.model_validate(hours).week()
    assert week == tuple(((540, 1080),) if d < 5 else () for d in range(7))


@pytest.mark.parametrize("pattern", ["regras", "regras/"])
def test_a_folder_of_rule_files_is_told_how_to_read_it(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "regras").mkdir()
    (tmp_path / "regras" / "reclamacoes.toml").write_text(_AUTO_THANKS)
    with pytest.raises(ConfigError) as caught:
        playbook_files([pattern], tmp_path)
    assert str(caught.value) == (
        f"playbooks.paths: {pattern!r} is a folder, not a rule file; write 'regras/*.toml' "
        "to read the rule files in it"
    )
    assert playbook_files(["regras/*.toml"], tmp_path) == [tmp_path / "regras/reclamacoes.toml"]


@pytest.mark.parametrize(
    "text",
    [
        "O meu tarifário foi alterado sem aviso e a fatura veio o dobro.",
        "Mudaram os tarifários todos, agora pago mais pela mesma fibra",
        "A net está bué lenta desde ontem, ninguém resolve",
    ],
)
def test_a_telecom_customer_in_portugal_is_answered_in_portugals_portuguese(text: str) -> None:
    assert european(text) and not brazilian(text)


_NAMED = """
[[rules]]
name = "reclamacao"
when = { label = ["negative"] }
actions = [{ type = "draft_private", template = "dm" }]
"""
_DM = "Olá{% if name %} {{ name }}{% endif %} ({{ full_name }}), a equipa Voltix está a tratar."
_COMPLAINT = Reading(label=Label.NEGATIVE, score=0.9, lang="pt")


def _dm(tmp_path: Path, name: str) -> str:
    for folder in ("en", "pt-PT"):
        (tmp_path / "tpl" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "tpl" / folder / "dm.j2").write_text(_DM)
    (tmp_path / "rules.toml").write_text(_NAMED)
    extra = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\n'
    playbook = build_playbook(config_for(tmp_path, "sqlite:///d.db", [mention(1)], extra=extra))
    post = mention(1, "a fibra não funciona, estou à espera", name=name)
    (case_or_draft,) = [a for a in playbook.decide(post, _COMPLAINT, History()) if a.text]
    return str(case_or_draft.text)


def test_a_right_to_left_override_in_a_name_does_not_reverse_the_reply(tmp_path: Path) -> None:
    # U+202E left open would show "a equipa Voltix…" right to left after the name.
    text = _dm(tmp_path, "Ana\u202e Souza\u2067")
    assert text == "Olá Ana (Ana Souza), a equipa Voltix está a tratar."


def test_a_10_kb_display_name_is_greeted_as_no_name(tmp_path: Path) -> None:
    text = _dm(tmp_path, "Z" * 10_000)
    assert text.startswith("Olá (ZZZ") and "Olá Z" not in text


@pytest.mark.parametrize(
    "catch_all",
    [
        'label = ["negative", "neutral", "positive"]',  # every label there is
        "min_frustration = 0",  # "any frustration"
        "min_score = 0.0, max_score = 1.0",
        "min_reach = 0",
    ],
)
def test_a_catch_all_stop_rule_written_with_conditions_is_refused(
    tmp_path: Path, catch_all: str
) -> None:
    rules = (
        f'[[rules]]\nname = "registar"\nwhen = {{ {catch_all} }}\n'
        'actions = [{ type = "open_case" }]\nstop = true\n\n'
        '[[rules]]\nname = "portugal"\nwhen = { lang = ["pt-PT"] }\n'
        'actions = [{ type = "alert" }]\n'
    )
    (tmp_path / "regras.toml").write_text(rules)
    with pytest.raises(ConfigError, match="rule 'portugal' never runs: rule 'registar' comes"):
        load_playbook([tmp_path / "regras.toml"], brand=Brand(name="Voltix"))


def test_a_thank_you_too_long_for_x_is_refused_while_trying_rules_on_a_replay(
    tmp_path: Path,
) -> None:
    # The config reads a replay only (as the demo, or a team trying its playbook out).
    folder = tmp_path / "tpl" / "pt-PT"
    folder.mkdir(parents=True)
    (folder / "obrigado.j2").write_text("Obrigado! " + "A equipa Voltix agradece. " * 12)
    (tmp_path / "rules.toml").write_text(_AUTO_THANKS.replace(", auto = true", ""))
    extra = '\n[playbooks]\npaths = ["rules.toml"]\ntemplates = "tpl"\ndefault_lang = "pt-PT"\n'
    config = config_for(tmp_path, "sqlite:///d.db", [mention(1)], extra=extra)
    with pytest.raises(ConfigError) as caught:
        build_playbook(config)
    assert "pt-PT/obrigado.j2 is too long for a public reply on x even for a short name" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("display_name", "greeted"),
    [
        ("Ana, mãe do Rui", "Ana"),  # was greeted "Mãe"
        ("Tiago, o do 3.º esquerdo", "Tiago"),  # was greeted "Do"
        ("Rui!", "Rui"),
        ("Eng. Rui", "Rui"),  # a title's full stop still marks the title
    ],
)
def test_the_comma_after_a_first_name_does_not_greet_the_next_word(
    display_name: str, greeted: str
) -> None:
    assert greeting_name(display_name, handle="h_a1", brand="Voltix") == greeted


def test_a_sentiment_condition_is_told_it_is_label(tmp_path: Path) -> None:
    rules = '[[rules]]\nname = "r"\nwhen = { sentiment = ["negative"] }\n'
    (tmp_path / "regras.toml").write_text(rules)
    with pytest.raises(ConfigError, match=r"when\.sentiment: unknown key; did you mean 'label'"):
        load_playbook([tmp_path / "regras.toml"], brand=Brand(name="Voltix"))
