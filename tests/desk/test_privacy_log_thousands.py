"""The Privacy log with counts in thousands, as a year's first retention run or a prolific
author's erasure makes them: the stored line writes "1,234 mentions", which the desk did not
read, so a DPO in São Paulo or Lisbon got the raw English detail in the Counts column; and an
erasure's line too long for the trail is stored compact (erasure_audit), read back in words."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk import audit_trail, erasure, retention
from mentiondesk.erasure_copies import Elsewhere
from mentiondesk.retention import Purge
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.test_erasure_audit_counts import big

Login = Callable[[str], Awaitable[Desk]]
RUN = Purge(cases=1_234, mentions=12_345, drafts=1_000, outbox=2_001, authors=4_321, cards=1_500)
ERASED = big(1_234)
# (Accept-Language, the run's counts, the erasure's last counts), in each variant's words.
SAID = [
    (
        "pt-BR,pt;q=0.9",
        "eliminados ou mantidos sem texto nem identificadores: 1.234 casos, 12.345 menções, "
        "1.000 rascunhos, 2.001 ações entregues, 0 notas",
        "1.248 cartões já reescritos pela política de retenção (sem alteração)",
    ),
    (
        "pt-PT,pt;q=0.9",
        "apagados ou mantidos sem texto nem identificadores: 1234 casos, 12\u00a0345 menções, "
        "1000 rascunhos, 2001 ações entregues, 0 notas",
        "1248 cartões já reescritos pela política de conservação (sem alteração)",
    ),
]


def _write(store: Store) -> None:
    with store.engine.begin() as conn:
        audit_trail.write(conn, "cli:dpo", erasure.ACTION, detail=ERASED.audit_detail())
        detail = f"older than 365 days, retention erased: {RUN.summary()}"
        audit_trail.write(conn, retention.SYSTEM, retention.ACTION, detail=detail)


@pytest.mark.parametrize(("language", "run", "cards"), SAID, ids=["pt-BR", "pt-PT"])
async def test_thousands_are_read_in_the_readers_words(
    as_role: Login, store: Store, language: str, run: str, cards: str
) -> None:
    _write(store)
    admin = await as_role("admin")
    response = await admin.client.get("/privacy.csv", headers={"Accept-Language": language})
    assert response.status == 200
    text = (await response.read()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    purge, erase = rows
    assert purge[4].startswith(run), purge[4]  # worded, not the stored English
    assert purge[4].endswith("cartões a reescrever (na fila de envio)")
    assert "retention erased: 1,234 cases" in purge[5]  # the detail kept as stored beside it
    assert erase[4].endswith(cards), erase[4]  # the erasure's last count, not cut
    assert erase[5] == ERASED.audit_detail() and "cleared=1248" in erase[5]
    page = await admin.client.get("/privacy", headers={"Accept-Language": language})
    html = await page.text()
    assert run.split(": ", 1)[1][:40] in html and "retention erased" not in html


def test_the_run_is_short_enough_for_the_trail() -> None:
    """The retention's line is never cut (it is written whole): a trillion of each fits."""
    n = 10**12
    huge = Purge(*(n,) * 10)
    assert len(f"older than 36500 days, retention erased: {huge.summary()}") <= 512
    assert Elsewhere().slack() == ""
