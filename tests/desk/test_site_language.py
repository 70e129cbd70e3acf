"""`[desk] language`: the site's language, used where a person has not chosen one with the
switch (its cookie), before the browser's Accept-Language (without it the browser decides:
test_i18n.py)."""

from __future__ import annotations

from pathlib import Path

from mentiondesk.config_desk import DESK_LANGUAGES
from mentiondesk.store import Store
from mentiondesk.web.i18n import LOCALES
from tests.desk.conftest import Client, desk_client

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}
BRAZILIAN_BROWSER = {"Accept-Language": "pt-BR,pt;q=0.9"}


async def _login_page(client: Client, headers: dict[str, str]) -> str:
    response = await client.get("/login", headers=headers)
    assert response.status == 200
    return await response.text()


async def test_the_setting_wins_over_an_english_browser(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    async with desk_client(tmp_path, db_url, store, 'language = "pt-BR"') as client:
        page = await _login_page(client, ENGLISH_BROWSER)
    assert '<html lang="pt-BR">' in page and "Senha" in page


async def test_the_setting_wins_over_another_portuguese_browser(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    async with desk_client(tmp_path, db_url, store, 'language = "pt-PT"') as client:
        page = await _login_page(client, BRAZILIAN_BROWSER)
    assert '<html lang="pt-PT">' in page and "Palavra-passe" in page


async def test_the_persons_own_switch_wins_over_the_setting(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    async with desk_client(tmp_path, db_url, store, 'language = "pt-BR"') as client:
        assert '<html lang="pt-BR">' in await _login_page(client, BRAZILIAN_BROWSER)
        switched = await client.get("/lang/en?next=/login", allow_redirects=False)
        assert switched.cookies["md_lang"].value == "en"
        page = await _login_page(client, BRAZILIAN_BROWSER)
    assert '<html lang="en">' in page and "Password" in page


def test_the_setting_offers_the_languages_the_desk_speaks() -> None:
    assert sorted(DESK_LANGUAGES) == sorted(LOCALES)
