"""An accessibility review's findings, in the markup: control edges a low-vision eye finds (3:1),
a draft read in its own language's voice, links named for what they open, figures and table
columns with words, and a refused login that keeps the name and ties its error to the boxes."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, READING
from tests.desk.conftest import Desk
from tests.desk.desk_static import DESK_CSS
from tests.desk.seed import PASSWORD, add
from tests.desk.test_chart_contrast import _contrast

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9"}
CSS = DESK_CSS  # all of the desk's stylesheets, in the order base.html links them


_VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "col", "source", "wbr"})


class _Elements(HTMLParser):
    """Each element's tag, attributes and text (its descendants' text too), in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.found.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in _VOID:
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)


def elements(page: str, tag: str, **attrs: str) -> list[tuple[dict[str, str], str]]:
    """The `tag` elements of `page` whose attributes include `attrs` (`class_` for class,
    matched as one of its classes), each with its text, whitespace folded."""
    parser = _Elements()
    parser.feed(page)
    wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}

    def has(found: dict[str, str], name: str, value: str) -> bool:
        if name == "class":
            return value in found.get("class", "").split()
        return found.get(name) == value

    return [
        (found, " ".join("".join(text).split()))
        for t, found, text in parser.found
        if t == tag and all(has(found, k, v) for k, v in wanted.items())
    ]


def by_id(page: str, element_id: str) -> str:
    """The text of the element with id `element_id`; asserts there is exactly one."""
    parser = _Elements()
    parser.feed(page)
    found = [
        " ".join("".join(text).split()) for _, a, text in parser.found if a.get("id") == element_id
    ]
    assert len(found) == 1, (element_id, found)
    return found[0]


async def _get(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200, response.status
    return await response.text()


# 2. Form controls' edges (WCAG 1.4.11).


def _variables() -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", CSS))


_CONTROL = re.compile(r"(^|[\s,>])(input|select|textarea|button|\.button|summary|\.case-jumps a)\b")


def test_every_controls_edge_has_3_to_1_against_white_and_the_page() -> None:
    """Inputs, selects, text boxes, buttons and the pill links: their border is what shows
    where they are (their fill is the panel's white), so it has 3:1 against white and the
    page's grey, as a button's does."""
    names = _variables()
    backgrounds = ("#ffffff", names["bg"])
    checked = []
    for selector, body in re.findall(
        r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    ):
        if not _CONTROL.search(selector.strip()) or "disabled" in selector:
            continue
        for prop, value in re.findall(r"(border(?:-color)?)\s*:\s*([^;]+)", body):
            colours = re.findall(r"#[0-9a-fA-F]{6}\b", value)
            colours += [names[v] for v in re.findall(r"var\(--([\w-]+)\)", value) if v in names]
            for colour in colours:
                checked.append(selector.strip())
                for back in backgrounds:
                    ratio = _contrast(colour, back)
                    assert ratio >= 3, f"{selector.strip()} {prop}: {colour} on {back} {ratio:.2f}"
    assert any(s.startswith("input, select, textarea") for s in checked), checked
    assert any(s.startswith("button, .button") for s in checked), checked


# 3. A draft in the queue is read in its own language's voice.


async def test_a_queue_draft_carries_its_own_language(as_role: Login, store: Store) -> None:
    """An English desk showing a Portuguese draft: a screen reader reads it in a Portuguese
    voice, as the mention above it, for a case's draft and one outside any case alike."""
    rows = [
        add(store, "Meu pedido não chegou", priority=90, draft="Olá, sentimos muito pelo atraso."),
        add(store, "Obrigada, resolvido!", label="positive", case=False, draft="Olá, que bom!"),
    ]
    with store.engine.begin() as conn:
        for mention, _, draft in rows:
            conn.execute(
                sa.update(READING).where(READING.c.mention_id == mention).values(lang="pt")
            )
            conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(lang="pt"))
    page = await _get(await as_role("agent"), "/queue")
    for text in ("Olá, sentimos muito pelo atraso.", "Olá, que bom!"):
        assert [attrs.get("lang") for attrs, said in elements(page, "span") if said == text] == [
            "pt"
        ], text


# 4. Links named for what they open.


