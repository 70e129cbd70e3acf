"""The desk in headless Chromium (Debian's, driven by Playwright): what a person sees and does."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import login, shot
from tests.desk.seed import PASSWORD, add

# An approved reply's status: "sent" once the world's outbox has delivered it (it may have).
APPROVED = re.compile(r"^(approved|sent)$")

EVIL = '<img src=x onerror="window.pwned=1;alert(1)"><script>window.pwned=2;alert(2)</script>'


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
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")
    expect(page.locator(".item", has_text="Approve-me: parcel lost")).to_have_count(0)
    expect(page.locator("#kpi-answered")).to_have_text(str(answered + 1))
    page.goto(f"{url}/cases/{case}")
    expect(page.locator(".draft-panel .status")).to_have_text(APPROVED)  # or sent already


def test_keyboard_approves_the_selected_item(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Keyboard-first complaint", priority=99, draft="Keyboard reply")
    login(page, url, "agent")
    page.keyboard.press("j")  # nothing is selected until a row is chosen
    expect(page.locator("#queue > .item.selected")).to_contain_text("Keyboard-first complaint")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.once("dialog", lambda dialog: dialog.accept())  # the key asks first
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")
    expect(page.locator(".item", has_text="Keyboard-first complaint")).to_have_count(0)


def test_edit_a_draft_with_a_live_count(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Edit-me: broken lamp", platform="bluesky", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    box = page.get_by_label("Reply text")
    box.fill("Thanks for telling us — a new lamp is on its way.")
    expect(page.locator(".draft-panel .count")).to_contain_text(
        "49 / 300"
    )  # the dash is one character
    box.fill("x" * 301)
    expect(page.locator(".draft-panel .count")).to_have_class("count over")
    expect(page.get_by_role("button", name="Approve and send")).to_be_disabled()
    box.fill("Thanks for telling us — a new lamp is on its way.")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()
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
    page.locator("form.correct").get_by_role("button", name="complaint").click()
    expect(page.locator(".notice")).to_contain_text("Label corrected")
    expect(page.locator(".reading-line .badge")).to_have_text("complaint")
    expect(page.locator(".reading-line")).to_contain_text("corrected by agent (was praise)")


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
    expect(page.locator("h1")).to_have_text("Form expired")
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
    expect(page.locator(".chart rect.negative").first).to_be_visible()
    expect(page.locator("#dash-csat")).to_have_text("80%")
    shot(page, "dashboard")
    page.goto(f"{url}/playbooks")
    expect(page.locator("table.rules")).to_contain_text("urgent-complaint")
    shot(page, "playbooks")
    page.goto(f"{url}/people")
    expect(page.locator("table")).to_contain_text("manager")
    shot(page, "people")


def test_an_admin_disables_a_person_whose_open_tab_is_logged_out(
    page: Page, browser: Browser, world: tuple[str, Store]
) -> None:
    url, store = world
    add_user(store, "leaver", role=Role.AGENT, password=PASSWORD, by="test")
    theirs = browser.new_context().new_page()
    login(theirs, url, "leaver")
    login(page, url, "admin")
    page.goto(f"{url}/people")
    row = page.locator("tr", has_text="leaver")
    page.once("dialog", lambda d: d.accept())  # "Disable leaver? They cannot log in, …"
    row.get_by_role("button", name="Disable").click()
    expect(page.locator(".notice")).to_contain_text("User disabled")
    expect(row.locator("td").nth(2)).to_have_text("disabled")
    expect(page.locator(".login-changes")).to_contain_text("admin disabled the login of leaver")
    shot(page, "people-disabled")
    theirs.reload()  # their tab's next click: the login page
    expect(theirs).to_have_url(f"{url}/login?next=/queue")
    page.once("dialog", lambda d: d.accept())
    row.get_by_role("button", name="Reset password").click()
    secret = page.locator("code.new-password").inner_text()
    page.locator("tr", has_text="leaver").get_by_role("button", name="Enable").click()
    expect(page.locator(".notice")).to_contain_text("User enabled")
    theirs.get_by_label("Name").fill("leaver")
    theirs.get_by_label("Password").fill(secret)
    theirs.get_by_role("button", name="Log in").click()
    expect(theirs).to_have_url(f"{url}/queue")
    theirs.context.close()


def test_pages_load_without_console_errors_or_missing_files(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    failures: list[str] = []
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    page.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    login(page, url, "admin")
    for path in ("/queue", "/dashboard", "/playbooks", "/people"):
        page.goto(url + path, wait_until="networkidle")
    assert failures == []
    icon = "fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)"
    assert page.evaluate(icon) == 200  # headless Chromium does not fetch it by itself


def test_praise_on_an_open_case_shows_in_the_queue_and_the_case(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Praise-me: where is my lamp?", handle="lia_p", priority=60)
    thanks = "Thanks for letting us know!"
    add(store, "Praise-me: it arrived, thank you!", handle="lia_p", label="positive",
        case=False, draft=thanks, draft_kind="public", rule="praise")  # fmt: skip
    add(store, "Solved-me: where is my lamp?", handle="rui_p", priority=60)
    add(store, "Solved-me: awful week, but sorted now", handle="rui_p", case=False, draft=None,
        resolves=True)  # fmt: skip
    login(page, url, "agent")
    solved = page.locator(".item", has_text="Solved-me: awful week, but sorted now")
    expect(solved.locator(".badge.praised")).to_have_text("says it’s solved: resolve?")
    row = page.locator(".item", has_text="Praise-me: it arrived, thank you!")  # the latest word
    expect(row.locator(".badge.praised")).to_have_text("posted praise: resolved?")
    expect(row.locator(".tag.latest")).to_have_text("latest of 2 mentions")
    shot(page, "queue-praise")
    row.get_by_role("link", name="Open").click()
    expect(page.locator(".praised-note")).to_contain_text("if the problem is solved, resolve")
    withdrawn = page.locator(".draft-panel", has_text="Withdrawn: the author has since posted")
    expect(withdrawn.get_by_role("link", name="See the praise")).to_be_visible()
    shot(page, "case-praise")
    assert page.url.endswith(f"/cases/{case}")


def test_write_a_reply_by_hand_counts_against_its_kind_and_sends(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Hand-reply: lamp arrived broken", platform="bluesky", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    form = page.locator("#write-reply")
    box = form.get_by_label("Your reply")
    box.fill("x" * 301)  # over a public post's 300, within a chat message's 1,000
    expect(form.locator(".count")).to_have_class("count over")
    expect(form.get_by_role("button", name="Send reply")).to_be_disabled()
    form.get_by_label("private message").check()
    expect(form.locator(".count")).to_contain_text("301 / 1,000 characters")
    expect(form.get_by_role("button", name="Send reply")).to_be_enabled()
    box.fill("So sorry, Ana: a new lamp is on its way.")
    page.once("dialog", lambda d: d.accept())  # "Send this reply to the author now?"
    form.get_by_role("button", name="Send reply").click()
    expect(page.locator(".notice")).to_contain_text("Your reply is being sent.")
    expect(page.locator(".draft-panel .status")).to_have_text(APPROVED)  # or sent already
    expect(page.locator(".draft-panel")).to_contain_text("written by hand")


def test_approving_over_a_colleagues_later_edit_keeps_both_texts(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, draft = add(store, "Edited-since: lamp broke", platform="bluesky", draft_kind="public")
    assert draft is not None
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    mine, theirs = "Mine: a new lamp ships today.", "Theirs: refund sent, sorry!"
    page.get_by_label("Reply text").fill(mine)
    queue.edit_draft(store, draft, text=theirs, by="manager")  # a colleague saves meanwhile
    page.get_by_role("button", name="Approve and send").click()
    expect(page.locator(".edited-since")).to_contain_text("manager edited this draft")
    expect(page.locator(".edited-since .theirs")).to_have_text(theirs)
    expect(page.get_by_label("Reply text")).to_have_value(mine)
    expect(page.locator(".draft-panel .count")).to_contain_text(f"{len(mine)} / 300")
    shot(page, "case-edited-since")
    page.get_by_role("button", name="Approve and send").click()  # knowing both texts now
    expect(page.locator(".notice")).to_contain_text("Reply approved")
    expect(page.locator(f"#draft-{draft} .sent")).to_have_text(mine)
