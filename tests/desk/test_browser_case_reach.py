"""The case page in one column (a phone, 390 px, in Chromium): its parts are screens apart, so
links under the post reach Reply now, the notes, the reading and the author's details; Reply
now recalls the post it answers and its reading; each part has its way back to the post. On a
wide screen, with the reading beside the post, none of it shows."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import SHOTS, login
from tests.desk.seed import add

HEIGHT = 844  # the phone fixture's viewport


def _case(store: Store) -> int | None:
    text = "Third week waiting for my parcel #5521. Tracking says nothing. " * 4
    _, case, _ = add(store, text, handle="noa", reason="delivery", frustration=2, draft="Sorry")
    return case


def test_the_links_under_the_post_reach_reply_now_and_back(
    phone: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    case = _case(store)
    login(phone, url, "agent")
    phone.goto(f"{url}/cases/{case}")
    links = phone.get_by_role("navigation", name="On this page")
    expect(links.get_by_role("link")).to_have_text(
        ["Reply now", "Internal notes", "Reading", "Author history"]
    )
    where = links.bounding_box()
    assert where and where["y"] + where["height"] <= HEIGHT  # on the first screen
    links.get_by_role("link", name="Reply now").click()
    reply = phone.locator("#write-reply")
    # The form opened, whole, and above its box what it answers: the post and its reading.
    for part in ("h2", ".answering", "textarea[name=text]", "button.primary"):
        expect(reply.locator(part)).to_be_in_viewport(ratio=1)
    recap = reply.locator(".answering")
    expect(recap).to_contain_text("complaint")
    expect(recap).to_contain_text("delivery")
    expect(recap).to_contain_text("frustration 2 of 3")
    expect(recap.locator(".answering-text")).to_contain_text("Third week waiting")
    phone.screenshot(path=SHOTS / "phone-case-reply-now.png")
    recap.get_by_role("link", name="Back to the mention").click()
    expect(phone.locator("#mention-text")).to_be_in_viewport()


def test_the_notes_and_the_reading_are_reached_and_left_alike(
    phone: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    case = _case(store)
    login(phone, url, "agent")
    phone.goto(f"{url}/lang/pt-BR?next=/cases/{case}")
    links = phone.get_by_role("navigation", name="Nesta página")
    for link, part in (("Notas internas", "#notes"), ("Classificação", "#reading")):
        links.get_by_role("link", name=link).click()
        expect(phone.locator(f"{part} h2")).to_be_in_viewport(ratio=1)
        expect(phone.locator(f"{part} textarea, {part} .facts").first).to_be_in_viewport()
        phone.locator(part).get_by_role("link", name="Voltar para a menção").click()
        expect(phone.locator("#mention-text")).to_be_in_viewport()
    expect(phone.locator("#reading dd", has_text="2 de 3")).to_be_visible()


def test_a_wide_screen_shows_neither_links_nor_recap(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case = _case(store)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    for part in ("nav.case-jumps", "#write-reply .answering", ".to-mention"):
        expect(page.locator(part).first).to_be_hidden()
    expect(page.locator("#reading")).to_be_in_viewport()  # beside the post already
