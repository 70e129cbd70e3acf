"""A refused saved reply names its field: the server says which (the id, title, language,
offered-for or text), the notice names it with a link to it, and the field is tied to the
notice (aria-invalid, aria-describedby) and takes focus, in English, pt-BR and pt-PT."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest

from tests.desk.conftest import Desk
from tests.desk.test_saved_syntax import config as config  # the fixture, re-exported

Login = Callable[[str], Awaitable[Desk]]
TIED = 'aria-invalid="true" aria-describedby="saved-refusal" autofocus=""'
ORDER = {"id": "order", "title": "Order number", "lang": "en"}
_TIED_FIELD = re.compile(r'<(?:input|select|textarea) name="(\w+)"[^>]*' + TIED)
_NOTICE = re.compile(r'<div class="notice[^"]*" role="alert" id="saved-refusal">.*?</div>', re.S)


def _named(page: str, field: str, label: str) -> bool:
    """The notice (the fields' description) names `field` as `label`, linking to it."""
    notice = _NOTICE.search(page)
    link = f'<a href="#saved-{field}" class="saved-field">{label}</a>:'
    return notice is not None and link in notice.group(0)


@pytest.mark.parametrize(
    ("form", "field", "label"),
    [
        ({"id": "Bad Id"}, "id", "Short name"),
        ({"id": "wait"}, "id", "Short name"),  # the file's id: taken
        ({"title": " "}, "title", "Title"),
        ({"lang": "klingon"}, "lang", "Language"),
        ({"kind": "dm"}, "kind", "Offered for"),
        ({"text": "Hi {% if %}"}, "text", "Text"),  # not a template
        ({"text": "Hi {{ nme }}"}, "text", "Text"),  # no such placeholder
    ],
)
async def test_the_refusal_names_its_field_and_is_tied_to_it(
    as_role: Login, form: dict[str, str], field: str, label: str
) -> None:
    manager = await as_role("manager")
    response = await manager.post("/saved-replies", **{**ORDER, "text": "Hi", **form})
    response = await manager.follow(response)
    page = await response.text()
    assert response.status == 200
    assert _TIED_FIELD.findall(page) == [field]  # that field only
    assert f'id="saved-{field}"' in page and _named(page, field, label)


@pytest.mark.parametrize(
    ("lang", "title", "text"), [("pt-BR", "Título", "Texto"), ("pt-PT", "Título", "Texto")]
)
async def test_the_field_is_named_in_portuguese(
    as_role: Login, lang: str, title: str, text: str
) -> None:
    manager = await as_role("manager")
    await manager.client.get(f"/lang/{lang}?next=/saved-replies")
    refused = await manager.post("/saved-replies", **{**ORDER, "title": " ", "text": "Oi"})
    assert _named(await (await manager.follow(refused)).text(), "title", title)
    refused = await manager.post("/saved-replies", **{**ORDER, "text": "Oi {{ nme }}"})
    page = await (await manager.follow(refused)).text()
    assert _named(page, "text", text) and _TIED_FIELD.findall(page) == ["text"]


async def test_an_edit_s_text_refused_is_tied_too(as_role: Login) -> None:
    manager = await as_role("manager")
    assert (await manager.post("/saved-replies", **ORDER, text="Hi")).status == 303
    page = await (await manager.client.get("/saved-replies/order")).text()
    seen = re.search(r'name="seen" value="(\w+)"', page)
    assert seen and "aria-invalid" not in page  # nothing refused yet
    edit = await manager.post("/saved-replies/order", **ORDER, text="Hi {% if %}", seen=seen[1])
    assert _TIED_FIELD.findall(await (await manager.follow(edit)).text()) == ["text"]
