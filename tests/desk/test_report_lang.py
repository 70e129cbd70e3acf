"""`mentiondesk report --lang`: the Monday numbers in the desk's languages, for a director who
reads Portuguese: `[desk] language` by default, the trade's words, 30/11/2026, stable JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.queue import close_case
from mentiondesk.store import Store
from mentiondesk.tables import CASE, SURVEY
from tests.desk.seed import add, write_config


def _report(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--config", str(path), "report", *args], env={"COLUMNS": "200"}
    )
    return result.exit_code, " ".join(result.output.split())


def _seed(store: Store) -> None:
    """Two cases answered in 2 and 4 minutes, one closed and one resolved, a third waiting (a
    support complaint), and five survey answers."""
    _, closed, _ = add(store, "parcel lost", ago=timedelta(days=3))
    _, resolved, _ = add(store, "no refund", reason="refund_payment", ago=timedelta(days=2))
    add(store, "nobody answers", reason="support", topics=("support",), ago=timedelta(hours=5))
    with store.engine.begin() as conn:
        for case, minutes in ((closed, 2), (resolved, 4)):
            opened: datetime = conn.execute(
                sa.select(CASE.c.opened_at).where(CASE.c.id == case)
            ).scalar_one()
            reply = opened + timedelta(minutes=minutes)
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=reply))
        answers = [("csat", 5), ("csat", 2), ("nps", 10), ("nps", 9), ("nps", 3)]
        conn.execute(sa.insert(SURVEY), [{"kind": k, "score": s} for k, s in answers])
    assert closed is not None and resolved is not None
    close_case(store, closed, by="manager")
    close_case(store, resolved, by="manager", status="resolved")


@pytest.fixture
def desk_pt(tmp_path: Path, db_url: str, store: Store) -> Path:
    """The config of a São Paulo desk that speaks pt-BR, on the seeded store."""
    _seed(store)
    zone = 'timezone = "America/Sao_Paulo"\nlanguage = "pt-BR"'
    return write_config(tmp_path, db_url, desk=zone)


def test_the_report_speaks_the_desks_language_by_default(desk_pt: Path) -> None:
    code, text = _report(desk_pt, "--days", "7")
    assert code == 0, text
    today = datetime.now(ZoneInfo("America/Sao_Paulo")).date()
    first = today - timedelta(days=6)
    assert "Relatório do mentiondesk · últimos 7 dias" in text
    assert f"{first:%d/%m/%Y} – {today:%d/%m/%Y}, 7 dias, fuso horário America/Sao_Paulo" in text
    assert "1ª resposta: mediana (p50) │ 3 min │ 2 casos respondidos" in text
    assert "TMR (tempo médio de 1ª resposta) │ 3 min │" in text
    assert "taxa de resolução │ 50% │ 1 de 2 casos que precisavam de solução" in text
    assert "CSAT (4–5 de 5) │ 50% │ 2 respostas · amostra pequena" in text
    assert "NPS │ +33 │ 3 respostas · amostra pequena" in text
    assert "Problemas recorrentes (casos por motivo)" in text
    assert "│ reembolso/pagamento │ 1 │ 0 │ — │" in text and "│ atendimento │ 1 │" in text
    assert "aguardando resposta │ 1 │" in text and "chamados abertos │ 0 │" in text


def test_lisbon_asks_for_portugals_words(desk_pt: Path) -> None:
    code, text = _report(desk_pt, "--days", "7", "--lang", "pt-PT")
    assert code == 0, text
    assert "à espera de resposta │ 1 │" in text and "pedidos de apoio abertos │ 0 │" in text
    assert "│ apoio ao cliente │ 1 │" in text and "assunto: apoio ao cliente" in text
    assert "aguardando" not in text and "chamados" not in text


@pytest.mark.parametrize("lang", ["en", "EN", "En"])
def test_english_on_a_portuguese_desk(desk_pt: Path, lang: str) -> None:
    code, text = _report(desk_pt, "--days", "7", "--lang", lang)
    assert code == 0, text
    assert "mentiondesk report · last 7 days" in text
    assert "resolution rate │ 50% │ 1 of 2 cases that needed one" in text


def test_json_keeps_its_english_keys_and_numbers_in_any_language(desk_pt: Path) -> None:
    outputs = [_report(desk_pt, "--format", "json", "--lang", lang) for lang in ("pt-PT", "en")]
    assert outputs[0][0] == outputs[1][0] == 0
    portuguese, english = (json.loads(text) for _, text in outputs)
    assert portuguese == english
    assert portuguese["complaint_reasons"][0]["reason"] in ("delivery", "refund_payment")


@pytest.mark.parametrize("spelled", ["pt_br", "PT-br", "pt"])
def test_lang_is_spelled_as_the_desk_takes_it(desk_pt: Path, spelled: str) -> None:
    code, text = _report(desk_pt, "--days", "7", "--lang", spelled)
    assert code == 0 and "taxa de resolução" in text, text


def test_a_language_the_desk_does_not_speak_is_refused(desk_pt: Path) -> None:
    code, text = _report(desk_pt, "--lang", "es")
    assert code == 2 and "'es' is not a language the desk speaks" in text, text


def test_a_desk_with_no_language_reports_in_english(config: Config, store: Store) -> None:
    code, text = _report(config.path, "--days", "7")
    assert code == 0 and "mentiondesk report · last 7 days" in text, text


def test_help_names_the_languages_and_the_default(config: Config) -> None:
    code, text = _report(config.path, "--help")
    assert code == 0 and "--lang <en|pt-BR|pt-PT>" in text, text
    assert "(default [desk] language, as the desk; else en)" in text and "\\[" not in text


def _raw(path: Path, *args: str) -> tuple[int, str]:
    """The report's output as printed, its lines and spaces kept."""
    result = CliRunner().invoke(cli, ["--config", str(path), "report", *args])
    return result.exit_code, result.output


