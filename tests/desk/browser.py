"""The desk in Chromium: served from its own thread and event loop for Playwright's (synchronous)
browser, a month of seeded mentions, logging in, screenshots."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
import sqlalchemy as sa
from aiohttp import web
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from mentiondesk.web import serve
from mentiondesk.web.users import Role, add_user
from tests.desk.seed import PASSWORD, add

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "screenshots"

# How many lines an element's text is laid out on: the distinct tops of its text's boxes.
TEXT_LINES = """e => {
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), tops = new Set();
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const r = document.createRange(); r.selectNodeContents(n);
        for (const b of r.getClientRects()) if (b.width > 0) tops.add(Math.round(b.top));
    }
    return tops.size; }"""
# How far a case-number box's example, typed, overflows the box (scrollWidth grows past it:
# the placeholder is clipped); the typed value is put back after.
TYPED_EXAMPLE_OVERFLOW = """box => {
    const typed = box.value;
    box.value = box.placeholder;
    const over = box.scrollWidth - box.clientWidth;
    box.value = typed;
    return over;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(app: web.Application) -> Iterator[str]:
    """Serve `app` on a free port in a thread with its own loop (Playwright's sync API
    already runs a loop in the main thread); yield its base URL."""
    port, loop = free_port(), asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    runner = asyncio.run_coroutine_threadsafe(serve(app, "127.0.0.1", port), loop).result(10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def backdrop(store: Store) -> None:
    """A month of varied mentions so the pages look like a working day."""
    texts = [
        ("My order #4411 still hasn't arrived after 12 days. Nobody answers.", "negative"),
        ("The lamp flickers since the update, any fix?", "neutral"),
        ("Lumora support sorted my refund in 10 minutes. Impressed!", "positive"),
        ("Charged twice for the same subscription. Want my money back.", "negative"),
        ("¿Cuándo llega el envío? Llevo una semana esperando", "negative"),
    ]
    platforms = ["x", "bluesky", "mastodon", "reddit"]
    reasons = ["delivery", "product", None, "billing", "delivery"]
    for i in range(40):
        text, label = texts[i % len(texts)]
        add(
            store,
            text,
            label=label,
            platform=platforms[i % 4],
            handle=f"user{i % 13}",
            reason=reasons[i % len(reasons)] if label == "negative" else None,
            frustration=i % 4 if label == "negative" else 0,
            priority=i % 3,
            case=label == "negative" and i % 2 == 0,
            draft=None if i % 5 == 2 else "Hi {name}, sorry about this. Could you DM us?",
            ago=timedelta(days=i % 28, hours=i % 7),
        )
    with store.engine.begin() as conn:
        answers = [("csat", s) for s in (5, 4, 4, 2, 5)] + [("nps", s) for s in (10, 9, 6, 8)]
        stamp = datetime.now(UTC) - timedelta(days=1)
        conn.execute(
            sa.insert(SURVEY), [{"kind": k, "score": s, "answered_at": stamp} for k, s in answers]
        )


Lang = Literal["en", "pt-BR", "pt-PT"]  # the languages the desk speaks

# The login form's words in each language: the name and password labels and the button.
LOGIN_WORDS: dict[Lang, tuple[str, str, str]] = {
    "en": ("Name", "Password", "Log in"),
    "pt-BR": ("Nome", "Senha", "Entrar"),
    "pt-PT": ("Nome", "Palavra-passe", "Iniciar sessão"),
}


def login(page: Page, url: str, name: str, lang: Lang = "en", *, keyboard: bool = False) -> None:
    """Sign in as `name` through the login form the queue sends a stranger to, on a page whose
    browser asks for `lang` (the page must say so); `keyboard` presses the button with Enter."""
    name_label, password_label, button = LOGIN_WORDS[lang]
    page.goto(f"{url}/queue")
    expect(page).to_have_url(f"{url}/login?next=/queue")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.get_by_label(name_label).fill(name)
    page.get_by_label(password_label).fill(PASSWORD)
    submit = page.get_by_role("button", name=button)
    if keyboard:
        submit.press("Enter")
    else:
        submit.click()
    expect(page).to_have_url(f"{url}/queue")


@pytest.fixture(params=[(390, 844), (1280, 900)], ids=["phone", "desktop"])
def page_pt(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """On a phone and a desktop: a page whose browser asks for Brazilian Portuguese
    (Accept-Language: pt-BR)."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="pt-BR")
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@contextmanager
def saved_replies_desk(folder: Path, saved_toml: str, *roles: Role) -> Iterator[tuple[str, Store]]:
    """A desk whose `[desk] saved_replies` file holds `saved_toml`, with a login for each of
    `roles` (named after the role), served for a browser; its URL and store."""
    from mentiondesk.config import load_config
    from tests.desk.conftest import desk_app  # here: the conftest imports this module
    from tests.desk.seed import write_config

    path = write_config(folder, f"sqlite:///{folder / 'desk.db'}")
    (folder / "saved.toml").write_text(saved_toml, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\nsaved_replies = "saved.toml"\n')
    config = load_config(path)
    store = Store(config.store_url())
    store.create_all()
    for role in roles:
        add_user(store, role.title, role=role, password=PASSWORD, by="test")
    try:
        with served(desk_app(config, store)) as url:
            yield url, store
    finally:
        store.dispose()
