"""The Playbooks page reads as words a manager knows, in their language, not the playbook
file's keys (`min_frustration = 3`, `draft_private`), which stay in each badge's title."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.models import ActionKind
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from mentiondesk.web.i18n_pt import MESSAGES
from mentiondesk.web.rule_words import actions, conditions
from playbooks.rules import ActionSpec, When
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_BADGE = re.compile(r'<span class="badge" title="([^"]*)">([^<]*)</span>')


def _row(page: str, rule: str) -> dict[str, str]:
    """A rule's badges: the file's words (title) → what the page shows."""
    row = page.split(f"<b>{rule}</b>", 1)[1].split("</tr>", 1)[0]
    return {title: shown for title, shown in _BADGE.findall(row)}


async def test_the_shipped_rules_read_in_words(as_role: Login) -> None:
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    assert _row(page, "urgent-complaint") == {
        "label = negative": "sentiment: negative",
        "min_frustration = 3": "frustration 3 or more (of 3)",
        "escalate": "escalate to the help desk",
    }
    assert _row(page, "complaint")["draft_private (complaint_dm)"] == "draft a private reply"
    assert _row(page, "praise")["question = false"] == "is not a question"
    assert "open_case</span>" not in page and ">label = " not in page
    spam = page.split("<b>spam</b>", 1)[1].split("</tr>", 1)[0]
    assert "nothing more" in spam  # a rule with no actions says so, not an empty cell


async def test_the_rules_read_in_portuguese(as_role: Login) -> None:
    desk = await as_role("manager")
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/playbooks", headers=pt)).text()
    assert _row(page, "urgent-complaint") == {
        "label = negative": "sentimento: Reclamação",
        "min_frustration = 3": "frustração 3 ou mais (de 3)",
        "escalate": "escalar para o help desk",
    }
    assert _row(page, "question") == {
        "label = neutral, positive": "sentimento: Neutro, Elogio",
        "question = true": "é uma pergunta",
        "open_case": "abrir um caso",
    }


def test_every_condition_and_action_has_words_in_both_languages() -> None:
    """A site's own playbook may use any of them: none may break the page or show English."""
    when = When(
        label=["positive"],
        lang=["pt"],
        platform=["x"],
        topic=["delivery"],
        reason=["refund_payment"],
        min_score=0.5,
        max_score=0.9,
        min_reach=10000,
        max_reach=50000,
        min_frustration=2,
        question=True,
        returning_author=False,
    )
    specs = [
        ActionSpec(type=ActionKind.OPEN_CASE),
        ActionSpec(type=ActionKind.ASSIGN, to="ana"),
        ActionSpec(type=ActionKind.ALERT, to="slack"),
        ActionSpec(type=ActionKind.DRAFT_PRIVATE, template="dm"),
        ActionSpec(type=ActionKind.DRAFT_PUBLIC, template="thanks", auto=True),
        ActionSpec(type=ActionKind.ESCALATE),
    ]
    english = [p.text for p in conditions(when, ENGLISH) + actions(specs, ENGLISH)]
    assert "at least 10,000 followers" in english and "topic: delivery" in english
    assert "assign to ana" in english and "alert the team → slack" in english
    assert "draft a public reply (sent without approval)" in english
    portuguese = [p.text for p in conditions(when, PORTUGUESE) + actions(specs, PORTUGUESE)]
    assert (
        "pelo menos 10.000 seguidores" in portuguese
        and "pontuação de pelo menos 0,50" in portuguese
    )
    assert "motivo: reembolso/pagamento" in portuguese and "atribuir a ana" in portuguese
    assert not set(english) & set(portuguese)
    assert all(p.text != p.source for p in conditions(when, PORTUGUESE))
    assert "draft a public reply" in MESSAGES
