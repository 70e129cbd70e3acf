"""The desk in European Portuguese: Portugal's words on the pages a browser in Portugal (or
the PT-PT switch) gets, and no Brazil-only word left in any text the locale shows."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, JS_STRINGS
from mentiondesk.web.i18n_pt import MESSAGES
from mentiondesk.web.i18n_pt_words import WORDS
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9,en;q=0.8"}
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}

# Words (or stems) a reader in Portugal takes for Brazil's, with what Portugal says.
BRAZIL_ONLY = [
    r"usuári\w*",  # utilizador
    r"senhas?",  # palavra-passe
    r"equipes?",  # equipa
    r"telas?",  # ecrã
    r"arquivos?",  # ficheiro
    r"cadastr\w*",  # registo
    r"contat\w*",  # contacto, contactar
    r"registr\w*",  # registo, registar
    r"gerenci\w*",  # gerir
    r"baixar|baixe",  # descarregar
    r"celular\w*",  # telemóvel
    r"fatos?",  # facto
    r"recepção",  # receção
    r"abas?",  # separador
    r"salv(?:ar|o|a|e|ou)",  # guardar
    r"banco de dados",  # base de dados
    r"acessar|acesse|acessou",  # aceder
    r"digitad\w*",  # escrito, introduzido
    r"embaixo",  # em baixo
    r"em até",
    r"(?<![oa]s )demais",  # demasiado ("os demais", the others, is Portugal's too)
    r"não (?:está|estão|cabe|retém|consegue) mais",  # já não …
    r"não há o que",  # não há nada a que
    r"você",  # left out, or "o seu"
    r"tod[ao] (?:pessoa|dia|caso|mundo)",  # todas as pessoas, todos os dias, em todo o caso
    r"\d[ªº]",  # 1.ª
    r"(?:^|[.:;!?] )(?:Seu|Sua|Seus|Suas)",  # "A sua resposta", with the article
    # A progressive in the gerund: "a ser enviada", "a tentar", "à espera".
    r"(?:está|estão|fica|continua) \w+ndo|sendo|aguardando|mostrando|tentando|enviando",
]
_BRAZIL_ONLY = re.compile(rf"\b(?:{'|'.join(BRAZIL_ONLY)})\b", re.IGNORECASE)


async def _page(desk: Desk, path: str, headers: dict[str, str]) -> str:
    response = await desk.client.get(path, headers=headers)
    assert response.status == 200, path
    return await response.text()


def _shown() -> list[str]:
    """Every catalog text and stored value's word as pt-PT shows it, the desk scripts' too."""
    texts = [EUROPEAN_PORTUGUESE.t(english) for english in MESSAGES]
    texts += [EUROPEAN_PORTUGUESE.word(kind, v) for kind, words in WORDS.items() for v in words]
    js = EUROPEAN_PORTUGUESE.template_context()["js_strings"]
    assert isinstance(js, dict) and js.keys() == JS_STRINGS.keys()
    return texts + list(js.values())


def test_the_guard_knows_brazils_words() -> None:
    """The list catches what pt-BR says (so the next test means something)."""
    brazil = [t for t in MESSAGES.values() if _BRAZIL_ONLY.search(t)]
    assert len(brazil) > 50
    assert not _BRAZIL_ONLY.search("Quando o utilizador está a ser contactado: equipa")


def test_no_text_reads_as_brazils_in_european_portuguese() -> None:
    found = {t: m.group() for t in _shown() if (m := _BRAZIL_ONLY.search(t))}
    assert not found, f"add these to mentiondesk/web/i18n_pt_pt*.py: {found}"


async def test_the_login_page_in_portugals_portuguese(anon: Desk) -> None:
    pt, br = await _page(anon, "/login", PT_PT), await _page(anon, "/login", PT_BR)
    assert '<html lang="pt-PT">' in pt and '<html lang="pt-BR">' in br
    assert "Iniciar sessão no atendimento Lumora" in pt and "Palavra-passe" in pt
    assert "Senha" not in pt and "Senha" in br


async def test_the_people_page_in_portugals_portuguese(as_role: Login) -> None:
    page = await _page(await as_role("admin"), "/people", PT_PT)
    assert '<html lang="pt-PT">' in page and "Adicionar uma pessoa" in page  # pt-BR's, shared
    assert "Gerar nova palavra-passe" in page and "gere as pessoas" in page
    # Portugal's words where Brazil's "Sair", "Mudanças", "Incluído em" showed through.
    assert "Terminar sessão" in page and "Alterações recentes nos acessos" in page
    assert "Adicionado em" in page and ">Sair<" not in page
    assert "(a sua conta)" in page and not _BRAZIL_ONLY.search(re.sub(r"<[^>]*>", " ", page))


async def test_the_case_page_in_portugals_portuguese(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "A encomenda não chegou", draft_kind="private")
    page = await _page(await as_role("agent"), f"/mentions/{mention}", PT_PT)
    assert "Guardar rascunho" in page and "Escreva uma nota para a equipa" in page
    assert re.search(r"\d\d/\d\d/20\d\d \d\d:\d\d UTC", page)
    assert re.search(r"/ (?:\d{4}|\d{2,3}\u00a0\d{3}) caracteres", page)  # CLDR's grouping
    # How sure the classifier is, with Portugal's no-break space before the percent sign.
    assert "Classificação automática</dt><dd>Reclamação, 80% de certeza</dd>" in page


async def test_the_pt_pt_switch_is_remembered(anon: Desk) -> None:
    response = await anon.client.get("/lang/pt-PT?next=/login", allow_redirects=False)
    assert response.status == 303 and response.cookies["md_lang"].value == "pt-PT"
    page = await _page(anon, "/login", PT_BR)
    assert '<html lang="pt-PT">' in page and "Palavra-passe" in page
    assert 'aria-current="true">PT-PT</a>' in page


@pytest.mark.parametrize("header", ["pt-AO", "pt-MZ,pt;q=0.8"])
async def test_portugals_norm_reaches_angola_and_mozambique(anon: Desk, header: str) -> None:
    page = await _page(anon, "/login", {"Accept-Language": header})
    assert '<html lang="pt-PT">' in page and "Palavra-passe" in page
