"""The dashboard's CSV export: the stable comma format in English or with ?format=data, a
spreadsheet's format (";", a BOM, the page's words) in pt-BR and pt-PT; formulas defused."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from aiohttp import ClientResponse

from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
BOM = b"\xef\xbb\xbf"
DATA_HEADER = ["day", "platform", "negative", "neutral", "positive", "total", "lang_en"]
PT_HEADER = [
    "Dia",
    "Plataforma",
    "Reclamações",
    "Menções neutras",
    "Elogios",
    "Total",
    "Idioma: inglês",
]


async def _export(desk: Desk, query: str = "", lang: str = "") -> ClientResponse:
    headers = {"Accept-Language": lang} if lang else {}
    return await desk.client.get(f"/dashboard.csv?days=30{query}", headers=headers)


def _rows(body: bytes, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=delimiter))


async def test_english_is_the_stable_comma_format(as_role: Login, store: Store) -> None:
    add(store, "late again", platform="mastodon")
    add(store, "love it", platform="hackernews", label="positive", case=False, draft=None)
    response = await _export(await as_role("manager"))
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="mentiondesk-30d.csv"'
    body = await response.read()
    assert not body.startswith(BOM)
    rows = _rows(body, ",")
    assert rows[0] == DATA_HEADER
    assert sorted(row[1:] for row in rows[1:]) == [
        ["hackernews", "0", "0", "1", "1", "1"],
        ["mastodon", "1", "0", "0", "1", "1"],
    ]


async def test_portuguese_pages_export_for_their_spreadsheets(as_role: Login, store: Store) -> None:
    for _ in range(2):
        add(store, "late again", platform="hackernews")
    add(store, "obrigada!", platform="x", label="positive", case=False, draft=None)
    desk = await as_role("manager")
    for lang in ("pt-BR", "pt-PT"):
        response = await _export(desk, lang=lang)
        body = await response.read()
        assert body.startswith(BOM), lang
        rows = _rows(body[len(BOM) :], ";")
        assert rows[0] == PT_HEADER
        assert sorted(row[1:] for row in rows[1:]) == [
            ["Hacker News", "2", "0", "0", "2", "2"],
            ["X", "0", "0", "1", "1", "1"],
        ]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[0]) for row in rows[1:])  # ISO days


async def test_the_language_switch_chooses_the_format_too(as_role: Login, store: Store) -> None:
    add(store, "late again", platform="hackernews")
    desk = await as_role("manager")
    desk.client.session.cookie_jar.update_cookies({"md_lang": "pt-PT"})
    body = await (await _export(desk, lang="en")).read()
    assert _rows(body[len(BOM) :], ";")[1][1] == "Hacker News"


async def test_format_data_is_the_stable_format_in_any_language(
    as_role: Login, store: Store
) -> None:
    add(store, "late again", platform="hackernews")
    desk = await as_role("manager")
    english = await (await _export(desk)).read()
    for lang in ("pt-BR", "pt-PT"):
        assert await (await _export(desk, "&format=data", lang)).read() == english
    assert _rows(english, ",")[1][1:] == ["hackernews", "1", "0", "0", "1", "1"]


async def test_a_cell_that_would_run_as_a_formula_is_text(as_role: Login, store: Store) -> None:
    # A platform code is stored as a source hands it over: a crafted one must not run in
    # Excel or LibreOffice, whatever the separator (a tab or a CR leads a formula too).
    codes = ["=1+2", "+1", "-1", "@SUM(A1)", "\tcmd", "\r=1;2"]
    for code in codes:
        add(store, "late again", platform=code)
    desk = await as_role("manager")
    comma = _rows(await (await _export(desk)).read(), ",")
    semicolon = _rows((await (await _export(desk, lang="pt-BR")).read())[len(BOM) :], ";")
    for rows in (comma, semicolon):
        assert sorted(row[1] for row in rows[1:]) == sorted("'" + code for code in codes)
        assert all(len(row) == 7 for row in rows)  # "=1;2" stayed one cell


def _read_as(store: Store, mention: int, lang: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(READING).where(READING.c.mention_id == mention).values(lang=lang))


async def test_mentions_by_language_follow_the_total(as_role: Login, store: Store) -> None:
    """Each language of the period has a column after the total (the first six stay where
    scripts read them), "und" last: the reading's language, unknown when the detector was
    unsure."""
    for text, lang in (("atrasou de novo", "pt"), ("cadê meu pedido", "pt"), ("???", "und")):
        mention, _, _ = add(store, text, platform="x")
        _read_as(store, mention, lang)
    add(store, "late again", platform="x")
    desk = await as_role("manager")
    rows = _rows(await (await _export(desk)).read(), ",")
    assert rows[0] == [*DATA_HEADER, "lang_pt", "lang_und"]
    assert [row[1:] for row in rows[1:]] == [["x", "4", "0", "0", "4", "1", "2", "1"]]
    for lang, unknown in (("pt-BR", "não identificado"), ("pt-PT", "não identificado")):
        body = await (await _export(desk, lang=lang)).read()
        header = _rows(body[len(BOM) :], ";")[0]
        assert header[6:] == ["Idioma: inglês", "Idioma: português", f"Idioma: {unknown}"]