def test_csv_is_a_row_per_figure_for_a_portuguese_spreadsheet(desk_pt: Path) -> None:
    code, output = _raw(desk_pt, "--days", "7", "--format", "csv")
    assert code == 0 and output.startswith("\ufeffseção;indicador;valor;observação\n"), output
    rows = list(csv.reader(io.StringIO(output.removeprefix("\ufeff")), delimiter=";"))
    today = datetime.now(ZoneInfo("America/Sao_Paulo")).date()
    first = ["Período", "primeiro dia", f"{today - timedelta(days=6):%Y-%m-%d}"]
    assert [*first, "Relatório do mentiondesk · últimos 7 dias"] in rows
    service = "Nível de serviço"
    assert [service, "1ª resposta: mediana (p50)", "0:03:00", "2 casos respondidos"] in rows
    assert [
        service,
        "1ª resposta: p90",
        "",
        "2 casos respondidos; poucos para um p90 (aparece a partir de 10)",
    ] in rows
    assert [service, "NPS", "33", "3 respostas · amostra pequena"] in rows
    assert [service, "taxa de resolução", "50%", "1 de 2 casos que precisavam de solução"] in rows
    reasons = "Problemas recorrentes (casos por motivo)"
    assert [reasons, "reembolso/pagamento", "1", "período anterior: 0"] in rows
    assert {len(row) for row in rows} == {4}


def test_csv_in_english_is_comma_separated_and_lisbon_writes_seccao(desk_pt: Path) -> None:
    code, output = _raw(desk_pt, "--days", "7", "--format", "CSV", "--lang", "en")
    assert code == 0 and output.startswith("\ufeffsection,figure,value,note\n"), output
    assert "Service,first response p50,0:03:00,2 answered\n" in output
    code, output = _raw(desk_pt, "--days", "7", "-f", "csv", "--lang", "pt-PT")
    assert code == 0 and output.startswith("\ufeffsecção;indicador;valor;observação\n"), output
    assert "Nível de serviço;à espera de resposta;1;abertos, sem resposta\n" in output


def test_plain_pastes_into_an_email_with_no_box(desk_pt: Path) -> None:
    code, output = _raw(desk_pt, "--days", "7", "--format", "plain")
    assert code == 0 and not set("│┃┌┏━─") & set(output), output
    assert output.startswith("Relatório do mentiondesk · últimos 7 dias\n")
    assert re.search(
        r"^  taxa de resolução +50%   1 de 2 casos que precisavam de solução$", output, re.M
    )
    assert re.search(r"^  motivo +casos +período anterior +variação$", output, re.M)
    service = output.split("Nível de serviço\n")[1].split("\n\n")[0].splitlines()
    assert len({line.rindex("   ") for line in service}) == 1, service  # values line up


def test_since_takes_the_day_as_brazil_and_portugal_write_it(desk_pt: Path) -> None:
    day = datetime.now(ZoneInfo("America/Sao_Paulo")).date() - timedelta(days=3)
    iso = json.loads(_raw(desk_pt, "--since", day.isoformat(), "--format", "json")[1])
    for written in (f"{day:%d/%m/%Y}", f"{day:%d-%m-%Y}", f"{day.day}/{day.month}/{day.year}"):
        code, output = _raw(desk_pt, "--since", written, "--format", "json")
        assert code == 0 and json.loads(output)["period"] == iso["period"], output
    code, output = _raw(desk_pt, "--since", f"{day:%d/%m/%Y}")
    assert code == 0 and f"{day:%d/%m/%Y} – " in output, output
