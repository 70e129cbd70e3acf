"""The desk in headless Chromium (Debian's, driven by Playwright): what a person sees and does."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import served
from tests.desk.conftest import desk_app
from tests.desk.seed import PASSWORD, add, write_config

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-output" / "screenshots"
EVIL = '<img src=x onerror="window.pwned=1;alert(1)"><script>window.pwned=2;alert(2)</script>'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (installed with apt when missing), never a downloaded browser.

    Playwright's sync API runs its own loop in this thread, so it is started and stopped
    within this module: the async tests elsewhere need the thread's loop free.
    """
    if not os.path.exists(CHROMIUM):
        subprocess.run([str(ROOT / "scripts" / "ensure_chromium.sh")], check=True)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    folder = tmp_path_factory.mktemp("desk")
    config = load_config(write_config(folder, f"sqlite:///{folder / 'desk.db'}"))
    store = Store(config.store_url())
    store.create_all()
    for role in Role:
        add_user(store, role.title, role=role, password=PASSWORD)
    _backdrop(store)
    with served(desk_app(config, store)) as url:
        yield url, store
    store.dispose()


def _backdrop(store: Store) -> None:
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


def test_log_in_and_see_the_queue(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    page.goto(f"{url}/login")
    shot(page, "login")
    login(page, url, "agent")
    expect(page.locator("#queue > .item").first).to_be_visible()
    expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)
    shot(page, "queue")


def test_approve_leaves_the_queue_and_moves_the_kpi(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Approve-me: parcel lost", priority=50, draft="We are on it, Ana.")
    login(page, url, "agent")
    answered = int(page.locator("#kpi-answered").inner_text())
    row = page.locator(".item", has_text="Approve-me: parcel lost")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(".notice")).to_contain_text("Reply approved")
    expect(page.locator(".item", has_text="Approve-me: parcel lost")).to_have_count(0)
    expect(page.locator("#kpi-answered")).to_have_text(str(answered + 1))
    page.goto(f"{url}/cases/{case}")
    expect(page.locator(".draft-panel .status")).to_have_text("approved")


def test_keyboard_approves_the_selected_item(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Keyboard-first complaint", priority=99, draft="Keyboard reply")
    login(page, url, "agent")
    expect(page.locator("#queue > .item.selected")).to_contain_text("Keyboard-first complaint")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text("Reply approved")
    expect(page.locator(".item", has_text="Keyboard-first complaint")).to_have_count(0)


def test_edit_a_draft_with_a_live_count(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Edit-me: broken lamp", platform="bluesky", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    box = page.get_by_label("Reply text")
    box.fill("Thanks for telling us — a new lamp is on its way.")
    expect(page.locator(".count")).to_contain_text("49 / 300")  # the dash is one character
    box.fill("x" * 301)
    expect(page.locator(".count")).to_have_class("count over")
    box.fill("Thanks for telling us — a new lamp is on its way.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".notice")).to_contain_text("Draft saved")
    expect(page.get_by_label("Reply text")).to_have_value(
        "Thanks for telling us — a new lamp is on its way."
    )
    shot(page, "case")


def test_correct_a_label(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    mention, _, _ = add(store, "Fix-me: oh great, ANOTHER delay", label="positive", case=False)
    login(page, url, "agent")
    page.goto(f"{url}/mentions/{mention}")
    page.locator("form.correct").get_by_role("button", name="negative").click()
    expect(page.locator(".notice")).to_contain_text("Label corrected")
    expect(page.locator(".reading-line .badge")).to_have_text("negative")
    expect(page.locator(".reading-line")).to_contain_text("corrected by agent (was positive)")


def test_agent_is_refused_the_dashboard(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "agent")
    response = page.goto(f"{url}/dashboard")
    assert response is not None
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Not allowed")


def test_hostile_mention_is_inert(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    mention, _, _ = add(store, EVIL, handle="<b>mallory</b>", priority=40, draft=EVIL)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    login(page, url, "agent")
    expect(page.locator(".item .text", has_text="onerror").first).to_contain_text(EVIL)
    page.goto(f"{url}/mentions/{mention}")
    expect(page.locator("#mention-text")).to_have_text(EVIL)
    expect(page.get_by_label("Reply text")).to_have_value(EVIL)
    expect(page.locator(".author-line .handle")).to_have_text("<b>mallory</b>")
    assert page.evaluate("window.pwned") is None
    assert dialogs == []


def test_post_without_csrf_token_is_refused(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Csrf-check complaint", priority=45)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.evaluate("document.querySelector('.draft-form input[name=csrf]').remove()")
    page.get_by_role("button", name="Approve and send").click()
    expect(page.locator("h1")).to_have_text("Not allowed")
    expect(page.locator("main")).to_contain_text("This form has expired")
    page.goto(f"{url}/cases/{case}")
    expect(page.locator(".draft-panel .status")).to_have_text("pending")


def test_long_and_right_to_left_text_keep_the_layout(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    long_text = ("Wall of text without spaces " + "W" * 400 + " ") * 23  # about 10 kB
    add(store, "طلبي لم يصل بعد، أرجو المساعدة في أسرع وقت", priority=30, handle="سارة")
    mention, _, _ = add(store, long_text[:10_000], priority=30)
    login(page, url, "agent")
    width = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert width is True
    rtl = page.locator(".item .text", has_text="طلبي")
    assert rtl.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.goto(f"{url}/mentions/{mention}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True


def test_manager_and_admin_pages(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "admin")
    page.goto(f"{url}/dashboard")
    expect(page.locator("svg.chart rect.negative").first).to_be_visible()
    expect(page.locator("#dash-csat")).to_have_text("80%")
    shot(page, "dashboard")
    page.goto(f"{url}/playbooks")
    expect(page.locator("table.rules")).to_contain_text("urgent-complaint")
    shot(page, "playbooks")
    page.goto(f"{url}/people")
    expect(page.locator("table")).to_contain_text("manager")
    shot(page, "people")
