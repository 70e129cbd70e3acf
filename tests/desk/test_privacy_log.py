"""The Privacy log: an admin's page of every erasure on request and every retention run,
newest first, with the time in the desk's zone, who, and the counts in the reader's words;
its CSV for a regulator; refused to the other roles; nothing in it read as markup."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import audit_trail, erasure, queue, retention
from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE
from mentiondesk.web.pages_privacy import PAGE
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9"}
ERASED_AT = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)  # 30 Nov, 22:30 in São Paulo
PURGED_AT = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """A team in São Paulo keeping personal data a year."""
    path = write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"')
    text = path.read_text(encoding="utf-8").replace("[store]\n", "[store]\nretain_days = 365\n")
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def _erase_and_purge(store: Store) -> None:
    """A real erasure by the DPO at the terminal, then the service's daily retention run."""
    add(store, "Where is my parcel?", platform="x", handle="ana_souza", draft=None)
    erasure.erase(store, "x", "ana_souza", by="cli:dpo")
    _, case, _ = add(store, "Old complaint", name="Maria Silva", ago=timedelta(days=400))
    assert case is not None
    queue.close_case(store, case, by="agent", status="resolved")
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(closed_at=CASE.c.opened_at))
    assert retention.purge(store, 365, by=retention.SYSTEM)
    with store.engine.begin() as conn:
        for action, at in ((erasure.ACTION, ERASED_AT), (retention.ACTION, PURGED_AT)):
            conn.execute(sa.update(AUDIT).where(AUDIT.c.action == action).values(at=at))


async def _page(desk: Desk, path: str = "/privacy", **headers: str) -> str:
    response = await desk.client.get(path, headers=headers, allow_redirects=False)
    assert response.status == 200, path
    return await response.text()


async def test_the_admin_reads_erasures_and_runs_newest_first(as_role: Login, store: Store) -> None:
    _erase_and_purge(store)
    page = await _page(await as_role("admin"))
    rows = page[page.index("<tbody>") :]
    purge, erase = rows.index("Retention run (older than 365 days)"), rows.index("Erasure on")
    assert purge < erase  # newest first
    assert "2026-11-30 22:30 UTC\u22123" in rows and "2026-12-02 03:00 UTC\u22123" in rows
    assert "dpo (terminal)" in rows and "the service&#39;s daily run" in rows
    assert "deleted: 1 mention, 1 case, 0 drafts" in rows  # worded, not the stored detail
    assert "an author&#39;s data was erased on request" not in rows
    assert "ana_souza" not in page and "Maria Silva" not in page  # naming nobody
    assert "Recorded: 1 erasure on request and 1 retention run." in page
    assert "erased after 365 days" in page
    assert "blanked or deleted: 1 case, 1 mention, 1 draft" in rows
    assert 'href="/privacy" aria-current="page"' in page  # the admin's navigation
    assert 'href="/privacy.csv"' in page


@pytest.mark.parametrize(
    ("headers", "words"),
    [
        (
            PT_BR,
            [
                "<title>Registro de privacidade",
                "30/11/2026 22:30 UTC\u22123",
                "Eliminação a pedido",
                "dpo (pelo terminal)",
                "a execução diária do serviço",
                "Aplicação da política de retenção (dados com mais de 365 dias)",
                "eliminados: 1 menção",
                "Registrados: 1 eliminação a pedido e 1 aplicação da política de retenção.",
                "registros mantidos sem texto nem identificadores: 0 ações entregues",
                "Política de retenção: os dados pessoais de atendimentos concluídos são "
                "eliminados após 365 dias.",
            ],
        ),
        (
            PT_PT,
            [
                "<title>Registo de privacidade",
                "Apagamento a pedido",
                "Aplicação da política de conservação (dados com mais de 365 dias)",
                "apagados: 1 menção",
                "registos mantidos sem texto nem identificadores: 0 ações entregues",
                "apagados ou mantidos sem texto nem identificadores: 1 caso, 1 menção",
                "Registados: 1 apagamento a pedido e 1 aplicação da política de conservação.",
                "Política de conservação: os dados pessoais de atendimentos concluídos são "
                "apagados após 365 dias.",
            ],
        ),
    ],
)
async def test_the_page_in_portuguese(
    as_role: Login, store: Store, headers: dict[str, str], words: list[str]
) -> None:
    _erase_and_purge(store)
    page = await _page(await as_role("admin"), **headers)
    missing = [w for w in words if w not in page]
    assert not missing, missing
    assert "erased" not in page.partition("<main")[2]  # no English left in the content


