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

import sqlalchemy as sa
from aiohttp import web
from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from mentiondesk.web import serve
from mentiondesk.web.users import Role, add_user
from tests.desk.seed import PASSWORD, add

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "screenshots"


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


def login(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/queue")
    expect(page).to_have_url(f"{url}/login?next=/queue")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{url}/queue")


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


def login_pt_pt(page: Page, url: str, name: str = "agent") -> None:
    """Sign in as `name` on a page whose browser asks for pt-PT, through the login form."""
    page.goto(f"{url}/queue")
    expect(page.locator("html")).to_have_attribute("lang", "pt-PT")
    page.get_by_label("Nome").fill(name)
    page.get_by_label("Palavra-passe").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sessão").click()
    expect(page).to_have_url(f"{url}/queue")