async def test_a_queue_drafts_link_names_the_author_and_is_described_by_the_post(
    as_role: Login, store: Store
) -> None:
    """Drafts outside any case: their link says "Draft" to the eye, and whose draft to a
    screen reader's list of links, described by the post it answers; a case number's link
    is described by its author and post too."""
    add(store, "Loved the new lamp", label="positive", case=False, handle="lampfan")
    add(store, "Parcel late again", priority=50, handle="latebird")
    agent = await as_role("agent")
    for headers, name in (({}, "Draft for lampfan"), (PT_BR, "Rascunho para lampfan")):
        page = await _get(agent, "/queue", headers)
        links = elements(page, "a", class_="case-link", aria_label=name)
        assert len(links) == 1, name
        attrs, visible = links[0]
        assert name.startswith(visible)  # the name starts with the word shown (WCAG 2.5.3)
        assert by_id(page, attrs["aria-describedby"]) == "Loved the new lamp"
        unnamed = [a for a, said in elements(page, "a", class_="case-link") if "-" not in said]
        assert all(a.get("aria-label") for a in unnamed)  # no link is "Draft" alone
    page = await _get(agent, "/queue")
    case_links = [
        a for a, said in elements(page, "a", class_="case-link") if said.startswith("MD-")
    ]
    described = [[by_id(page, part) for part in a["aria-describedby"].split()] for a in case_links]
    assert ["latebird", "Parcel late again"] in described


async def test_the_case_pages_open_links_name_the_mention_they_open(
    as_role: Login, store: Store
) -> None:
    """ "In this case" lists the author's mentions, each other one with a link to it: named
    for the mention it opens (its time), described by its text, in each language."""
    _, case, _ = add(store, "Order 77 never came", handle="repeat")
    add(store, "Still waiting on order 77!", handle="repeat", draft=None)
    agent = await as_role("agent")
    for headers, opens, visible in (
        ({}, "open the mention of ", "open"),
        (PT_BR, "abrir a menção de ", "abrir"),
        (PT_PT, "abrir a menção de ", "abrir"),
    ):
        page = await _get(agent, f"/cases/{case}", headers)
        links = [
            attrs
            for attrs, said in elements(page, "a")
            if attrs.get("href", "").startswith("/mentions/") and said == visible
        ]
        assert len(links) == 1, headers
        (link,) = links
        assert link["aria-label"].startswith(opens) and len(link["aria-label"]) > len(opens)
        assert by_id(page, link["aria-describedby"]) == "Still waiting on order 77!"


# 5. The queue's median first response with nothing answered in 24 h: words, not "—".


async def test_the_queues_median_says_in_words_that_nothing_was_answered(
    as_role: Login, store: Store
) -> None:
    add(store, "Unanswered complaint")
    agent = await as_role("agent")
    for headers, words in (
        ({}, "no case answered yet"),
        (PT_BR, "nenhum caso respondido ainda"),
        (PT_PT, "nenhum caso respondido ainda"),
    ):
        page = await _get(agent, "/queue", headers)
        assert by_id(page, "kpi-frt") == words
        assert elements(page, "b", id="kpi-frt", class_="kpi-none")
        assert "—" not in " ".join(said for _, said in elements(page, "div", class_="kpi"))


# 6. Every column of the saved replies table is named.


async def test_every_column_of_the_saved_replies_table_is_named(as_role: Login) -> None:
    manager = await as_role("manager")
    typed = {"id": "late", "title": "Late parcel", "lang": "en", "kind": "", "text": "Sorry!"}
    assert (await manager.post("/saved-replies", **typed)).status == 303
    for headers, last in (({}, "Actions"), (PT_BR, "Ações"), (PT_PT, "Ações")):
        page = await _get(manager, "/saved-replies", headers)
        heads = [said for _, said in elements(page, "th")]
        assert heads and heads[-1] == last and all(heads), heads


# 7. A refused login keeps the name typed and ties its error to the boxes.


async def test_a_wrong_password_keeps_the_name_and_ties_the_error_to_the_boxes(
    anon: Desk,
) -> None:
    page = await (await anon.client.get("/login")).text()
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    typed = {"csrf": token[1], "name": "admin", "password": "not-it-9", "next": "/queue"}
    refused = await anon.client.post("/login", data=typed, allow_redirects=False)
    assert refused.status == 401
    page = await refused.text()
    assert by_id(page, "login-error") == "Wrong name or password."
    ((name, _),) = elements(page, "input", name="name")
    ((password, _),) = elements(page, "input", name="password")
    assert name.get("value") == "admin" and "value" not in password
    assert "not-it-9" not in page  # never the password
    for box in (name, password):
        assert box.get("aria-invalid") == "true" and box.get("aria-describedby") == "login-error"
    assert "autofocus" in password and "autofocus" not in name  # the password, typed again
    fresh = await (await anon.client.get("/login")).text()
    ((name, _),) = elements(fresh, "input", name="name")
    assert "value" not in name and "aria-invalid" not in name and "autofocus" in name
    assert PASSWORD not in fresh
