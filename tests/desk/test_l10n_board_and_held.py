"""The pages the 7 December work added, read in pt-PT and pt-BR as their readers would: the
dashboard's calendar month, the queue's count once the filters are cleared, and a reply held
as too long. Portugal's pages carry none of Brazil's words (test_i18n_pt_pt.BRAZIL_ONLY), and
Brazil's none of Portugal's; the sentences a review of them rewrote read as it left them."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add, dated_case
from tests.desk.test_agentday_held_too_long import X_REFUSED, _held_as_too_long
from tests.desk.test_i18n_pt_pt import _BRAZIL_ONLY

Login = Callable[[str], Awaitable[Desk]]
# Words and forms a reader in Brazil takes for Portugal's (what Brazil says instead).
PORTUGAL_ONLY = re.compile(
    r"\b(?:ecrãs?|utilizador\w*|ficheiros?|registos?|equipas?|palavra-passe|telemóve\w*|"
    r"secção|carácter|demasiad\w*|(?:está|estão) a \w+r)\b|\d\.[ªº]",
    re.IGNORECASE,
)
MASTODON_REFUSED = "mastodon posting: the text is over the server's character limit; shorten it"


def _shown(page: str) -> str:
    """The page's text as read: no markup, scripts or styles; attributes' text (a link's
    title) kept, as a tooltip or a screen reader says it."""
    page = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", page)
    titles = " ".join(re.findall(r'(?:title|aria-label)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]*>", " ", page) + " " + titles)


async def _read(desk: Desk, path: str, lang: str) -> str:
    response = await desk.client.get(path, headers={"Accept-Language": lang})
    assert response.status == 200, path
    return _shown(await response.text())


def _seed(store: Store) -> dict[str, str]:
    """A month with complaints, three cases waiting, replies held as too long: the pages."""
    for stamp in ("2025-10-15 10:00", "2025-10-31 23:30", "2025-09-15 10:00"):
        opened = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
        dated_case(store, opened, status="closed", ingested=True)
    add(store, "Agentday: where is my parcel?")
    link = " https://lumora.example/help/" + "z" * 60
    x = _held_as_too_long(store, "x", "Sorry!", "a" * 260 + link, X_REFUSED)
    mastodon = _held_as_too_long(store, "mastodon", "Sorry!", "c" * 400, MASTODON_REFUSED)
    return {
        "month": "/dashboard?month=2025-10",
        "cleared": "/queue?filtered=1",
        "x": f"/cases/{x}",
        "mastodon": f"/cases/{mastodon}",
    }


@pytest.fixture
async def pages(as_role: Login, store: Store) -> dict[str, dict[str, str]]:
    paths = _seed(store)
    desk = await as_role("manager")
    return {
        lang: {name: await _read(desk, path, lang) for name, path in paths.items()}
        for lang in ("pt-PT", "pt-BR")
    }


async def test_portugals_pages_have_no_brazilian_word(pages: dict[str, dict[str, str]]) -> None:
    found = {
        name: m.group() for name, text in pages["pt-PT"].items() if (m := _BRAZIL_ONLY.search(text))
    }
    assert not found
    found = {
        name: m.group()
        for name, text in pages["pt-BR"].items()
        if (m := PORTUGAL_ONLY.search(text))
    }
    assert not found


async def test_a_month_reads_as_a_board_would_say_it(pages: dict[str, dict[str, str]]) -> None:
    pt, br = pages["pt-PT"]["month"], pages["pt-BR"]["month"]
    assert "01/10/2025 a 31/10/2025" in pt and "01/10/2025 a 31/10/2025" in br
    assert "Mês passado" in pt and "Mês passado" in br
    # "the month before it": the month that precedes it, never "o mês antes dele".
    assert "O mês civil anterior ao atual, com a variação face ao mês que o precede" in pt
    assert "O mês anterior ao atual, com a variação em relação ao mês que o precede" in br
    assert "Tempo da 1.ª resposta" in pt and "Tempo de 1ª resposta" in br


async def test_the_cleared_queue_counts_in_both(pages: dict[str, dict[str, str]]) -> None:
    for lang in ("pt-PT", "pt-BR"):
        assert re.search(r"Sem filtros: \d+ casos na fila", pages[lang]["cleared"]), lang


async def test_a_held_reply_names_the_reply_it_counts(pages: dict[str, dict[str, str]]) -> None:
    """Only "N caracteres acima do limite." (or nothing) stands before the count: "ela tem"
    pointed at nothing, and pt-PT's bare "tem" read as "there are"."""
    said = (
        r"Pela contagem do atendimento, a resposta tem \d{3} caracteres e o Mastodon aceita até 500"
    )
    pt, br = (" ".join(pages[lang]["mastodon"].split()) for lang in ("pt-PT", "pt-BR"))
    assert re.search(rf"{said}, mas o Mastodon contou-a como mais longa\.", pt)
    assert re.search(rf"{said}, mas o Mastodon a contou como mais longa\.", br)
    assert "4 caracteres acima do limite." in pages["pt-PT"]["x"]
    assert "4 caracteres acima do limite." in pages["pt-BR"]["x"]
