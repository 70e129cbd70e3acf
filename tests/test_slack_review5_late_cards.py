"""An alert delivered after the desk acted on its draft or case (Slack was down, pacing held
it) says so: its card offers no Approve, Edit or Reject for a decided draft, nothing for an
ended case, and shows the draft's text as it is now. Real slack_sdk against the fake Slack
API through the outbox; the webhook chats' bodies from the same claimed alert."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import casework, queue
from mentiondesk.alert_wording import wording_for
from mentiondesk.case_state import close_case
from mentiondesk.config import OutboxSection, load_config
from mentiondesk.models import OutboxAction, text_digest
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_claim import claim
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from responders import discord, mattermost, teams
from tests.desk.seed import write_config
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import seed
from tests.slack_cards_helpers import Both, served, slack_on

NEW = "Sorry Ann, a refund is on its way & soon."


async def delivered(store: Store, fake_api: FakeAPI) -> list[dict[str, Any]]:
    """The card the queued alert became, delivered now."""
    fake = SlackFake(fake_api)
    slack = slack_on(fake, secret="s3cret")
    await OutboxWorker(store, {"slack": slack}, OutboxSection()).drain()
    [message] = fake.messages.values()
    blocks: list[dict[str, Any]] = message["blocks"]
    return blocks


def buttons(blocks: list[dict[str, Any]]) -> set[str]:
    return {
        e["action_id"] for b in blocks if b.get("block_id") == "md_actions" for e in b["elements"]
    }


def lines(blocks: list[dict[str, Any]]) -> str:
    return json.dumps([b for b in blocks if b.get("type") == "context"])


def claimed(store: Store) -> OutboxAction:
    [found] = claim(store, OutboxSection(), datetime.now(UTC), None, None, None)
    return found.action


async def test_a_draft_rejected_before_its_card_is_posted_is_not_offered(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    queue.reject_draft(store, seeded.draft_id, by="agent")
    card = await delivered(store, fake_api)
    assert buttons(card) == {"assign", "escalate"}  # the case still waits
    assert "Rejected by agent at" in lines(card)


async def test_a_draft_approved_from_slack_before_its_card_is_posted_names_the_clicker(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    queue.edit_draft(store, seeded.draft_id, text=NEW, by="agent")
    route = {"default": "console"}
    queue.approve_draft(store, seeded.draft_id, by="slack:U42ANN (ann)", post_route=route)
    card = await delivered(store, fake_api)
    assert not buttons(card) & {"approve", "edit", "reject"}
    assert "Approved by <@U42ANN> at" in lines(card)
    assert "a refund is on its way &amp; soon" in json.dumps(card)  # what went out


async def test_a_draft_edited_before_its_card_is_posted_is_shown_as_it_is(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    queue.edit_draft(store, seeded.draft_id, text=NEW, by="agent")
    card = await delivered(store, fake_api)
    said = json.dumps(card)
    assert "a refund is on its way &amp; soon" in said and "Sorry, DM us" not in said
    assert buttons(card) >= {"approve", "edit", "reject"}
    values = (e.get("value") for b in card for e in b.get("elements", []))
    seen = {json.loads(v).get("seen") for v in values if v}
    assert text_digest(NEW) in seen  # Approve on it posts what it shows
    assert lines(card).count(" at ") == 0  # nothing said: it still waits


async def test_a_case_ended_before_its_card_is_posted_leaves_nothing_to_press(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    close_case(store, seeded.case_id, by="agent", status="resolved")
    card = await delivered(store, fake_api)
    assert buttons(card) <= {"open_desk"}
    assert "Case resolved at" in lines(card)
    assert "Withdrawn" not in lines(card)  # the case's line says it all


async def test_a_case_taken_before_its_card_is_posted_is_not_offered(
    store: Store, fake_api: FakeAPI
) -> None:
    seeded = seed(store)
    casework.assign_case(store, seeded.case_id, assignee="carla", by="carla")
    card = await delivered(store, fake_api)
    assert "assign" not in buttons(card)
    assert buttons(card) >= {"approve", "edit", "reject", "escalate"}


def test_the_webhook_chats_say_a_draft_was_decided_before_they_were_told(store: Store) -> None:
    seeded = seed(store)
    queue.edit_draft(store, seeded.draft_id, text=NEW, by="agent")
    queue.reject_draft(store, seeded.draft_id, by="<!channel> **x**")
    action = claimed(store)
    said = mattermost.text(action)
    assert "Rejected by" in said and "refund is on its way" in said
    assert "Sorry, DM us" not in said and "<!channel>" not in said and "**x**" not in said
    assert "Rejected by" in discord.content(action) and "**x**" not in discord.content(action)
    body = json.dumps(teams.card_body(action))
    assert "Rejected by <!channel> **x** at" in body  # Teams' TextRuns show text as it is
    assert "refund is on its way" in body


def test_an_alert_about_a_waiting_draft_is_told_nothing(store: Store) -> None:
    seed(store)
    action = claimed(store)
    assert "settled" not in action.extra
    assert "Rejected" not in mattermost.text(action)


@pytest.fixture(name="late")
async def late_card(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Both]:
    """As test_slack_review_desk_edits' `both`, its draft withdrawn (a corrected reading)
    before the card was delivered."""
    config = load_config(write_config(tmp_path, db_url))
    seeded = seed(store)
    with store.engine.begin() as conn:  # as corrections.py records it
        done = dict(status="withdrawn", decided_at=datetime.now(UTC), decided_by="relabel 1")
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == seeded.draft_id).values(**done))
    async with served(config, store, seeded, SlackFake(fake_api), monkeypatch) as found:
        yield found


async def test_a_late_card_of_a_withdrawn_draft_offers_it_again_once_restored(
    late: Both,
) -> None:
    assert not buttons(late.card()) & {"approve", "edit", "reject"}
    assert "Withdrawn at" in lines(late.card())
    answer = await late.desk.post(
        f"/drafts/{late.seeded.draft_id}/restore", back=f"/cases/{late.seeded.case_id}"
    )
    assert await late.desk.said(answer) == "restored"
    await late.actions.drain()
    assert buttons(late.card()) >= {"approve", "edit", "reject"}
    assert lines(late.card()).count("Withdrawn at") == 1  # what was said on it stays, once


def test_a_late_alert_says_it_in_the_teams_language(store: Store) -> None:
    seeded = seed(store)
    queue.reject_draft(store, seeded.draft_id, by="agent")
    action = claimed(store)
    assert "Rascunho rejeitado por agent em" in mattermost.text(action, wording_for("pt-BR", "UTC"))
