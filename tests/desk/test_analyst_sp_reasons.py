"""The recurring-problems slide of a São Paulo analyst, made each Monday from the dashboard and
`mentiondesk report`: each case under one reason, so the bars add up to the cases with a
complaint; a complaint read without a reason said apart from `other`; page, text, CSV and JSON
telling the same story in en, pt-BR and pt-PT."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.corrections import relabel
from mentiondesk.models import Label
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}


def _seed(store: Store) -> None:
    """Ana's late order, then her refund not made in the same case; Rui's card charged twice;
    Bia's wrong size (a reason read: `other`); Leo's post an agent relabelled as a complaint
    (no reason read)."""
    add(store, "meu pedido não chegou", handle="ana", ago=timedelta(hours=3))
    add(store, "e o estorno também não", handle="ana", reason="refund_payment")
    add(store, "cobraram duas vezes no cartão", handle="rui", reason="refund_payment")
    add(store, "veio o tamanho errado", handle="bia", reason="other")
    leo, _, _ = add(store, "hmm", handle="leo", label="neutral", reason=None, case=False)
    relabel(store, leo, Label.NEGATIVE, by="agent")


def _bars(page: str) -> dict[str, int]:
    """The reasons' bars: name → cases."""
    panel = page.split('aria-label="Motivos de reclamação"', 1)[1].split("</ol>", 1)[0]
    found = re.findall(r'<span class="hlabel">([^<]+)</span>.*?<span class="hvalue">(\d+)', panel)
    return {name: int(n) for name, n in found}


async def test_the_bars_add_up_to_the_cases_with_a_complaint(as_role: Login, store: Store) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7", headers=PT)).text()
    bars = _bars(page)
    # Ana is one case, under her first complaint's reason: not a delivery and a refund too.
    assert bars == {
        "entrega": 1,
        "reembolso/pagamento": 1,
        "outros": 1,
        "sem motivo identificado": 1,
    }
    total = page.split('id="dash-reason-cases">', 1)[1].split("</p>", 1)[0]
    assert total == (
        "4 casos com reclamação neste período, cada um contado uma vez, pelo motivo da "
        "primeira reclamação"
    )
    english = await (await desk.client.get("/dashboard?days=7")).text()
    assert '<span class="hlabel">no reason found</span>' in english
    assert "4 cases with a complaint in this period, each counted once" in english
    # The page's summary sheet says the same: the reasons, then what they add up to.
    sheet = await desk.client.get("/dashboard/summary.csv?days=7", headers=PT)
    rows = list(csv.reader(io.StringIO((await sheet.text()).removeprefix("\ufeff")), delimiter=";"))
    reasons = {r[1]: r[2] for r in rows if r[0] == "Principais motivos de reclamação"}
    assert reasons == {
        "entrega": "1",
        "reembolso/pagamento": "1",
        "outros": "1",
        "sem motivo identificado": "1",
        "Casos com reclamação, cada um contado uma só vez": "4",
    }
    data = await desk.client.get("/dashboard/summary.csv?days=7&format=data")
    assert ["complaint_cases", "", "4"] in list(csv.reader(io.StringIO(await data.text())))


async def test_portugal_reads_the_same_total(as_role: Login, store: Store) -> None:
    add(store, "a encomenda não chegou", handle="rita")
    desk = await as_role("manager")
    page = await (
        await desk.client.get("/dashboard?days=7", headers={"Accept-Language": "pt-PT"})
    ).text()
    total = page.split('id="dash-reason-cases">', 1)[1].split("</p>", 1)[0]
    assert total == (
        "1 caso com reclamação neste período, contado uma vez, pelo motivo da primeira reclamação"
    )


def _report(path: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["--config", str(path), "report", "--days", "7", *args], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_report_counts_as_the_dashboard(tmp_path: Path, db_url: str, store: Store) -> None:
    _seed(store)
    path = write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"')
    data = json.loads(_report(path, "--format", "json"))
    reasons = {r["reason"]: r["cases"] for r in data["complaint_reasons"]}
    assert reasons == {"delivery": 1, "refund_payment": 1, "other": 1, "no_reason": 1}
    assert data["complaint_cases"] == {"cases": 4, "previous_period": 0}
    text = " ".join(_report(path, "--lang", "pt-BR").split())
    assert "sem motivo identificado" in text
    assert "total (cada caso uma vez, pelo motivo da primeira reclamação)" in text
    sheet = _report(path, "--lang", "pt-PT", "--format", "csv").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(sheet), delimiter=";"))
    total = next(r for r in rows if r[1].startswith("total (cada caso"))
    assert total[2] == "4"