async def test_only_admins(as_role: Login, anon: Desk) -> None:
    for role in ("agent", "manager"):
        desk = await as_role(role)
        queue_page = await _page(desk, "/queue")
        assert 'href="/privacy"' not in queue_page  # not in their navigation
        people = await desk.client.get("/people", allow_redirects=False)
        refusal = _main(await people.text())  # the page the other admin pages refuse with
        for path in ("/privacy", "/privacy.csv"):
            response = await desk.client.get(path, allow_redirects=False)
            assert response.status == people.status == 403, (role, path)
            assert _main(await response.text()) == refusal, (role, path)
    response = await anon.client.get("/privacy.csv", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"].startswith("/login?next=")


def _main(page: str) -> str:
    return page.partition("<main")[2].partition("</main>")[0]


async def test_nothing_in_a_line_reads_as_markup(as_role: Login, store: Store) -> None:
    with store.engine.begin() as conn:  # an older release's detail, shown as stored
        audit_trail.write(conn, "cli:<b>x</b>", erasure.ACTION, detail="<script>alert(1)</script>")
    page = await _page(await as_role("admin"))
    assert "<script>alert" not in page and "<b>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;x&lt;/b&gt;" in page


async def test_the_csv_for_a_regulator(as_role: Login, store: Store) -> None:
    _erase_and_purge(store)
    with store.engine.begin() as conn:  # a name a spreadsheet would run as a formula
        audit_trail.write(conn, "=HYPERLINK(1)", retention.ACTION, detail="older than 30 days")
    admin = await as_role("admin")
    response = await admin.client.get("/privacy.csv", headers=PT_BR)
    assert response.status == 200 and response.content_type == "text/csv"
    assert "privacy-log-" in response.headers["Content-Disposition"]
    body = await response.read()
    assert body.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Quando", "Quando (UTC, ISO 8601)", "Quem"]
    assert [r[3] for r in rows[1:]] == [
        "Aplicação da política de retenção",  # its detail not read: shown as stored
        "Aplicação da política de retenção (dados com mais de 365 dias)",
        "Eliminação a pedido",
    ]
    assert rows[1][2] == "'=HYPERLINK(1)" and rows[1][4] == "older than 30 days"
    assert rows[3][0] == "30/11/2026 22:30 UTC\u22123" and rows[3][1] == "2026-12-01T01:30:00Z"
    assert rows[3][4].startswith("eliminados: 1 menção")
    assert rows[3][5].startswith("an author's data was erased on request: 1 mention")


async def test_paged_newest_first(as_role: Login, store: Store) -> None:
    with store.engine.begin() as conn:
        for n in range(PAGE + 1):
            audit_trail.write(conn, f"cli:dpo{n}", erasure.ACTION, detail="x")
    admin = await as_role("admin")
    first = await _page(admin)
    assert first.count("<tr id=") == PAGE and "dpo50 (terminal)" in first
    assert "dpo0 (terminal)" not in first
    older = first.partition('<a href="/privacy?before=')[2].partition('"')[0]
    second = await _page(admin, f"/privacy?before={older}")
    assert second.count("<tr id=") == 1 and "dpo0 (terminal)" in second
    assert "Older lines" not in second and 'href="/privacy">Newest lines' in second
    assert (await _page(admin, "/privacy?before=%C2%B2")).count("<tr id=") == PAGE
