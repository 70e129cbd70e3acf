"""Portuguese display names in the shipped templates' greeting: an abbreviated title written
with its ordinal letter ("Dª Fátima", "Drª Ana") or a religious one is not the name."""

from __future__ import annotations

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label, Reading
from playbooks import load_playbook
from playbooks.placeholders import greeting_name
from tests.helpers import mention


@pytest.mark.parametrize(
    ("display_name", "greeted"),
    [
        ("Dª Fátima", "Fátima"),
        ("Drª Ana Paula", "Ana"),
        ("Engº Rui Sá", "Rui"),
        ("Srª Conceição", "Conceição"),
        ("Padre Fábio", "Fábio"),
        ("Frei Gilson", "Gilson"),
        ("Ana Dª", "Ana"),  # only a title is skipped: the name before it stays
    ],
)
def test_a_title_is_not_the_greeting(display_name: str, greeted: str) -> None:
    assert greeting_name(display_name, handle="h", brand="Lumora") == greeted


def test_the_shipped_pt_thank_you_greets_dona_fatima_by_name() -> None:
    playbook = load_playbook([], brand=Brand(name="Lumora"))
    praise = Reading(label=Label.POSITIVE, score=0.9, lang="pt")
    post = mention(1, "amei a luminária, chegou rapidinho @lumora", name="Dª Fátima")
    (draft,) = [a for a in playbook.decide(post, praise, History()) if a.text]
    assert draft.kind is ActionKind.DRAFT_PUBLIC and draft.lang == "pt"
    assert draft.text is not None and draft.text.startswith("Agradecemos muito o carinho, Fátima!")
