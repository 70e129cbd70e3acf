"""In the browser: the dashboard's "Summary (CSV)" link beside the daily export, named in the
page's language, and what it downloads is the sheet for that language's spreadsheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from mentiondesk.store import Store
from tests.desk.browser import Lang, login

NAMES: dict[Lang, tuple[str, str]] = {
    "en": ("Summary (CSV)", "Section,Figure,Value,Notes"),
    "pt-BR": ("Resumo (CSV)", "Seção;Indicador;Valor;Observações"),
    "pt-PT": ("Resumo (CSV)", "Secção;Indicador;Valor;Observações"),
}


@pytest.mark.parametrize("lang", list(NAMES))
def test_the_summary_link_downloads_the_cards(
    browser: Browser, world: tuple[str, Store], lang: Lang, tmp_path: Path
) -> None:
    url, _ = world
    name, header = NAMES[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    try:
        page = context.new_page()
        login(page, url, "manager", lang)
        page.goto(f"{url}/dashboard?days=30")
        link = page.locator("nav.periods a#dash-summary-csv")
        expect(link).to_have_text(name)
        expect(link).to_have_attribute("href", "/dashboard/summary.csv?days=30")
        expect(page.locator("nav.periods a[href='/dashboard.csv?days=30']")).to_be_visible()
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / "summary.csv"
        download.value.save_as(saved)
        assert download.value.suggested_filename == "mentiondesk-summary-30d.csv"
        assert saved.read_text("utf-8-sig").splitlines()[0] == header
    finally:
        context.close()
