"""The queue's filter menus in the reader's order: by the words the page shows, not by the
stored codes. Sorted by code, pt-BR's reasons read "conta/login, entrega, outros, preço, …,
reembolso/pagamento, atendimento": "atendimento" last and the catch-all in the middle."""

from __future__ import annotations

from collections.abc import Mapping

from mentiondesk.models import strip_accents
from mentiondesk.web.i18n import Locale

# Menus whose options are stored codes shown as words, each with its catch-all, kept last.
_WORDED = {"reason": "other", "lang": "und"}


def _key(word: str) -> str:
    """`word` as a reader looks it up: case and accents aside ("área" before "arquivo")."""
    return strip_accents(word.casefold())


def ordered(values: Mapping[str, list[str]], loc: Locale) -> dict[str, list[str]]:
    """`values` (menu → codes) with the worded menus sorted by `loc`'s words, the catch-all
    ("other", "und") last; the other menus as they come (platforms and people by name, the
    sentiments from complaint to praise). A copy: `values` may be the cached one."""
    return {menu: _sorted(menu, codes, loc) for menu, codes in values.items()}


def _sorted(menu: str, codes: list[str], loc: Locale) -> list[str]:
    if menu not in _WORDED:
        return list(codes)
    last = _WORDED[menu]
    return sorted(codes, key=lambda code: (code == last, _key(loc.word(menu, code))))
