"""A long drafted reply on the Slack card: shown whole over several sections, or, too long for
a card, without Approve (it would post what no approver was shown)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.alert_wording import wording_for
from mentiondesk.models import ENGLISH, Wording
from responders._escape import slack_mrkdwn, units
from responders.slack_blocks import Block, alert_blocks, draft_sections
from tests.responders._data import action


def card(draft: str, wording: Wording = ENGLISH) -> list[Block]:
    alert = action("late parcel")
    return alert_blocks(replace(alert, context=replace(alert.context, draft_text=draft)), wording)


def buttons(blocks: list[Block]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def drafted(blocks: list[Block], heading: str = "*Drafted reply:*\n") -> list[str]:
    """The draft's sections' texts, its heading taken off the first."""
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    first = next(n for n, t in enumerate(texts) if t.startswith(heading))
    return [texts[first].removeprefix(heading), *texts[first + 1 :]]


def test_a_draft_past_one_section_is_shown_whole_with_approve_and_edit() -> None:
    draft = "Thanks for waiting. " * 148 + "Use code FREE100 for a full refund."  # 2,995
    blocks = card(draft)  # fits the edit box, but not one section with its heading
    parts = drafted(blocks)
    assert len(parts) == 2 and " ".join(parts).endswith("FREE100 for a full refund.")
    assert " ".join(parts) == slack_mrkdwn(draft, 10_000, lines=True)  # cut at a space
    assert buttons(blocks)[:3] == ["approve", "edit", "reject"]
    assert all(units(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")


def test_paragraphs_stay_whole_and_the_edit_note_stays() -> None:
    paragraphs = [f"Paragraph {n}: " + "we are sorry & will fix it. " * 40 for n in range(6)]
    blocks = card("\n\n".join(paragraphs))  # 7,000 characters with escapes: past the edit box
    parts = drafted(blocks)
    assert len(parts) > 2 and all(p.startswith("Paragraph ") for p in parts)
    assert "\n\n".join(parts) == slack_mrkdwn("\n\n".join(paragraphs), 10_000, lines=True)
    assert buttons(blocks)[:2] == ["approve", "reject"]  # no Edit: past Slack's edit box
    assert "edit it on the desk, or approve it as it is" in str(blocks)


@pytest.mark.parametrize(("char", "escaped"), [("&", "&amp;"), ("😀", "😀"), ("`", "`\u200b")])
def test_no_escape_or_character_is_cut_between_sections(char: str, escaped: str) -> None:
    draft = char * (7000 // units(escaped))
    blocks = card(draft)
    parts = drafted(blocks)
    assert len(parts) > 1 and "approve" in buttons(blocks)
    assert all(p == escaped * (len(p) // len(escaped)) for p in parts)
    assert "".join(parts) == escaped * len(draft)
    assert all(units(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "This draft is too long to show here: open it in the desk."),
        ("pt-BR", "Este rascunho é longo demais para ser exibido aqui: abra no atendimento."),
        ("pt-PT", "Este rascunho é demasiado longo para ser mostrado aqui: abra-o no atendimento."),
    ],
)
def test_a_draft_too_long_for_a_card_has_no_approve(lang: str, note: str) -> None:
    wording = wording_for(lang, "UTC")
    draft = "We are sorry. " * 700 + "Use code FREE100."  # 9,817 characters
    blocks = card(draft, wording)
    assert buttons(blocks) == ["reject", "assign", "escalate"]
    assert note in str(blocks)
    [shown] = drafted(blocks, f"*{wording.t('Drafted reply:')}*\n")
    assert shown.endswith("…") and units(shown) < 3000
    begun = shown.removesuffix("…")
    assert (draft.startswith(begun), draft[len(begun)]) == (True, " ")  # cut between words
    assert "This draft is longer than Slack's edit box" not in str(blocks)


def test_the_whole_card_stays_within_what_slack_takes() -> None:
    """At most 50 blocks, and the draft's share of Slack's ~13,000 characters of blocks."""
    sections, whole = draft_sections("a\n" * 3990)  # lines, each a place to split
    assert whole and sum(units(s) for s in sections) <= 8000
    blocks = card("a\n" * 3990)
    assert len(blocks) <= 50 and "approve" in buttons(blocks)
    assert not draft_sections("a\n" * 4000)[1]
