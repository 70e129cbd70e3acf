"""The retention and the Slack cards already posted about what it blanks: as `authors forget`
does, each card is rewritten (chat.update, through the outbox, once) to show no author, no
link and no words, saying the retention policy removed them; one card covering many posts (a
digest) is rewritten once, and a card is never rewritten twice by later runs. Real slack_sdk
against the fake Slack, on both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.alert_wording import wording_for
from mentiondesk.config import AlertRoute
from mentiondesk.digest import summary
from mentiondesk.erasure import erase
from mentiondesk.models import CaseContext, OutboxAction
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.retention import purge
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from tests.fakes._base import FakeAPI
from tests.responders._data import Seeded, mention, reading, seed
from tests.test_forget_slack_cards import _bob, drain, due_now, posted, shows_her

LATER = timedelta(days=400)  # the purge runs as if this much later: all of it is old then
REMOVED = ">_(removed by the retention policy)_"


def finish(store: Store, seeded: Seeded) -> None:
    """Ann's case resolved and its draft rejected: finished work, for the retention."""
    with store.engine.begin() as conn:
        draft = DRAFT.c.id == seeded.draft_id
        conn.execute(sa.update(DRAFT).where(draft).values(status="rejected"))
        done = {"status": "resolved", "closed_at": datetime.now(UTC)}
        conn.execute(sa.update(CASE).where(CASE.c.id == seeded.case_id).values(done))


def run_purge(store: Store, *, dry_run: bool = False) -> None:
    assert purge(store, 30, by="dpo", now=datetime.now(UTC) + LATER, dry_run=dry_run)


def rewrites(store: Store) -> list[tuple[str, str]]:
    query = sa.select(OUTBOX.c.key, OUTBOX.c.status).where(OUTBOX.c.kind == "erase_card")
    with store.engine.connect() as conn:
        return [(r.key, r.status) for r in conn.execute(query.order_by(OUTBOX.c.id))]


def queue_digest(store: Store, *contexts: CaseContext) -> None:
    """A digest quoting these alerts, queued for the Slack responder."""
    route = AlertRoute(name="complaints", to=["slack"])
    text = summary(route, list(contexts), timedelta(hours=1))
    key = "digest:complaints:1-20261109T120000000000:slack"
    action = OutboxAction(key, "alert", "slack", contexts[0], text=text, extra={"digest": 2})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, datetime.now(UTC))))


async def test_purge_rewrites_her_card_once(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    fake, slack, config, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    run_purge(store, dry_run=True)
    assert rewrites(store) == []  # a dry run queues nothing
    run_purge(store)
    assert rewrites(store) == [("erase_card:1:purged", "pending")]
    fake_api.queue("POST", "/api/chat.update", 503)  # Slack down at the first try
    assert await drain(store, slack, config) == 0
    due_now(store)
    assert await drain(store, slack, config) == 1
    card = fake.messages[ts]
    assert shows_her(card["blocks"]) == [] and "angry_ann" not in card["text"]
    said = json.dumps(card["blocks"])
    assert REMOVED in said and "erased on request" not in said
    assert not [b for b in card["blocks"] if b.get("type") == "actions"]
    updates = len(fake_api.calls("/api/chat.update"))
    purge(store, 30, by="dpo", now=datetime.now(UTC) + 2 * LATER)  # blanks the rewrite's row
    due_now(store)
    assert await drain(store, slack, config) == 0  # once, however many runs
    assert len(fake_api.calls("/api/chat.update")) == updates
    assert [status for _, status in rewrites(store)] == ["done"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("pt-BR", "(eliminado pela política de retenção de dados)"),
        ("pt-PT", "(apagado pela política de conservação de dados)"),
    ],
)
async def test_in_the_teams_language(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str, lang: str, words: str
) -> None:
    fake, slack, config, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    slack.wording = wording_for(lang, "UTC")
    finish(store, seeded)
    run_purge(store)
    assert await drain(store, slack, config) == 1
    said = json.dumps(fake.messages[ts]["blocks"], ensure_ascii=False)
    assert f">_{words}_" in said and "a pedido" not in said  # not the erasure's words
    assert shows_her(fake.messages[ts]["blocks"]) == []


