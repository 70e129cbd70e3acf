"""Desk fixtures: a seeded store, the desk app on a test server, logged-in HTTP clients, and
Debian's Chromium with a desk served to it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mentiondesk.config import Config, load_config
from mentiondesk.outbox import OutboxWorker
from mentiondesk.plugins import build_responders
from mentiondesk.store import Store
from mentiondesk.web import create_app, users
from mentiondesk.web.users import Role, add_user
from tests.db_templates import Templates, pg_database
from tests.desk.browser import CHROMIUM, ROOT, backdrop, served
from tests.desk.desk_client import Desk as Desk  # the tests import it from here
from tests.desk.desk_client import notice_key as notice_key
from tests.desk.desk_client import notice_of as notice_of
from tests.desk.fonts_alias import launch_env
from tests.desk.seed import PASSWORD, write_config

Client = TestClient[web.Request, web.Application]


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fast argon2 parameters for tests (production keeps argon2-cffi's defaults)."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    templates = Templates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: Templates) -> Iterator[str]:
    """A fresh database URL, a SQLite file or a PostgreSQL database made and dropped: empty,
    or, for a test whose `store` lays the store's schema on it, a copy of that schema."""
    schema = "store" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        yield _templates.sqlite(path) if schema else f"sqlite:///{path}"
    else:
        yield from pg_database(_templates.postgres() if schema else None)


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url))


class Clock:
    """The desk's clock, moved by the test (login limits count within a minute, an hour)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def write_desk_config(tmp_path: Path, db_url: str, desk: str) -> Path:
    """The test config with `desk` (TOML lines) as its `[desk]` section."""
    return write_config(tmp_path, db_url, desk=desk)


@asynccontextmanager
async def desk_client(
    tmp_path: Path, db_url: str, store: Store, desk: str, *, clock: Clock | None = None
) -> AsyncIterator[Client]:
    """An anonymous client of the desk configured with `desk` lines under `[desk]`."""
    config = load_config(write_desk_config(tmp_path, db_url, desk))
    app = create_app(config, store, clock=clock) if clock else create_app(config, store)
    server = TestServer(app)
    client: Client = TestClient(server)
    async with server, client:
        yield client


@pytest.fixture
def store(config: Config, request: pytest.FixtureRequest) -> Iterator[Store]:
    store = Store(config.store_url())
    # db_url, when the store is on it, was made with the schema create_all lays (a clone)
    on_db_url = "db_url" in request.fixturenames
    if not on_db_url or config.store_url() != request.getfixturevalue("db_url"):
        store.create_all()
    for role in Role:
        add_user(store, role.title, role=role, password=PASSWORD, by="test")
    yield store
    store.dispose()


def desk_app(config: Config, store: Store) -> web.Application:
    """The desk with an outbox that delivers an approved reply at once (as the CLI does)."""
    responders = build_responders(config)
    worker = OutboxWorker(store, responders, config.settings.outbox)

    async def deliver(key: str) -> None:
        await worker.drain(only_key=key)

    return create_app(config, store, on_queued=deliver)


@pytest.fixture
async def server(config: Config, store: Store) -> AsyncIterator[TestServer]:
    server = TestServer(desk_app(config, store))
    async with server:
        yield server


@pytest.fixture
async def anon(server: TestServer) -> AsyncIterator[Desk]:
    async with TestClient(server) as client:
        yield Desk(client)


@pytest.fixture
async def as_role(server: TestServer) -> AsyncIterator[object]:
    clients: list[TestClient[web.Request, web.Application]] = []

    async def login(role: str) -> Desk:
        client: TestClient[web.Request, web.Application] = TestClient(server)
        await client.start_server()
        clients.append(client)
        desk = Desk(client)
        assert await desk.login(role) == 303
        return desk

    yield login
    for client in clients:
        await client.close()


# How long an `expect` waits for the page to get there (Playwright's default: 5 s). CI runs
# the desk tests beside the rest on two cores: a page load there has taken over 5 s. A
# waiting budget, not a speed check (bench/desk.py measures speed).
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (installed with apt when missing), never a downloaded browser.

    Playwright's sync API runs its own loop in this thread, so it is started and stopped
    within each module that uses it: the async tests elsewhere need the thread's loop free.
    MENTIONDESK_TEST_FONT puts another face behind the desk's fonts (see fonts_alias).
    """
    if not os.path.exists(CHROMIUM):
        subprocess.run([str(ROOT / "scripts" / "ensure_chromium.sh")], check=True)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, env=launch_env())
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def page_pt_pt(browser: Browser) -> Iterator[Page]:
    """A page whose browser asks for Portugal's Portuguese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-PT")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page as wide as a phone held upright (390 CSS pixels, like an iPhone 14)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The desk with a month of mentions, served for the module's browser; its URL and store."""
    folder = tmp_path_factory.mktemp("desk")
    # Every login of the module comes from one address.
    desk = "login_attempts_per_address = 1000"
    config = load_config(write_desk_config(folder, f"sqlite:///{folder / 'desk.db'}", desk))
    store = Store(config.store_url())
    store.create_all()
    for role in Role:
        add_user(store, role.title, role=role, password=PASSWORD, by="test")
    backdrop(store)
    with served(desk_app(config, store)) as url:
        yield url, store
    store.dispose()
