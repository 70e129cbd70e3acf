"""The desk in English and Brazilian Portuguese over HTTP: Accept-Language, the language
switch (pt-PT's own pages: test_i18n_pt_pt.py)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.web import create_app
from mentiondesk.web.i18n import from_accept_language
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9,en;q=0.8"}

# (page, who reads it, English text on it, its Portuguese)
PAGES = [
    ("/queue", "agent", "draft to approve", "rascunho para aprovar"),  # one draft
    ("/cases/{case}", "agent", "Approve and send", "Aprovar e enviar"),
    ("/dashboard", "manager", "Top complaint reasons", "Principais motivos de reclamação"),
    ("/playbooks", "manager", "Fired in the last 7 days", "Disparos nos últimos 7 dias"),
    ("/people", "admin", "Add a person", "Adicionar uma pessoa"),
    ("/saved-replies", "manager", "Add a saved reply", "Adicionar uma resposta pronta"),
]


async def _page(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200, path
    return await response.text()


@pytest.mark.parametrize(("path", "role", "english", "portuguese"), PAGES)
async def test_pages_follow_the_browser_language(
    as_role: Login, store: Store, path: str, role: str, english: str, portuguese: str
) -> None:
    _, case, _ = add(store, "My parcel is lost")
    desk = await as_role(role)
    path = path.format(case=case)
    pt, en = await _page(desk, path, PT), await _page(desk, path)
    assert portuguese in pt and english not in pt
    assert english in en and portuguese not in en
    assert '<html lang="pt-BR">' in pt and '<html lang="en">' in en


async def test_the_login_page_follows_the_browser_language(anon: Desk) -> None:
    pt, en = await _page(anon, "/login", PT), await _page(anon, "/login")
    assert "Entrar no atendimento Lumora" in pt and "Senha" in pt
    assert "Log in to the Lumora desk" in en and "Password" in en


async def test_a_brand_named_with_the_article_is_not_given_another(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    path = write_config(tmp_path, db_url)
    path.write_text(path.read_text(encoding="utf-8").replace("Lumora", "The Lumora Co"))
    app = create_app(load_config(path), store)
    async with TestServer(app) as server, TestClient(server) as client:
        page = await (await client.get("/login")).text()
        pt = await (await client.get("/login", headers=PT)).text()
    assert "Log in to The Lumora Co desk" in page and "the The" not in page
    assert "Entrar no atendimento The Lumora Co" in pt


async def test_the_switch_is_remembered_and_wins_over_the_browser(anon: Desk) -> None:
    response = await anon.client.get("/lang/pt-BR?next=/login", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/login"
    assert response.cookies["md_lang"].value == "pt-BR"
    assert "Entrar no atendimento" in await _page(anon, "/login", {"Accept-Language": "en"})
    await anon.client.get("/lang/en", allow_redirects=False)
    assert "Log in to the Lumora desk" in await _page(anon, "/login", PT)


async def test_the_switch_stays_on_the_desk(anon: Desk) -> None:
    away = await anon.client.get("/lang/en?next=//evil.example", allow_redirects=False)
    assert away.headers["Location"] == "/queue"
    assert (await anon.client.get("/lang/fr", allow_redirects=False)).status == 404


async def test_the_switch_refuses_a_tab_that_would_make_it_leave_the_desk(anon: Desk) -> None:
    away = await anon.client.get("/lang/en?next=/%09/evil.example", allow_redirects=False)
    assert away.headers["Location"] == "/queue"


async def test_the_header_offers_every_language_from_any_page(anon: Desk) -> None:
    page = await _page(anon, "/login?next=/dashboard", PT)
    assert 'href="/lang/en?next=/login%3Fnext%3D/dashboard"' in page
    assert 'href="/lang/pt-BR?next=/login%3Fnext%3D/dashboard"' in page
    assert 'href="/lang/pt-PT?next=/login%3Fnext%3D/dashboard"' in page
    assert ">PT-BR</a>" in page and ">PT-PT</a>" in page


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("pt-BR", "pt-BR"),
        ("pt-PT,pt;q=0.9", "pt-PT"),
        ("pt-pt", "pt-PT"),
        ("pt-AO", "pt-PT"),  # CLDR parents Angola's, Mozambique's… Portuguese to pt-PT
        ("pt-MZ,en;q=0.5", "pt-PT"),
        ("pt-Latn-PT", "pt-PT"),
        ("pt", "pt-BR"),  # no region: the desk's Portuguese before pt-PT, kept
        ("pt-US", "pt-BR"),
        ("en-GB,pt-PT;q=0.9", "en"),
        ("fr-FR, pt;q=0.5, en;q=0.4", "pt-BR"),
        ("en-US,pt-BR;q=0.8", "en"),
        ("pt;q=0, en", "en"),
        ("de", "en"),
        ("", "en"),
    ],
)
def test_accept_language_picks_the_portuguese_of_the_region(header: str, lang: str) -> None:
    assert from_accept_language(header) == lang


async def test_portuguese_case_page_shows_data_as_written(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "<b>Meu pedido</b> negative", handle="Zé")
    page = await _page(await as_role("agent"), f"/mentions/{mention}", PT)
    assert "&lt;b&gt;Meu pedido&lt;/b&gt; negative" in page  # escaped, never translated
    assert ">Reclamação</span>" in page and "Resolver" in page and "Encerrar" in page
    assert 'value="positive" class="small">Elogio</button>' in page  # the value stays
    assert "120 seguidores" in page and " UTC" in page and "ninguém" in page
    for english in ("followers", "Approve", "Reject", "nobody", "Internal notes"):
        assert english not in page, english


async def test_portuguese_dates_and_numbers(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Cadê meu pedido?", draft_kind="private")
    desk = await as_role("agent")
    pt, en = (
        await _page(desk, f"/mentions/{mention}", PT),
        await _page(desk, f"/mentions/{mention}"),
    )
    assert re.search(r"\d\d/\d\d/20\d\d \d\d:\d\d UTC", pt)
    assert re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d UTC", en)
    assert re.search(r"/ \d{1,3}\.\d{3} caracteres", pt)  # a direct message's limit
    assert re.search(r"/ \d{1,3},\d{3} characters", en)


async def test_notices_and_error_pages_in_portuguese(as_role: Login, store: Store) -> None:
    desk = await as_role("agent")
    assert "Resposta aprovada" in await desk.told(store, "/queue", PT, notice="approved")
    missing = await desk.client.get("/cases/999999", headers=PT)
    assert missing.status == 404
    assert "Esse caso não existe" in await missing.text()
    forbidden = await desk.client.get("/dashboard", headers=PT)
    assert "Esta página exige o papel de gestão." in await forbidden.text()


async def test_the_header_puts_the_brand_where_each_language_does(as_role: Login) -> None:
    desk = await as_role("agent")
    pt, en = await _page(desk, "/queue", PT), await _page(desk, "/queue")
    logo = re.compile(r'<a class="logo" href="/queue">(.*?)</a>')
    assert logo.findall(pt) == ["<span>Atendimento</span> Lumora"]  # not "Lumora atendimento"
    assert logo.findall(en) == ["Lumora <span>desk</span>"]


async def test_english_shows_reasons_as_words_not_keys(as_role: Login, store: Store) -> None:
    add(store, "Charged twice", reason="refund_payment")
    desk = await as_role("manager")
    for path in ("/queue", "/dashboard"):
        page = await _page(desk, path)
        shown = re.sub(r"<[^>]*>", " ", page)  # the text people read, not form values
        assert "refund/payment" in shown and "refund_payment" not in shown, path


async def test_english_names_labels_as_portuguese_does(as_role: Login, store: Store) -> None:
    """Complaint / neutral / praise, as pt-BR's Reclamação / Neutro / Elogio: not the stored
    negative / positive, which stay in the form values and URLs."""
    mention, _, _ = add(store, "Lost parcel", reason="delivery")
    add(store, "Love it", handle="bia", label="positive", case=False, draft=None)
    desk = await as_role("manager")
    queue = await _page(desk, "/queue")
    assert '<span class="badge label-negative">complaint</span>' in queue
    assert '<option value="positive" >praise</option>' in queue and ">sentiment" in queue
    case = await _page(desk, f"/mentions/{mention}")
    assert "Wrong? Mark it as" in case
    assert 'value="positive" class="small">praise</button>' in case
    dash = await _page(desk, "/dashboard")
    assert '<span class="swatch negative"></span>complaint' in dash
    assert '<span class="swatch positive"></span>praise' in dash
    for page in (queue, case, dash):
        shown = re.sub(r"<[^>]*>", " ", page)
        assert not re.search(r"\b(negative|positive)\b", shown)
    pt = await _page(desk, f"/mentions/{mention}", PT)
    assert "Classificação errada? Marcar como" in pt and ">Elogio</button>" in pt


@pytest.mark.parametrize(
    ("headers", "shown"),
    [
        ({}, "manager · manager"),
        (PT, "manager · gestão"),
        ({"Accept-Language": "pt-PT"}, "manager · gestão"),
    ],
)
async def test_the_header_sets_the_role_apart_from_the_name(
    as_role: Login, headers: dict[str, str], shown: str
) -> None:
    """ "joana gestão" read as a department: the role follows a dot, in every language."""
    page = await _page(await as_role("manager"), "/queue", headers)
    who = re.search(r'<span class="user">(.*?)</span>\s*<input', page, re.S)
    assert who
    text = " ".join(re.sub(r"<[^>]*>", " ", who.group(1)).split())
    assert text == shown
