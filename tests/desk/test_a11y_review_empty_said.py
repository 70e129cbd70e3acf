"""What a screen reader says where the desk shows "—": the dashboard's p90 with too few
answers and the case page's empty fields say "not yet" or "none" (the dash is for the eye
alone, aria-hidden), and each waiting timer says its target in text, not only in a title;
in English, Brazil's and Portugal's Portuguese. Checked on the served HTML."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.desk_static import DESK_CSS
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
LANGS = {
    "en": ({}, "not yet", "none", "target 1 h"),
    "pt-BR": ({"Accept-Language": "pt-BR"}, "ainda não", "nenhum", "meta de 1 h"),
    "pt-PT": ({"Accept-Language": "pt-PT"}, "ainda não", "nenhum", "meta de 1 h"),
}
CSS = DESK_CSS  # all of the desk's stylesheets, in the order base.html links them
_VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "col", "source", "wbr"})


class _Said(HTMLParser):
    """The text inside the element with id `wanted`: what is spoken (outside aria-hidden)
    and what is shown (outside .visually-hidden)."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.spoken, self.shown = wanted, "", ""
        self.stack: list[tuple[bool, bool, bool]] = []  # (inside, hidden to ear, to eye)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        inside, ear, eye = self.stack[-1] if self.stack else (False, False, False)
        entry = (
            inside or a.get("id") == self.wanted,
            ear or a.get("aria-hidden") == "true",
            eye or "visually-hidden" in (a.get("class") or "").split(),
        )
        if tag not in _VOID:
            self.stack.append(entry)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0]:
            _, ear, eye = self.stack[-1]
            self.spoken += "" if ear else data
            self.shown += "" if eye else data


def said(page: str, element_id: str) -> tuple[str, str]:
    """(spoken, shown) for the element `element_id` of `page`, whitespace folded."""
    parser = _Said(element_id)
    parser.feed(page)
    return " ".join(parser.spoken.split()), " ".join(parser.shown.split())


def test_the_desk_has_one_visually_hidden_class() -> None:
    assert CSS.count(".visually-hidden {") == 1 and "clip-path: inset(50%)" in CSS


@pytest.mark.parametrize("lang", LANGS)
async def test_too_few_answers_for_a_p90_is_said_not_yet(
    as_role: Login, store: Store, lang: str
) -> None:
    headers, not_yet, _, _ = LANGS[lang]
    for i in range(3):  # 3 answered cases: too few for a p90
        _, case, _ = add(store, f"late again {i}", ago=timedelta(hours=1))
        with store.engine.begin() as conn:
            opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == case))
            assert opened is not None
            reply = opened + timedelta(minutes=2)
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=reply))
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7", headers=headers)).text()
    assert said(page, "dash-frt-p90") == (not_yet, "—")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_cases_empty_fields_and_its_target_are_said_in_words(
    as_role: Login, store: Store, lang: str
) -> None:
    headers, not_yet, none, target = LANGS[lang]
    _, case, _ = add(store, "My lamp arrived broken", reason=None, topics=())
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers=headers)).text()
    for field, words in (
        ("case-first-response", not_yet),
        ("case-ticket", none),
        ("reading-reason", none),
        ("reading-topics", none),
    ):
        assert said(page, field) == (words, "—"), field
    spoken, shown = said(page, "case-timer")
    assert spoken.endswith(f"({target})") and target not in shown
    queue = await (await desk.client.get("/queue", headers=headers)).text()
    assert f'<span class="timer-target visually-hidden">({target})</span>' in queue
