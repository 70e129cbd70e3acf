"""A card rewritten for the desk stays the card its alert delivered: a draft restored on
the desk is offered again even where a settlement left the card no button at all, a rewrite
keeps the "Open in desk" link and the impostor warning delivery added, and a card whose
read-back was rate limited is still settled. Set-up: test_slack_review_desk_edits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import casework
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import seed
from tests.slack_cards_helpers import Both, served
from tests.test_slack_review2_desk_decisions import DRAFT_BUTTONS, buttons, desk_post, lines
from tests.test_slack_review_desk_edits import NEW, both, save

__all__ = ["both"]  # the fixture, used by name
DESK_URL = "https://desk.example.com"


def _mention(b: Both) -> int:
    with b.store.engine.connect() as conn:
        found = conn.scalar(sa.select(DRAFT.c.mention_id).where(DRAFT.c.id == b.seeded.draft_id))
    assert found is not None
    return int(found)


async def test_a_restored_draft_gets_its_buttons_back_on_a_card_left_without_any(
    b: Both,
) -> None:
    casework.assign_case(b.store, b.seeded.case_id, assignee="carla", by="carla")
    casework.escalate_case(b.store, b.seeded.case_id, by="carla", target="cases")
    await desk_post(b, f"/mentions/{_mention(b)}/correct", None, label="positive")
    assert buttons(b) == set()  # nothing left to press: the actions block went whole
    await desk_post(b, f"/drafts/{b.seeded.draft_id}/restore", "restored")
    assert buttons(b) == DRAFT_BUTTONS
    assert "Withdrawn at" in lines(b)  # what was said on it stays, once
    assert lines(b).count("Withdrawn at") == 1


@pytest.fixture(name="lb")
async def linked_both(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Both]:
    """As `both`, the card delivered with its desk link and an impostor warning."""
    path = write_config(tmp_path, db_url)
    text = path.read_text(encoding="utf-8").replace('"Lumora"', '"Angry Ann"')
    text = text.replace('["@lumora"]', '["@angryann"]')
    path.write_text(text + f'\n[desk]\npublic_url = "{DESK_URL}"\n', encoding="utf-8")
    config, seeded = load_config(path), seed(store)
    async with served(config, store, seeded, SlackFake(fake_api), monkeypatch) as found:
        yield found


async def test_a_card_rewritten_for_an_edit_keeps_its_desk_link_and_warning(lb: Both) -> None:
    warning = "Possible fake support account (it resembles @angryann"
    assert "open_desk" in buttons(lb) and lb.shows(warning)
    await save(lb, NEW)
    assert lb.shows("a refund is on its way")
    assert "open_desk" in buttons(lb) and lb.shows(warning)


async def test_a_card_slack_asks_to_read_again_later_is_still_settled(b: Both) -> None:
    """Reading the card back was rate limited (a burst of desk decisions): after the short
    Retry-After it is read again and settled, not left offering Approve."""
    limited = {"ok": False, "error": "ratelimited"}
    history = "/api/conversations.history"
    b.slack.api.queue("GET", history, 429, limited, headers={"Retry-After": "0"})
    await desk_post(b, f"/drafts/{b.seeded.draft_id}/approve", "approved")
    assert not DRAFT_BUTTONS & buttons(b)
    assert "Approved by agent at" in lines(b)