async def test_a_later_card_update_says_the_retention_removed_it(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """The settle pass, before the rewrite went out, writes the purged form, not hers."""
    fake, slack, _, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    run_purge(store)
    updates = CardUpdates(store, ticket_target=None, now=lambda: datetime.now(UTC))
    await updates.settle(slack, "C0TEAM", ts, {"case": seeded.number, "draft": seeded.draft_id})
    assert shows_her(fake.messages[ts]["blocks"]) == []
    assert REMOVED in json.dumps(fake.messages[ts]["blocks"])


async def test_a_digest_of_many_posts_is_one_rewrite(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """A digest quoting many posts is one card: one rewrite, saying the retention removed
    it, beside her case card's; Bob's line goes too."""
    fake, slack, config, seeded, card = await posted(fake_api, tmp_path, store, db_url)
    hers = CaseContext(mention=mention(), reading=reading())
    queue_digest(store, hers, *[_bob() for _ in range(30)])
    assert await drain(store, slack, config) == 1
    [ts] = [t for t in fake.messages if t != card]
    finish(store, seeded)
    run_purge(store)
    assert sorted(key for key, _ in rewrites(store)) == [
        "erase_card:1:purged",
        "erase_card:2:purged",
    ]
    assert await drain(store, slack, config) == 2
    digest = fake.messages[ts]
    assert digest["blocks"][0]["text"]["text"] == "(removed by the retention policy)"
    assert digest["text"] == "(removed by the retention policy)"
    assert shows_her(digest["blocks"]) == [] and "bob_b" not in json.dumps(digest)
    assert shows_her(fake.messages[card]["blocks"]) == []


async def test_a_digest_whose_erasure_rewrite_waits_is_rewritten_once(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Her erasure queued the digest's rewrite (Bob's line kept); the retention blanks the
    digest before it went out: that rewrite goes as the retention's, no second one; her case
    card, marked by the erasure, keeps the erasure's words."""
    fake, slack, config, _, card = await posted(fake_api, tmp_path, store, db_url)
    queue_digest(store, CaseContext(mention=mention(), reading=reading()), _bob())
    assert await drain(store, slack, config) == 1
    [ts] = [t for t in fake.messages if t != card]
    erase(store, "x", "angry_ann", by="dpo")
    assert [key for key, _ in rewrites(store)] == ["erase_card:1:1", "erase_card:2:1"]
    run_purge(store)
    assert [key for key, _ in rewrites(store)] == ["erase_card:1:1", "erase_card:2:1"]
    assert await drain(store, slack, config) == 2
    assert "bob_b" not in json.dumps(fake.messages[ts])
    assert fake.messages[ts]["blocks"][0]["text"]["text"] == "(removed by the retention policy)"
    assert ">_(erased on request)_" in json.dumps(fake.messages[card]["blocks"])


async def test_the_digests_delivered_erasure_rewrite_is_blanked_with_it(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """The erasure's rewrite of the digest, delivered, holds Bob's line: blanked with the
    digest (older than the days kept, the rewrite is not), whose card the retention
    rewrites once more."""
    _, slack, config, _, _ = await posted(fake_api, tmp_path, store, db_url)
    queue_digest(store, CaseContext(mention=mention(), reading=reading()), _bob())
    assert await drain(store, slack, config) == 1
    erase(store, "x", "angry_ann", by="dpo")
    assert await drain(store, slack, config) == 2
    with store.engine.begin() as conn:
        old = datetime.now(UTC) - timedelta(days=100)
        digest = OUTBOX.c.key.startswith("digest:")
        conn.execute(sa.update(OUTBOX).where(digest).values(created_at=old))
    assert purge(store, 30, by="dpo").outbox == 2  # the digest, and its erasure's rewrite
    assert [key for key, _ in rewrites(store)][-1] == "erase_card:2:purged"
    with store.engine.connect() as conn:
        kept = conn.scalars(sa.select(OUTBOX.c.payload).where(OUTBOX.c.kind == "erase_card"))
        assert not [p for p in kept if "bob_b" in p]
    assert await drain(store, slack, config) == 1


async def test_a_digest_rewrite_being_sent_is_followed_by_the_retentions(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """A worker is sending the erasure's rewrite of the digest this moment (its lease live):
    it goes as it was read, Bob's line in it, so the retention's own follows it."""
    fake, slack, config, _, card = await posted(fake_api, tmp_path, store, db_url)
    queue_digest(store, CaseContext(mention=mention(), reading=reading()), _bob())
    assert await drain(store, slack, config) == 1
    [ts] = [t for t in fake.messages if t != card]
    erase(store, "x", "angry_ann", by="dpo")
    with store.engine.begin() as conn:
        leased = OUTBOX.c.key == "erase_card:2:1"
        until = datetime.now(UTC) + timedelta(minutes=5)
        conn.execute(sa.update(OUTBOX).where(leased).values(lease_until=until))
    run_purge(store)
    keys = [key for key, _ in rewrites(store)]
    assert keys == ["erase_card:1:1", "erase_card:2:1", "erase_card:2:purged"]
    with store.engine.begin() as conn:  # the worker is gone: its lease lapsed
        conn.execute(sa.update(OUTBOX).values(lease_until=None))
    assert await drain(store, slack, config) == 3
    assert fake.messages[ts]["blocks"][0]["text"]["text"] == "(removed by the retention policy)"


async def test_cards_over_many_batches_are_each_rewritten_once(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Three cases' cards, purged a case a batch and then again: three rewrites, one each."""
    fake, slack, config, first, _ = await posted(fake_api, tmp_path, store, db_url)
    finish(store, first)
    for post in ("m2", "m3"):  # each a case of its own: the one before it is resolved
        finish(store, seed(store, post))
    assert await drain(store, slack, config) == 2
    later = datetime.now(UTC) + LATER
    assert purge(store, 30, by="dpo", now=later, batch=1).cases == 3
    purge(store, 30, by="dpo", now=later, batch=1)
    assert sorted(k for k, _ in rewrites(store)) == [f"erase_card:{i}:purged" for i in (1, 2, 3)]
    assert await drain(store, slack, config) == 3
    assert [t for t, m in fake.messages.items() if shows_her(m["blocks"])] == []
