"""The draft's language reaches the chats through the stored alert (CaseContext.draft_lang):
queued with the decision, and read from the draft at delivery, so an alert stored before
alerts said it (its payload has no `draft_lang`) still says an Italian got a pt-PT draft, and
one that cannot be told (no draft left to read) renders as it always did."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.decisions import Decision, DraftPlan, OutboxPlan, record
from mentiondesk.edited_alerts import queue_new
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import action_from_payload, outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import CASE, MENTION, OUTBOX
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.responders._data import mention, reading
from tests.responders.slack_helpers import slack_responder
from tests.responders.test_europe_alert_lang_chats import SAYS, italian

ITALIAN = "il mio ordine non è ancora arrivato"
DRAFT = DraftPlan(kind="private", text="Olá, lamentamos o atraso.", lang="pt-PT", rule="complaint")


def _queued(store: Store) -> None:
    """An Italian complaint decided as a Lisbon team's playbook does: a pt-PT draft, an alert."""
    m = mention(ITALIAN, lang="it")
    store.ingest("test", [m], None)
    [p] = store.claim_unprocessed(10, timedelta(minutes=5))
    decision = Decision(
        mention_id=p.id,
        author_id=p.author_id,
        mention=m,
        reading=reading(lang="it"),
        case_rule="complaint",
        drafts=(DRAFT,),
        outbox=(OutboxPlan("alert", "slack", "complaint"),),
    )
    record(store, [decision], post_route={"default": "console"})


async def _delivered(store: Store, fake_api: FakeAPI) -> list[str]:
    """The Slack card's sections, as the outbox worker delivers the alert."""
    fake = SlackFake(fake_api)
    slack = slack_responder(fake)
    assert await OutboxWorker(store, {"slack": slack}, OutboxSection()).drain() == 1
    await slack.close()
    return [str(b["text"]["text"]) for b in fake.posted()[0]["blocks"] if b["type"] == "section"]


def _stored_alert(store: Store, target: str = "slack") -> dict[str, Any]:
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload).where(OUTBOX.c.target == target))
    return dict(json.loads(str(payload)))


async def test_the_decision_stores_the_drafts_language(store: Store, fake_api: FakeAPI) -> None:
    _queued(store)
    assert _stored_alert(store)["context"]["draft_lang"] == "pt-PT"
    assert f"*{SAYS['en']}*" in await _delivered(store, fake_api)


def test_an_edited_posts_new_alert_stores_it(store: Store) -> None:
    """A post edited into one a rule alerts another chat about (edited_alerts): its alert
    shows the draft waiting, and says its language."""
    _queued(store)
    with store.engine.begin() as conn:
        mention_id = conn.scalar(sa.select(MENTION.c.id))
        case_id = conn.scalar(sa.select(CASE.c.id))
        plan = OutboxPlan("alert", "teams", "urgent")
        assert queue_new(conn, int(mention_id), case_id, [plan], datetime.now(UTC)) == 1
    assert _stored_alert(store, "teams")["context"]["draft_lang"] == "pt-PT"


async def test_an_alert_stored_before_still_says_it(store: Store, fake_api: FakeAPI) -> None:
    _queued(store)
    older = _stored_alert(store)
    del older["context"]["draft_lang"]
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(payload=json.dumps(older, ensure_ascii=False)))
    assert f"*{SAYS['en']}*" in await _delivered(store, fake_api)  # read from its draft


async def test_a_payload_without_it_still_renders(fake_api: FakeAPI) -> None:
    """A payload from before (no `draft_lang`) loads; with no draft to read it from, the card
    is the one it always was: the drafted reply, no line about its language."""
    alert = italian()
    row = outbox_row(alert, 7, datetime(2026, 12, 7, tzinfo=UTC))
    assert json.loads(str(row["payload"]))["context"]["draft_lang"] == "pt-PT"
    stored = json.loads(str(row["payload"]))
    del stored["context"]["draft_lang"]
    older = action_from_payload(json.dumps(stored), 1)
    assert older.context.draft_lang is None and older.context.authors_lang is None
    fake = SlackFake(fake_api)
    slack = slack_responder(fake)
    await slack.deliver(older)
    await slack.close()
    texts = [b.get("text", {}).get("text", "") for b in fake.posted()[0]["blocks"]]
    assert "*Drafted reply:*\nOlá, lamentamos o atraso." in texts
    assert not any("the author wrote" in text for text in texts)
    assert replace(older, context=replace(older.context, draft_lang="pt-PT")) == alert
