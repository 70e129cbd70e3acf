"""What a screen reader needs from each desk page's markup: one top heading to jump to, a
name for every table column, a text alternative for the chart, errors tied to their box."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html.parser import HTMLParser

from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9"}


class _Texts(HTMLParser):
    """The text inside each element named `tag` (nested markup's text included)."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.depth, self.texts = tag, 0, list[str]()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.tag:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def texts(page: str, tag: str) -> list[str]:
    parser = _Texts(tag)
    parser.feed(page)
    return [t.strip() for t in parser.texts]


async def _get(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200
    return await response.text()


async def test_the_queue_has_one_top_heading(as_role: Login) -> None:
    agent = await as_role("agent")
    assert texts(await _get(agent, "/queue"), "h1") == ["Queue"]
    assert texts(await _get(agent, "/queue", PT), "h1") == ["Fila"]


async def test_every_column_of_the_people_table_is_named(as_role: Login) -> None:
    admin = await as_role("admin")
    heads = texts(await _get(admin, "/people"), "th")
    assert heads[-1] == "Actions" and all(heads), heads
    assert texts(await _get(admin, "/people", PT), "th")[-1] == "Ações"
