"""A returning customer's ticket lists their earlier resolved cases, as the draft templates'
`{{ past_cases }}` knows them: an agent who works in the help desk alone sees that Ann
complained twice before and finds those tickets by their numbers. Closed cases (spam, a
mistake) are left out, as the templates leave them out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.case_state import close_case
from mentiondesk.config import OutboxSection
from mentiondesk.decisions import OutboxPlan
from mentiondesk.models import OutboxAction
from mentiondesk.outbox_claim import claim
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from responders._helpdesk import html_body, text_body
from tests.responders._data import seed

ZONE = "America/Sao_Paulo"
RESOLVED = datetime(2026, 10, 2, 17, 0, tzinfo=UTC)  # 14:00 in São Paulo


def _resolved_case(store: Store, external_id: str, when: datetime) -> int:
    case = seed(store, external_id, alert_to="console")
    close_case(store, case.case_id, by="ana", status="resolved")
    with store.engine.begin() as conn:  # resolved on a day the test names
        conn.execute(sa.update(CASE).where(CASE.c.id == case.case_id).values(closed_at=when))
    return case.case_id


def _ticket(store: Store) -> OutboxAction:
    soon = datetime.now(UTC) + timedelta(minutes=1)
    claimed = claim(store, OutboxSection(), soon, None, None, None)
    [ticket] = [c.action for c in claimed if c.action.kind == "ticket"]
    return ticket


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Earlier cases: MD-000002 (resolved 2026-10-03 17:00 UTC), MD-000001 ("),
        ("pt-BR", "Casos anteriores: MD-000002 (resolvido em 03/10/2026 14:00 UTC−3), MD-000001"),
        ("pt-PT", "Casos anteriores: MD-000002 (resolvido em 03/10/2026 14:00 UTC−3), MD-000001"),
    ],
)
def test_a_returning_customers_ticket_lists_their_resolved_cases(
    store: Store, language: str, said: str
) -> None:
    _resolved_case(store, "m1", RESOLVED)
    _resolved_case(store, "m2", RESOLVED + timedelta(days=1))
    spam = seed(store, "m3", alert_to="console")
    close_case(store, spam.case_id, by="ana")  # closed, not resolved: not listed
    seed(store, "m4", plan=OutboxPlan("ticket", "zd", "complaint"))
    body = text_body(_ticket(store), wording_for(language, ZONE))
    assert said in body
    assert "MD-000003" not in body


def test_more_than_five_are_counted(store: Store) -> None:
    for n in range(7):
        _resolved_case(store, f"m{n}", RESOLVED + timedelta(days=n))
    seed(store, "m9", plan=OutboxPlan("ticket", "zd", "complaint"))
    body = text_body(_ticket(store), wording_for("pt-BR", ZONE))
    assert "MD-000007 (resolvido em" in body and "MD-000003 (resolvido em" in body
    assert "MD-000002" not in body and ", … e mais 2" in body


def test_a_first_timer_s_ticket_lists_none(store: Store) -> None:
    seed(store, "m1", plan=OutboxPlan("ticket", "zd", "complaint"))
    html = html_body(_ticket(store), wording_for("pt-BR", ZONE))
    assert "Casos anteriores" not in html
