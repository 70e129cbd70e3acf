"""The English complaint DM to a price complaint, and to a brand whose name starts with "The"."""

from __future__ import annotations

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label
from playbooks import load_playbook
from tests.helpers import mention
from tests.test_playbooks import SHIPPED, _reading


def _dm(brand: str, reason: str, history: History) -> str:
    playbook = SHIPPED if brand == "Lumora" else load_playbook([], brand=Brand(name=brand))
    reading = _reading(Label.NEGATIVE, reason=reason, frustration=1)
    (dm,) = [
        a
        for a in playbook.decide(mention(1, "@lumora prices went up", name="Bex"), reading, history)
        if a.kind is ActionKind.DRAFT_PRIVATE
    ]
    assert dm.text is not None and dm.lang == "en"
    return dm.text


def test_an_english_price_complaint_may_come_before_any_purchase() -> None:
    # As the pt and pt-PT drafts: "Se a compra já foi feita…", "Se já fez a encomenda…".
    assert _dm("Lumora", "price", History()) == (
        "Hi Bex, this is the Lumora team. We're sorry about the pricing issue."
        " If you've already placed an order, could you send us its number here?"
        " A person from our team will take it from there."
    )
    # After a resolved case too: the case is named, and the order is still asked for with an if.
    text = _dm("Lumora", "price", History(past_cases=("MD-000001",)))
    assert "We can see your recent case (MD-000001)" in text
    assert "If you've already placed an order, could you send us its number here?" in text
    assert "order number" not in text


@pytest.mark.parametrize(
    ("brand", "team"),
    [
        ("The North Face", "this is The North Face team."),
        ("Lumora", "this is the Lumora team."),
        ("Theory", "this is the Theory team."),  # "The" is a word of its own, not a prefix
    ],
)
def test_a_brand_named_with_the_article_is_not_given_a_second_one(brand: str, team: str) -> None:
    assert f"Hi Bex, {team} We're sorry about your delivery." in _dm(brand, "delivery", History())
