"""The Playbooks page heads each rule with what it does (its description, else its id in
words), the id itself in small code text below: "urgent-complaint" alone says little."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.web.rule_words import humanised
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]


async def test_a_rule_is_headed_by_its_description_with_its_id_below(as_role: Login) -> None:
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    assert "<b>urgent-complaint</b>" not in page and "<b>complaint</b>" not in page
    title = '<b class="rule-title">A detractor reaches an agent fast'
    assert title in page
    after = page.split(title, 1)[1].split("</td>", 1)[0]
    assert '<small><code class="rule-id">complaint</code></small>' in after


def test_an_undescribed_rule_is_headed_by_its_id_in_words() -> None:
    assert humanised("urgent-complaint") == "Urgent complaint"
    assert humanised("vip_praise") == "Vip praise"
