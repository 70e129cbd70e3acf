"""A Recife community manager's pt-BR templates, written in nano or on Windows (CRLF, a BOM),
checked at start-up: every problem names the file on disk (in the folder the config names)
and its line, as Jinja's mistakes already were, where the older checks said only
`template pt/obrigado.j2: …`; an unclosed `{{` is named where it opens, not at the file's
end; a filter misspelt inside an `{% if %}` is named as one outside it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import History, Label, Reading
from tests.helpers import mention
from tests.playbook_template_helpers import at_line, load_templates, refusal

_HELLO = "Olá{% if name %}, {{ name }}{% endif %}!\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            _HELLO + '{% if reason == "entrega" %}Sentimos pela entrega.{% endif %}\n',
            2,
            "{{ reason }} is compared with 'entrega': no reason 'entrega'; did you mean",
        ),
        (
            _HELLO + "\n{% if frustration == 'alta' %}Sentimos muito.{% endif %}\n",
            3,
            "{{ frustration }} is compared with 'alta', but it is a whole number",
        ),
        (
            _HELLO + "Obrigado pelo carinho,\n{ nome }!\n",
            3,
            "'{ nome }' is written as it is, braces and all; a value is written with two, in "
            "English: {{ name }}",
        ),
        (
            _HELLO + "\n\nEquipe {{ brand.upper }}\n",
            4,
            "{{ brand.upper }} writes Python's description of a method",
        ),
        (
            _HELLO + "Seu protocolo é {{ case }}.\n",
            2,
            "{{ case }} is written outside {% if case %}…{% endif %}",
        ),
        (
            _HELLO + "Obrigado!\n{% if case is upper %}Protocolo {{ case }}{% endif %}\n",
            3,
            "cannot tell whether {{ case }} is written only for a post that joins a case",
        ),
        ("\n\n{# escrever depois #}\n", 1, "it writes nothing; write the reply's text in it"),
    ],
)
def test_a_mistake_the_older_checks_find_names_the_file_on_disk_and_the_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    said = refusal(tmp_path, text)
    assert f"{at_line(tmp_path, line)}{words}" in said
    assert "template pt/obrigado.j2" not in said


def test_a_case_an_include_writes_is_named_at_the_include_with_the_files_own_line(
    tmp_path: Path,
) -> None:
    text = _HELLO + "Obrigado!\n{% include 'pt/rodape.j2' %}\n"
    said = refusal(tmp_path, text, rodape="Equipe Lumora\nProtocolo {{ case }}\n")
    assert at_line(tmp_path, 3) in said
    assert "{{ case }} is written in pt/rodape.j2 (its line 2), which it includes, outside" in said


def test_a_file_saved_in_windows_1252_names_the_line_of_the_first_accent(
    tmp_path: Path,
) -> None:
    text = "Oi{% if name %}, {{ name }}{% endif %}!\r\nObrigado pela avaliação!\r\n"
    said = refusal(tmp_path, text.encode("cp1252"))
    assert f"{at_line(tmp_path, 2)}not UTF-8 text (byte 0xe7" in said
    assert "save the file as UTF-8" in said


def test_a_value_that_fails_when_filled_in_names_its_line(tmp_path: Path) -> None:
    text = _HELLO + "Obrigado!\n\n{{ full_name.split()[1] }}\n"
    said = refusal(tmp_path, text)
    assert f"{at_line(tmp_path, 4)}cannot be filled in for an author with no readable name" in said


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            _HELLO + "Seu protocolo é {{ case\n\nObrigado!\n",
            2,
            "the {{ on line 2 is never closed: end it with }}, as in {{ name }}",
        ),
        (
            _HELLO + "{% if case \nProtocolo {{ case }}\n{% endif %}\n",
            2,
            "the {% on line 2 is never closed: end it with %}, as in {% if name %}",
        ),
        ("Olá {{\n\nObrigado!\n", 1, "the {{ on line 1 is never closed"),
        ("Olá {{ name\n\nObrigado pelo carinho, {{ brand }}.\n", 1, "the {{ on line 1 is never"),
        (
            _HELLO + "{% if case %}Protocolo {{ case }\n{% endif %}",
            2,
            "a {{ … }} ends with two braces, }}: write {{ case }}, not {{ case }",
        ),
    ],
)
def test_a_tag_left_open_is_named_where_it_opens(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    said = refusal(tmp_path, text)
    assert f"{at_line(tmp_path, line)}{words}" in said
    assert "Jinja cannot read it" not in said


def test_a_misspelt_filter_inside_an_if_is_named_as_one_outside_it(tmp_path: Path) -> None:
    said = refusal(tmp_path, "Olá{% if name %}, {{ name|capitalizar }}{% endif %}!\n")
    assert f"{at_line(tmp_path, 1)}there is no filter |capitalizar" in said
    assert "did you mean |capitalize?" in said
    assert "No filter named" not in said


@pytest.mark.parametrize(
    ("written", "meant"),
    [("protocolo_nº", "case"), ("Usuário", "handle"), ("saudacao", "time_greeting")],
)
def test_a_portuguese_value_with_accents_or_more_words_is_named_with_the_one_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    said = refusal(tmp_path, f"{_HELLO}{{% if case %}}{{{{ {written} }}}}{{% endif %}}\n")
    assert f"{at_line(tmp_path, 2)}{{{{ {written} }}}} is not one of the values" in said
    assert f"did you mean {{{{ {meant} }}}}?" in said


def test_a_windows_template_with_a_bom_and_crlf_loads_and_drafts(tmp_path: Path) -> None:
    text = "\ufeffOlá{% if name %}, {{ name }}{% endif %}!\r\nObrigado pelo carinho.\r\n"
    playbook = load_templates(tmp_path, text.encode("utf-8"))
    reading = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    (draft,) = playbook.decide(mention(1, name="Inês Sá"), reading, History())
    assert draft.text == "Olá, Inês! Obrigado pelo carinho."


def test_a_windows_template_s_mistake_is_named_by_its_line(tmp_path: Path) -> None:
    text = "\ufeffOlá!\r\n\r\n{% if case %}\r\nProtocolo {{ case }}\r\n"
    said = refusal(tmp_path, text.encode("utf-8"))
    assert f"{at_line(tmp_path, 3)}the {{% if %}} on line 3 is never closed" in said


@pytest.mark.parametrize(
    ("rodape", "line", "words"),
    [
        ("Equipe Lumora\n{% if case %}\nProtocolo {{ case }}\n", 2, "the {% if %} on line 2 is"),
        ("Equipe\n\n{{ brand|maiusculas }}\n", 3, "there is no filter |maiusculas"),
        ("Equipe\n{ marca }\n", 2, "'{ marca }' is written as it is, braces and all"),
        (
            'Equipe\n{% if reason == "entrega" %}x{% endif %}\n',
            2,
            "{{ reason }} is compared with 'entrega'",
        ),
    ],
)
def test_a_mistake_in_an_included_file_names_that_file_and_its_line(
    tmp_path: Path, rodape: str, line: int, words: str
) -> None:
    said = refusal(tmp_path, _HELLO + "{% include 'pt/rodape.j2' %}\n", rodape=rodape)
    assert f"{at_line(tmp_path, line, 'rodape')}{words}" in said
    assert "obrigado.j2" not in said


def test_else_if_is_named_with_elif(tmp_path: Path) -> None:
    text = "Olá!\n{% if name %}{{ name }}\n{% else if case %}Protocolo {{ case }}{% endif %}\n"
    said = refusal(tmp_path, text)
    assert (
        f"{at_line(tmp_path, 3)}{{% else if %}} is not a Jinja tag; did you mean {{% elif %}}?"
        in said
    )
