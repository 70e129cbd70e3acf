"""The queue's filter menus read in the page's language: the reasons in the order of the words
shown (a Brazilian agent looking for "atendimento" finds it first, not after
"reembolso/pagamento"), the catch-all "outros" last."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from mentiondesk.web.facet_order import ordered
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
REASONS = ("support", "refund_payment", "other", "delivery", "account_login", "price")


def _options(page: str, menu: str) -> list[str]:
    """The words a filter menu offers, in order, past its "all"."""
    found = re.search(rf'<select name="{menu}">(.*?)</select>', page, re.S)
    assert found, menu
    words = re.findall(r"<option[^>]*>([^<]*)</option>", found.group(1))
    return [html.unescape(w) for w in words[1:]]


async def test_the_reason_menu_is_in_the_order_of_its_portuguese_words(
    as_role: Login, store: Store
) -> None:
    for reason in REASONS:
        add(store, f"problem with {reason}", reason=reason)
    desk = await as_role("agent")
    pt = await (await desk.client.get("/queue", headers={"Accept-Language": "pt-BR"})).text()
    assert _options(pt, "reason") == [
        "atendimento",
        "conta/login",
        "entrega",
        "preço",
        "reembolso/pagamento",
        "outros",
    ]
    en = await (await desk.client.get("/queue", headers={"Accept-Language": "en"})).text()
    assert _options(en, "reason") == [
        "account/login",
        "delivery",
        "price",
        "refund/payment",
        "support",
        "other",
    ]


def test_languages_read_in_order_with_the_unknown_last() -> None:
    codes = {"lang": ["en", "es", "pt", "und"], "label": ["negative", "neutral", "positive"]}
    assert ordered(codes, PORTUGUESE)["lang"] == ["es", "en", "pt", "und"]  # espanhol, inglês
    assert ordered(codes, ENGLISH)["lang"] == ["en", "pt", "es", "und"]  # English, Portuguese…
    assert ordered(codes, PORTUGUESE)["label"] == codes["label"]  # complaint to praise
    reasons = ordered({"reason": ["support", "account_login", "other"]}, EUROPEAN_PORTUGUESE)
    assert reasons["reason"] == ["support", "account_login", "other"]  # apoio ao cliente first
