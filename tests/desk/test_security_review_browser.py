"""Security review in Chromium: Log out works from a tab older than the session; another
site's form neither puts words on the desk's refusal page nor logs the person out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

from aiohttp import web
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login, served
from tests.desk.seed import PASSWORD


def test_log_out_in_a_tab_left_open_before_logging_in_again(
    browser: Browser, world: tuple[str, Store]
) -> None:
    """A tab stays open on the queue; the person logs in again in another tab (the session
    had ended overnight, or someone else used the computer). Log out in the first tab must
    end the browser's session, not show "Form expired" and leave it logged in."""
    url, _ = world
    context = browser.new_context()
    try:
        old = context.new_page()
        login(old, url, "agent")
        new = context.new_page()
        new.goto(f"{url}/login")
        new.get_by_label("Name").fill("manager")
        new.get_by_label("Password").fill(PASSWORD)
        new.get_by_role("button", name="Log in").click()
        expect(new).to_have_url(f"{url}/queue")
        old.get_by_role("button", name="Log out", exact=True).click()
        expect(old).to_have_url(f"{url}/login")
        new.goto(f"{url}/queue")
        expect(new).to_have_url(f"{url}/login?next=/queue")  # logged out in every tab
    finally:
        context.close()


BAIT = "IT notice: the desk has moved. Log in at https://desk-login.evil.example now"


def test_another_sites_form_puts_no_words_on_the_desk(
    browser: Browser, world: tuple[str, Store]
) -> None:
    """Another site's page posts a form at the desk (refused). The refusal page says so, and
    must not show the form's text as the person's own "Your text (not sent)" under the
    desk's "Your session has ended … log in again": the desk's address and look, the
    attacker's words."""
    url, _ = world

    async def attack(request: web.Request) -> web.Response:
        form = (
            f'<form id="f" method="post" action="{url}/mentions/1/notes">'
            f'<input name="text" value="{BAIT}"><input name="csrf" value="x"></form>'
            "<script>document.getElementById('f').submit()</script>"
        )
        return web.Response(text=form, content_type="text/html")

    with _another_site(browser, url, attack) as page:
        page.wait_for_url(f"{url}/mentions/1/notes")
        # Refused as another site's, not "Session ended … log in again": the agent is
        # still logged in (the browser only kept the cookie from that post).
        expect(page.get_by_role("heading", level=1)).to_have_text("Request refused")
        expect(page.locator("main")).to_contain_text("came from another site")
        assert "evil.example" not in page.content() and "Session ended" not in page.content()


def test_another_sites_form_does_not_log_the_person_out(
    browser: Browser, world: tuple[str, Store]
) -> None:
    """Its post to /logout carries no cookie (SameSite=Lax), so the desk saw no session and
    answered by clearing the cookie: logged out by any page they visited."""
    url, _ = world

    async def attack(request: web.Request) -> web.Response:
        form = f'<form id="f" method="post" action="{url}/logout"></form>'
        script = "<script>document.getElementById('f').submit()</script>"
        return web.Response(text=form + script, content_type="text/html")

    with _another_site(browser, url, attack) as page:
        page.wait_for_url(f"{url}/logout")
        page.goto(f"{url}/queue")
        expect(page).to_have_url(f"{url}/queue")  # still logged in


@contextmanager
def _another_site(
    browser: Browser, url: str, attack: Callable[[web.Request], Awaitable[web.Response]]
) -> Iterator[Page]:
    """The agent, logged in, visits another site's page that `attack` answers."""
    evil = web.Application()
    evil.router.add_get("/", attack)
    context = browser.new_context()
    try:
        with served(evil) as evil_url:
            page = context.new_page()
            login(page, url, "agent")
            # Another site: localhost is not 127.0.0.1's site.
            page.goto(evil_url.replace("127.0.0.1", "localhost") + "/")
            yield page
    finally:
        context.close()
