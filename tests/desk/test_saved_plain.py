"""The saved replies editor says a text's common mistakes in plain words, in the page's
language: a placeholder written with one brace ("Olá {name}", "{nome}"), which would be sent
as written, is refused on the Text field naming the placeholder meant; an {% if %} left open,
an unknown tag, a {{ left open are said without Jinja's English technical detail."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest

from tests.desk.conftest import Desk
from tests.desk.test_saved_field import ORDER, TIED
from tests.desk.test_saved_syntax import config as config  # the fixture, re-exported

Login = Callable[[str], Awaitable[Desk]]
_TEXT_TIED = re.compile(r'<textarea name="text"[^>]*' + TIED)


async def _refused(desk: Desk, text: str, lang: str = "en") -> str:
    if lang != "en":
        await desk.client.get(f"/lang/{lang}?next=/saved-replies")
    response = await desk.post("/saved-replies", **{**ORDER, "text": text})
    response = await desk.follow(response)
    assert response.status == 200
    page = await response.text()
    assert _TEXT_TIED.search(page), "the Text field is the one marked"
    return html.unescape(page)


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        (
            "en",
            "Olá {name}, está tratado.",
            "{name} would be sent as written: write placeholders as {{ name }}.",
        ),
        (
            "pt-BR",
            "Olá {nome}, está tratado.",
            "{nome} seria enviado tal como está escrito: escreva os campos como {{ name }}.",
        ),
        (
            "pt-PT",
            "Caso { caso } tratado.",
            "{ caso } seria enviado tal como está escrito: escreva os campos como {{ case }}.",
        ),
        (
            "en",
            "Hi {cliente}",
            "{cliente} would be sent as written: write placeholders as {{ name }}, one of "
            "{{ agent }},",
        ),
    ],
)
async def test_a_placeholder_in_one_brace_is_refused_naming_the_right_one(
    as_role: Login, lang: str, text: str, said: str
) -> None:
    page = await _refused(await as_role("manager"), text, lang)
    assert said in page


@pytest.mark.parametrize(
    "text",
    ["Hi {{ name or 'there' }}", "Prices {1} and {a, b}", 'Send {"order": 1} as JSON', "A { } gap"],
)
async def test_other_braces_are_text(as_role: Login, text: str) -> None:
    manager = await as_role("manager")
    response = await manager.post("/saved-replies", **{**ORDER, "text": text})
    assert response.status == 303


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("en", "Hi{% if name %} {{ name }}", "An {% if %} is not closed: end it with {% endif %}."),
        (
            "pt-BR",
            "Oi{% if name %} {{ name }}",
            "Um {% if %} não foi fechado: termine-o com {% endif %}.",
        ),
        (
            "pt-PT",
            "Olá {% fi %}",
            "{% fi %} não existe nas respostas prontas: só existem {% if %}…",
        ),
        (
            "en",
            "Hi {% endif %}",
            "{% endif %} has no {% if %} before it: open it with {% if name %}, or delete it.",
        ),
        ("en", "Hi {{ name or 'there'", "A {{ is not closed: write placeholders as {{ name }}."),
        (
            "pt-BR",
            "Oi {{ name or 'você' }",
            "Um {{ ou {% não foi fechado: escreva {{ name }} e {% if name %}",
        ),
    ],
)
async def test_common_template_errors_are_said_in_plain_words(
    as_role: Login, lang: str, text: str, said: str
) -> None:
    page = await _refused(await as_role("manager"), text, lang)
    assert said in page
    assert "Jinja" not in page and "Technical detail" not in page and "Detalhe técnico" not in page


async def test_an_unmapped_error_keeps_its_technical_detail(as_role: Login) -> None:
    page = await _refused(await as_role("manager"), "Hi {{ }}")
    assert "Technical detail: Expected an expression" in page
