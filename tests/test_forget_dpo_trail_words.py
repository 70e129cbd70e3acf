"""The proof of an erasure and of a retention run as the desk words the audit trail, in
English, Brazil's and Portugal's Portuguese: the counts read back, with what was blank
already and the Slack cards; a detail it cannot read is shown as stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mentiondesk.audit_trail import AuditEntry
from mentiondesk.erasure import Erasure
from mentiondesk.erasure_copies import Elsewhere
from mentiondesk.retention import Purge
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, Locale

AFTER_RETENTION = Erasure(
    mentions=2,
    cases=1,
    drafts=1,
    already_blank=1,
    elsewhere=Elsewhere(alerts=(("slack", 1),), cleared=(("slack", 1),)),
)


def line(loc: Locale, action: str, detail: str, actor: str = "cli:dpo") -> str:
    entry = AuditEntry(1, datetime.now(UTC), actor, action, None, None, None, detail)
    return audit_line(loc, entry)


def erased(erasure: Erasure) -> str:
    return f"an author's data was erased on request: {erasure.summary()}"


@pytest.mark.parametrize(
    ("loc", "words"),
    [
        (ENGLISH, "already blank (blanked by the retention), left unchanged: 1 delivered action"),
        (
            PORTUGUESE,
            "já sem texto nem identificadores (eliminados pela política de retenção), sem "
            "alteração: 1 ação entregue",
        ),
        (EUROPEAN_PORTUGUESE, "apagados: 2 menções, 1 caso, 1 rascunho"),
    ],
)
def test_an_erasure_reads_in_the_desks_language(loc: Locale, words: str) -> None:
    said = line(loc, "erase", erased(AFTER_RETENTION))
    assert words in said, said
    assert "erased on request:" not in said or loc is ENGLISH


def test_an_erasure_in_brazil() -> None:
    said = line(PORTUGUESE, "erase", erased(AFTER_RETENTION))
    assert said.startswith("dpo (pelo terminal) eliminou a pedido os dados de uma pessoa: "), said
    assert "registros mantidos sem texto nem identificadores: 0 ações entregues" in said
    assert said.endswith(
        "; Slack: 1 cartão já reescrito pela política de retenção (sem alteração)"
    ), said


def test_a_retention_run_in_brazil() -> None:
    detail = f"older than 365 days, retention erased: {Purge(cases=3, outbox=2, cards=2).summary()}"
    said = line(PORTUGUESE, "purge", detail, actor="retention")
    assert said.startswith("A política de retenção foi aplicada (dados com mais de 365 dias): ")
    assert "3 casos" in said and said.endswith("; Slack: 2 cartões a reescrever (na fila de envio)")


def test_a_detail_it_cannot_read_is_shown_as_stored() -> None:
    assert line(PORTUGUESE, "erase", "an author's data was erased on request: 2 mentions, 1 c") == (
        "dpo (pelo terminal) erase an author's data was erased on request: 2 mentions, 1 c"
    )


def test_an_erasure_and_a_retention_run_in_portugal() -> None:
    said = line(EUROPEAN_PORTUGUESE, "erase", erased(AFTER_RETENTION))
    assert said.startswith("dpo (pelo terminal) apagou a pedido os dados de uma pessoa: "), said
    assert "já sem texto nem identificadores (apagados pela política de conservação)" in said
    detail = f"older than 365 days, retention erased: {Purge(cases=3, outbox=2, cards=2).summary()}"
    said = line(EUROPEAN_PORTUGUESE, "purge", detail, actor="retention")
    assert said.startswith("A política de conservação foi aplicada (dados com mais de 365 dias): ")
    assert "apagados ou mantidos sem texto nem identificadores: 3 casos" in said
