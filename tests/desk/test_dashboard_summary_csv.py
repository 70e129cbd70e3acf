"""The dashboard's summary export (/dashboard/summary.csv): the cards' figures for the period,
as the page shows them, in a sheet of the page's language or the data form; formulas defused."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.case_state import close_case
from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from mentiondesk.web import create_app
from mentiondesk.web.i18n import LOCALES
from mentiondesk.wording import duration, percent, signed
from tests.desk.conftest import Desk
from tests.desk.seed import add, dated_case, write_config

BOM = "\ufeff"
# São Paulo's desk, Monday to Friday 09:00 to 18:00: the business-hours figures too.
HOURS = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }
"""
NOW = datetime.now(UTC).replace(microsecond=0)  # one moment for the page and the export
HOSTILE = ['=HYPERLINK("http://e.x","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=HOURS))


@pytest.fixture
async def desk(config: Config, store: Store) -> AsyncIterator[Desk]:
    server = TestServer(create_app(config, store, clock=lambda: NOW))
    async with server, TestClient(server) as client:
        desk = Desk(client)
        assert await desk.login("manager") == 303
        yield desk


def _seed(store: Store) -> None:
    """12 answered cases (a p90 shows), one resolved, one closed, hostile reasons, a CSAT of
    2 in 3 and an NPS of one promoter and two detractors (-33)."""
    for i in range(12):
        opened = NOW - timedelta(days=3, hours=i)
        dated_case(store, opened, opened + timedelta(minutes=7 * i + 1), ingested=True)
    cases = [add(store, "late again", reason=name, draft=None)[1] for name in HOSTILE]
    assert all(cases)
    close_case(store, cases[0] or 0, by="manager", status="resolved")
    close_case(store, cases[1] or 0, by="manager")
    answers = [("csat", 5), ("csat", 4), ("csat", 1), ("nps", 10), ("nps", 3), ("nps", 6)]
    with store.engine.begin() as conn:
        conn.execute(
            sa.insert(SURVEY),
            [
                {"case_id": cases[i % 4], "kind": kind, "score": score, "answered_at": NOW}
                for i, (kind, score) in enumerate(answers)
            ],
        )


async def _sheet(desk: Desk, lang: str, query: str = "") -> list[list[str]]:
    response = await desk.client.get(
        f"/dashboard/summary.csv?days=30{query}", headers={"Accept-Language": lang}
    )
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "mentiondesk-summary-30d.csv" in response.headers["Content-Disposition"]
    text = (await response.read()).decode("utf-8")
    if "format=data" in query:
        assert not text.startswith(BOM)
        return list(csv.reader(io.StringIO(text)))
    assert text.startswith(BOM)  # Excel reads the accents as UTF-8
    delimiter = "," if lang == "en" else ";"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


async def _cards(desk: Desk, lang: str) -> dict[str, str]:
    page = await (
        await desk.client.get("/dashboard?days=30", headers={"Accept-Language": lang})
    ).text()
    found = re.findall(r'<b id="(dash-[\w-]+)"[^>]*>(.*?)</b>', page, re.S)
    return {key: html.unescape(re.sub(r"<[^>]+>", "", value)).strip() for key, value in found}


def _seconds(clock: str) -> int:
    h, m, s = map(int, clock.split(":"))
    return h * 3600 + m * 60 + s


@pytest.mark.parametrize("lang", ["pt-BR", "pt-PT", "en"])
async def test_the_sheet_says_what_the_cards_say(desk: Desk, store: Store, lang: str) -> None:
    _seed(store)
    loc = LOCALES[lang]
    cards, rows = await _cards(desk, lang), await _sheet(desk, lang)
    assert rows[0] == [loc.t("Section"), loc.t("Figure"), loc.t("Value"), loc.t("Notes")]
    value = {figure: cell for _, figure, cell, _ in rows[1:]}
    assert value[loc.t("Mentions")] == cards["dash-mentions"] == "16"
    # A wait h:mm:ss, rounded as the card rounds it: the card's words from the sheet's value.
    for figure, card in [
        ("Median first response", "dash-frt-p50"),
        ("First response (p90)", "dash-frt-p90"),
        ("Median first response, in business hours", "dash-frt-p50-business"),
        ("First response (p90), in business hours", "dash-frt-p90-business"),
    ]:
        shown = value[loc.t(figure)]
        assert re.fullmatch(r"\d+:\d\d:\d\d", shown), shown
        wait = loc.duration(_seconds(shown), days="business" not in card)
        assert wait == cards[card], (figure, shown)
    assert value[loc.t("Resolution rate")] == "7%"  # 1 resolved of the 15 that needed it
    assert value[loc.t("CSAT (4–5 of 5)")] == "67%"
    for figure, card in [("Resolution rate", "dash-resolution"), ("CSAT (4–5 of 5)", "dash-csat")]:
        assert value[loc.t(figure)] == cards[card].replace("\u00a0", "").replace(" ", "")
    assert value[loc.t("NPS")] == "-33" and cards["dash-nps"] == "-33"  # a number, not "'-33"
    # The reasons, in the page's words, each a text cell that no spreadsheet runs.
    reasons = {r[1]: r[2] for r in rows if r[0] == loc.t("Top complaint reasons")}
    # Then what they add up to, each case under one reason, as the page's line under the bars.
    total = reasons.pop(loc.t("Cases with a complaint, each under one reason"))
    assert reasons == {loc.word("reason", "delivery"): "12", **{"'" + n: "1" for n in HOSTILE}}
    assert total == str(12 + len(HOSTILE))


async def test_the_data_form_is_raw_and_agrees_with_the_page(desk: Desk, store: Store) -> None:
    _seed(store)
    cards = await _cards(desk, "en")
    rows = await _sheet(desk, "pt-BR", "&format=data")  # whatever the page's language
    assert rows[0] == ["figure", "reason", "value"]
    value = {figure: cell for figure, reason, cell in rows[1:] if not reason}
    assert value["period_days"] == "30" and value["timezone"] == "America/Sao_Paulo"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", value["period_first_day"])
    assert value["computed_at"] == NOW.isoformat()
    assert value["mentions"] == cards["dash-mentions"]
    p50, p90 = (
        float(value["first_response_p50_seconds"]),
        float(value["first_response_p90_seconds"]),
    )
    assert (duration(p50), duration(p90)) == (cards["dash-frt-p50"], cards["dash-frt-p90"])
    business = float(value["first_response_business_p50_seconds"])
    assert duration(business, days=False) == cards["dash-frt-p50-business"]
    assert float(value["first_response_mean_seconds"]) > 0
    assert percent(float(value["resolution_rate_percent"])) == cards["dash-resolution"]
    assert value["csat_percent"] == "66.666667"  # dots, never a decimal comma
    assert percent(float(value["csat_percent"])) == cards["dash-csat"]
    assert signed(float(value["nps"])) == cards["dash-nps"] == "-33"
    assert value["nps"] == "-33.333333"  # a number for scripts: not quoted as a formula
    reasons = {reason: cell for figure, reason, cell in rows if figure == "complaint_reason_cases"}
    assert reasons == {"delivery": "12", **{"'" + name: "1" for name in HOSTILE}}


@pytest.mark.parametrize("lang", ["pt-BR", "en"])
async def test_a_period_with_nothing_to_reckon_says_why(desk: Desk, lang: str) -> None:
    loc = LOCALES[lang]
    cards, rows = await _cards(desk, lang), await _sheet(desk, lang)
    said = {figure: (cell, note) for _, figure, cell, note in rows[1:]}
    nothing = loc.t("no case answered yet")
    assert said[loc.t("Median first response")] == ("", nothing) == ("", cards["dash-frt-p50"])
    assert said[loc.t("First response (p90)")] == ("", nothing)
    assert loc.t("Median first response, in business hours") not in said  # as the card: none
    no_cases = loc.t("no cases yet in this period")
    assert said[loc.t("Resolution rate")] == ("", no_cases) == ("", cards["dash-resolution"])
    no_answers = loc.t("no answers yet in this period")
    assert said[loc.t("CSAT (4–5 of 5)")] == ("", no_answers) == ("", cards["dash-csat"])
    assert said[loc.t("NPS")] == ("", no_answers) == ("", cards["dash-nps"])
    assert said[loc.t("Mentions")] == ("0", "")
    data = await _sheet(desk, lang, "&format=data")
    value = {figure: cell for figure, _, cell in data[1:]}
    assert value["first_response_p50_seconds"] == value["csat_percent"] == value["nps"] == ""
    assert value["first_response_answered"] == value["cases_opened"] == "0"


async def test_too_few_answers_give_no_p90_as_the_card(desk: Desk, store: Store) -> None:
    opened = NOW - timedelta(days=2)
    dated_case(store, opened, opened + timedelta(minutes=30), ingested=True)
    cards, rows = await _cards(desk, "pt-BR"), await _sheet(desk, "pt-BR")
    said = {figure: (cell, note) for _, figure, cell, note in rows[1:]}
    assert said["Tempo de 1ª resposta (p90)"] == ("", "poucas respostas")
    assert "Tempo de 1ª resposta (p90), em horário comercial" not in said
    assert (
        said["Tempo de 1ª resposta (mediana)"][0] == "0:30:00" and cards["dash-frt-p50"] == "30 min"
    )
    data = await _sheet(desk, "pt-BR", "&format=data")
    value = {figure: cell for figure, _, cell in data[1:]}
    assert (
        value["first_response_p90_seconds"] == ""
        and value["first_response_p50_seconds"] == "1800.0"
    )


async def test_the_link_sits_beside_the_daily_export(desk: Desk) -> None:
    for lang, name in [
        ("en", "Summary (CSV)"),
        ("pt-BR", "Resumo (CSV)"),
        ("pt-PT", "Resumo (CSV)"),
    ]:
        page = await (
            await desk.client.get("/dashboard?days=7", headers={"Accept-Language": lang})
        ).text()
        assert 'href="/dashboard.csv?days=7"' in page
        assert re.search(rf'href="/dashboard/summary.csv\?days=7"[^>]*>{re.escape(name)}</a>', page)


async def test_an_agent_gets_no_summary(as_role: object, store: Store) -> None:
    agent = await as_role("agent")  # type: ignore[operator]
    response = await agent.client.get("/dashboard/summary.csv", allow_redirects=False)
    assert response.status in (303, 403)


async def test_a_reason_notes_its_change_as_the_chart_does(desk: Desk, store: Store) -> None:
    dated_case(store, NOW - timedelta(days=40), ingested=True)  # the previous 30 days
    for days in (2, 3):
        dated_case(store, NOW - timedelta(days=days), ingested=True)
    page = await (
        await desk.client.get("/dashboard?days=30", headers={"Accept-Language": "pt-BR"})
    ).text()
    rows = await _sheet(desk, "pt-BR")
    said = [r for r in rows if r[0] == "Principais motivos de reclamação"]
    assert said == [
        ["Principais motivos de reclamação", "entrega", "2", "período anterior: 1 (+100%)"],
        [
            "Principais motivos de reclamação",
            "Casos com reclamação, cada um contado uma só vez",
            "2",
            "período anterior: 1 (+100%)",
        ],
    ]
    assert "+100% em relação ao período anterior" in page
