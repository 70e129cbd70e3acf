"""A long case on a phone (390 px, in Chromium): drafts withdrawn or rejected folded under one
disclosure, the pending one open above the case's actions (Assign, Resolve, Close) and Reply
now; Do not contact with the author's details, small, not by the post, reached by the page's
links; the draft's language said by its box."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.browser import SHOTS, login
from tests.desk.seed import add


def _long_case(store: Store) -> tuple[int | None, int | None]:
    """Three drafts replaced as the author posted again, one rejected, one pending."""
    for n in range(3):
        _, case, rejected = add(store, f"still waiting {n}", handle="zoe", draft=f"Sorry {n}")
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.id == rejected)
            .values(status="rejected", decided_by="agent", decided_at=datetime.now(UTC))
        )
    add(store, "hello??", handle="zoe", draft="Sorry again")
    _, _, pending = add(store, "HELLO???", handle="zoe", draft="We are on it, Zoe.")
    return case, pending


def test_settled_drafts_fold_and_the_pending_one_stays_open(
    phone: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    case, pending = _long_case(store)
    login(phone, url, "agent")
    phone.goto(f"{url}/cases/{case}")
    earlier = phone.locator("details#earlier-drafts")
    expect(earlier.locator("summary")).to_have_text("4 earlier drafts withdrawn or rejected")
    expect(earlier).not_to_have_attribute("open", "")
    expect(earlier.locator(".draft-panel")).to_have_count(4)
    expect(phone.locator(".draft-panel:visible")).to_have_count(1)
    expect(phone.locator(f"#draft-{pending}")).to_be_visible()
    expect(phone.locator(f"#draft-{pending} textarea")).to_have_value("We are on it, Zoe.")
    # The pending draft, then the fold, then the case's actions and Reply now: one short
    # screen of settled drafts.
    tops = [
        phone.locator(s).evaluate("e => e.getBoundingClientRect().top")
        for s in (f"#draft-{pending}", "#earlier-drafts", "#case-panel", "#write-reply")
    ]
    assert tops == sorted(tops)
    assert tops[2] - tops[1] < 100  # the fold is one line
    phone.screenshot(path=SHOTS / "phone-case-folded-drafts.png", full_page=True)
    earlier.locator("summary").click()
    expect(phone.locator(".draft-panel:visible")).to_have_count(5)
    expect(earlier).to_contain_text("Replaced by a newer draft")


def test_do_not_contact_is_with_the_author_s_details_and_works(
    phone: Page, world: tuple[str, Store]
) -> None:
    """A rare step an agent cannot undo: not between the author line and the post (where a
    thumb scrolling the post pressed it), nor drawn as a main action; it still asks first."""
    url, store = world
    _, case, _ = add(store, "stop it", handle="ugo", draft="Sorry, Ugo")
    login(phone, url, "agent")
    phone.goto(f"{url}/cases/{case}")
    expect(phone.locator("form[action$='/do-not-contact']")).to_have_count(1)  # one form
    button = phone.get_by_role("button", name="Do not contact ugo on X")
    expect(phone.locator("#mention button")).to_have_count(0)
    expect(phone.locator("#author .author-dnc button")).to_have_text("Do not contact ugo on X")
    expect(button).to_have_class("small quiet-danger")
    expect(button).not_to_be_in_viewport()
    phone.locator("nav.case-jumps").get_by_role("link", name="Author history").click()
    expect(button).to_be_in_viewport()
    phone.once("dialog", lambda dialog: dialog.dismiss())
    button.click()  # asked, and declined: nothing changes
    expect(phone.locator(".author-line .badge", has_text="do not contact")).to_have_count(0)
    phone.once("dialog", lambda dialog: dialog.accept())
    button.click()
    expect(phone.locator(".author-line .badge", has_text="do not contact")).to_be_visible()
    expect(phone.locator("#author .author-dnc .dnc-identity")).to_contain_text(
        "ugo on X is on the do-not-contact list."
    )


def test_the_draft_s_language_is_said_by_its_box(phone: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, draft = add(store, "late again", handle="eva", draft="Sorry, Eva")
    login(phone, url, "agent")
    for lang, said in (
        ("en", "Draft in English: write your changes in English too."),
        ("pt-PT", "Rascunho em inglês: escreva as alterações também em inglês."),
    ):
        phone.goto(f"{url}/lang/{lang}?next=/cases/{case}")
        note = phone.locator(f"#draft-{draft}-lang")
        expect(note).to_have_text(said)
        expect(note).to_be_visible()
        box = phone.locator(f"#draft-{draft} textarea[name=text]")
        # after the draft's kind ("Private reply"), which tells a case's two drafts apart
        expect(box).to_have_accessible_description(re.compile(f"{re.escape(said)}$"))
        above = note.bounding_box()
        under = box.bounding_box()
        assert above and under and 0 <= under["y"] - (above["y"] + above["height"]) < 40


def test_the_case_actions_come_before_reply_now(phone: Page, world: tuple[str, Store]) -> None:
    """Assign, Resolve and Close right after the draft, before Reply now and the notes: on
    screen and in the page's (reading and keyboard) order alike."""
    url, store = world
    _, case, draft = add(store, "charged twice", handle="ada", draft="Sorry, Ada")
    login(phone, url, "manager")
    phone.goto(f"{url}/lang/pt-BR?next=/cases/{case}")
    reply_now = phone.locator("#write-reply")
    expect(reply_now.get_by_role("heading")).to_contain_text("Responder agora")
    actions = [
        phone.get_by_role("button", name=name, exact=True)
        for name in ("Atribuir", "Resolver", "Encerrar")
    ]
    for button in actions:
        expect(button).to_be_visible()
        # Before Reply now in the document: where Tab and a screen reader reach it too.
        assert button.evaluate(
            "(b, r) => !!(b.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING)",
            reply_now.element_handle(),
        )
    tops = [
        box["y"]
        for box in (
            phone.locator(f"#draft-{draft}").bounding_box(),
            *(b.bounding_box() for b in actions),
            reply_now.bounding_box(),
        )
        if box
    ]
    assert len(tops) == 5 and tops == sorted(tops), tops
    phone.screenshot(path=SHOTS / "phone-case-actions.png", full_page=True)
