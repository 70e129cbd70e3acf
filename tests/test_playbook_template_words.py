"""A community manager's template mistakes, as she makes them (pt-BR): start-up names the file
on disk, the line, what is wrong in plain words and the fix, instead of Jinja's own words
("'c' is undefined", "unexpected char '“' at 16"); a variable set in every branch of an `if`
loads; `{% include %}` is followed by the `{{ case }}` check."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import History, Label, Reading
from tests.helpers import mention
from tests.playbook_template_helpers import at_line, load_templates, refusal


def test_a_variable_set_in_both_branches_loads_and_drafts(tmp_path: Path) -> None:
    text = (
        '{% if case %}{% set c = "Seu protocolo é " ~ case %}'
        '{% else %}{% set c = "Obrigado pelo carinho" %}{% endif %}'
        "Olá{% if name %}, {{ name }}{% endif %}! {{ c }}."
    )
    playbook = load_templates(tmp_path, text)
    reading = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    (draft,) = playbook.decide(mention(1, name="Inês Sá"), reading, History())
    assert draft.text == "Olá, Inês! Obrigado pelo carinho."


def test_a_variable_set_only_in_the_if_names_the_branch_and_the_fix(tmp_path: Path) -> None:
    text = 'Olá!\n{% if case %}{% set c = "Protocolo " ~ case %}{% endif %}\n{{ c }}'
    said = refusal(tmp_path, text)
    assert at_line(tmp_path, 3) in said
    assert "{{ c }} is set only inside the {% if %} on line 2, so when its test is false" in said
    assert "add {% else %}{% set … %} before its {% endif %}, or set it before" in said
    assert "is undefined" not in said


def test_a_variable_set_only_in_the_else_names_it(tmp_path: Path) -> None:
    text = '{% if name %}Olá, {{ name }}{% else %}{% set c = "Olá" %}{% endif %}! {{ c }}'
    said = refusal(tmp_path, text)
    assert "{{ c }} is set only in the {% else %} of the {% if %} on line 1, so when its" in said
    assert "set it in the {% if %} branch too" in said


def test_a_variable_missing_from_an_elif_names_it(tmp_path: Path) -> None:
    text = (
        '{% if reason == "delivery" %}{% set c = "a entrega" %}\n'
        '{% elif reason == "price" %}Oi\n{% else %}{% set c = "isso" %}{% endif %}Sobre {{ c }}.'
    )
    said = refusal(tmp_path, text)
    assert "is set in some branches of the {% if %} on line 1 but not in its {% elif %}" in said


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "Olá{% if name %}, {{ name }}!\nObrigado pela mensagem.",
            1,
            "the {% if %} on line 1 is never closed: add {% endif %} where the text it covers",
        ),
        ("Olá, {{ nome }}!", 1, "{{ nome }} is not one of the values a template can write"),
        ("Equipe {{ marca }}", 1, "did you mean {{ brand }}?"),
        ("Olá!\n{{ name|maiusculas }}", 2, "there is no filter |maiusculas"),
        ("Olá, {{ author.name }}!", 1, "{{ author.name }}: there is no 'author'"),
        ("Olá!\n{# nota interna\nObrigado.", 2, "a comment opened with {# is never closed"),
        ("Olá, {{ name or “amigo” }}!", 1, "“ is a curly quote"),
        ("Olá{% if name %}, {{ name }}{% end if %}!", 1, "close it with {% endif %}"),
        ("Olá{% if name %}, {{ name }}{% elseif brand %}!{% endif %}", 1, "did you mean {% elif"),
        ('{% if reason = "delivery" %}Oi{% endif %}', 1, "to compare, write =="),
        ("Olá, {% name %}!", 1, "to write a value, write {{ name }}"),
        ('{% include "assinatura.j2" %}', 1, "did you mean 'pt/assinatura.j2'?"),
    ],
)
def test_each_mistake_names_the_file_the_line_and_the_fix(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    said = refusal(tmp_path, text, assinatura="Equipe {{ brand }}")
    assert at_line(tmp_path, line) in said
    assert words in said


def test_a_filter_in_portuguese_gets_the_english_one(tmp_path: Path) -> None:
    assert "did you mean |upper?" in refusal(tmp_path, "{{ name|maiusculas }}")


def test_an_author_attribute_gets_the_flat_value(tmp_path: Path) -> None:
    assert "write {{ name }}" in refusal(tmp_path, "Olá, {{ author.name }}!")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Olá, { name }!", "'{ name }' is written as it is, braces and all"),
        ("Olá, {{ brand.upper }}!", "write {{ brand|upper }} or {{ brand.upper() }}"),
    ],
)
def test_a_mistake_that_renders_isrefusal(tmp_path: Path, text: str, words: str) -> None:
    assert words in refusal(tmp_path, text)


def test_an_included_file_writing_the_case_is_followed(tmp_path: Path) -> None:
    text = 'Olá!\n\n{% include "pt/caso.j2" %}'
    said = refusal(tmp_path, text, caso="Obrigado.\nProtocolo {{ case }}.")
    assert at_line(tmp_path, 3) in said  # the include's line, in the file the rule names
    assert "{{ case }} is written in pt/caso.j2 (its line 2), which it includes, outside" in said


def test_an_include_inside_the_case_guard_loads(tmp_path: Path) -> None:
    text = 'Olá!{% if case %} {% include "pt/caso.j2" %}{% endif %}'
    load_templates(tmp_path, text, caso="Protocolo {{ case }}.")


def test_an_included_file_with_a_misspelt_value_names_that_file(tmp_path: Path) -> None:
    said = refusal(tmp_path, 'Olá! {% include "pt/rodape.j2" %}', rodape="Equipe {{ marca }}")
    assert f"{at_line(tmp_path, 1, 'rodape')}{{{{ marca }}}}" in said


@pytest.mark.parametrize(
    ("text", "construct"),
    [
        ('{% from "pt/m.j2" import p with context %}Olá {{ p() }}', "{% from … import %}"),
        ('{% extends "pt/m.j2" %}', "{% extends %}"),
    ],
)
def test_another_files_case_it_cannot_follow_says_cannot_tell(
    tmp_path: Path, text: str, construct: str
) -> None:
    other = "{% macro p() %}Protocolo {{ case }}{% endmacro %}Oi {{ case }}"
    said = refusal(tmp_path, text, m=other)
    assert "cannot tell whether {{ case }} is written only for a post that joins a case" in said
    assert f"it goes through {construct}, which this check does not follow" in said
