"""A screen reader's review of People and the case page's words: Enable after Reset password
names the password that works (the new one, not "the one they had"), and a case page's title
says it is a case, in each language."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from mentiondesk.web.i18n import LANG_COOKIE
from mentiondesk.web.users import authenticate
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_SHOWN = re.compile(r'<code class="new-password">([^<]+)</code>')
_NOTICE = re.compile(r'<div class="notice notice-ok" role="status" id="notice">(.*?)</div>', re.S)
_TITLE = re.compile(r"<title>(.*?) · ", re.S)

# What Enable says in each language, and the words of the old one that named the wrong password.
ENABLED = {
    "en": ("with their current password", "the password they had"),
    "pt-BR": ("com a senha atual", "que já tinha"),
    "pt-PT": ("com a palavra-passe atual", "que já tinha"),
}


@pytest.mark.parametrize("lang", ENABLED)
async def test_enable_after_a_reset_names_the_new_password_not_the_one_they_had(
    as_role: Login, store: Store, lang: str
) -> None:
    admin = await as_role("admin")
    admin.client.session.cookie_jar.update_cookies({LANG_COOKIE: lang})
    await admin.post("/people/disable", name="agent")
    reset = await admin.post("/people/password", name="agent")
    found = _SHOWN.search(await admin.landed(reset))
    assert found
    page = await admin.landed(await admin.post("/people/enable", name="agent"))
    notice = _NOTICE.search(page)
    assert notice, "Enable says what it did"
    said, wrong = ENABLED[lang]
    assert said in html.unescape(notice.group(1)) and wrong not in notice.group(1)
    assert authenticate(store, "agent", html.unescape(found.group(1))) is not None  # as it says


@pytest.mark.parametrize(("lang", "title"), [("en", "Case"), ("pt-BR", "Caso"), ("pt-PT", "Caso")])
async def test_a_case_pages_title_says_it_is_a_case(
    as_role: Login, store: Store, lang: str, title: str
) -> None:
    _, case_id, _ = add(store, "Where is my order?")
    agent = await as_role("agent")
    agent.client.session.cookie_jar.update_cookies({LANG_COOKIE: lang})
    page = await (await agent.client.get(f"/cases/{case_id}")).text()
    found = _TITLE.search(page)
    assert found and found.group(1) == f"{title} MD-{case_id:06d}", found
