"""pt-PT names the help desk as Portuguese support teams do ("apoio ao cliente", its ticket a
"pedido de apoio"): no English "help desk" or "ticket" left in a text the locale shows."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add
from tests.desk.test_i18n_pt_pt import PT_PT, _shown

Login = Callable[[str], Awaitable[Desk]]
# "routing.ticket" is a config key, kept as written.
_ENGLISH = re.compile(r"\bhelp[ -]desk\b|(?<![.\w])tickets?\b", re.IGNORECASE)


def test_no_text_says_help_desk_or_ticket_in_english() -> None:
    found = [t for t in _shown() if _ENGLISH.search(t)]
    assert not found, found
    assert EUROPEAN_PORTUGUESE.t("Escalate to help desk") == "Encaminhar para o apoio ao cliente"


async def test_the_case_page_names_the_ticket_in_portugals_words(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Onde está a minha encomenda?")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers=PT_PT)).text()
    assert "<dt>Pedido de apoio</dt>" in page and "<dt>Ticket</dt>" not in page
