"""The retention and `authors forget` meeting the same Slack card, in either order: the card
is rewritten once, by whichever came first, and keeps that one's words. An erasure after the
retention (she still had a recent post, so she could still be found) leaves the card that
already says "(removed by the retention policy)": a second chat.update in the erasure's words
would only tell the channel that this old case's author asked to be forgotten. `authors
forget` says so instead of "the outbox rewrites 1 card", and `store purge` counts the cards it
will rewrite. Real slack_sdk against the fake Slack, on both backends."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from mentiondesk.erasure import erase
from mentiondesk.erasure_copies import described
from mentiondesk.retention import purge
from mentiondesk.slack_updates import CardUpdates
from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX
from tests.fakes._base import FakeAPI
from tests.fakes.slack import SlackFake
from tests.helpers import run_cli
from tests.responders._data import mention
from tests.test_forget_slack_cards import drain, posted, shows_her
from tests.test_retention_slack_cards import LATER, REMOVED, finish, rewrites, run_purge

ERASED = ">_(erased on request)_"
CLEARED = (
    "In Slack, 1 card about them in slack already shows no author, no link and no words of "
    "theirs (rewritten by the retention policy): not rewritten again."
)
SLACK_SAID = "; Slack cards: 1 to rewrite (queued in the outbox)."
QUEUED = (
    "In Slack, the outbox rewrites 1 card about them in slack to show an erased author: no "
    "link, no words of theirs."
)


def keep_her(store: Store) -> None:
    """A recent post of Ann's, kept by the purge: her author row stays, so she can still ask
    to be erased after the retention blanked her old case."""
    recent = replace(mention("still waiting", "m9"), created_at=datetime.now(UTC) + LATER)
    store.ingest("test", [recent], None)


def says(fake: SlackFake, ts: str) -> str:
    return json.dumps(fake.messages[ts]["blocks"])


def updates(fake_api: FakeAPI) -> int:
    return len(fake_api.calls("/api/chat.update"))


async def test_an_erasure_leaves_the_card_the_retention_rewrote(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    fake, slack, config, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    run_purge(store)
    assert await drain(store, slack, config) == 1
    assert REMOVED in says(fake, ts)
    sent = updates(fake_api)
    plan = erase(store, "x", "angry_ann", by="dpo", dry_run=True)
    assert described(plan.elsewhere, {"slack": "slack"}) == [CLEARED]
    done = erase(store, "x", "angry_ann", by="dpo")
    assert done.elsewhere == plan.elsewhere and done.elsewhere.rewritten == ()
    assert rewrites(store) == [("erase_card:1:purged", "done")]  # no second rewrite queued
    assert await drain(store, slack, config) == 0
    assert updates(fake_api) == sent
    assert REMOVED in says(fake, ts) and ERASED not in says(fake, ts)
    # A later update of the card (the settle pass) keeps the words the channel shows.
    cards = CardUpdates(store, ticket_target=None, now=lambda: datetime.now(UTC))
    await cards.settle(slack, "C0TEAM", ts, {"case": seeded.number, "draft": seeded.draft_id})
    assert REMOVED in says(fake, ts) and ERASED not in says(fake, ts)
    assert shows_her(fake.messages[ts]["blocks"]) == []


async def test_an_erasure_while_the_retentions_rewrite_waits_sends_one(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """Slack was down since the purge: the erasure leaves its rewrite waiting as it is (the
    card shows the retention's words), and says the outbox rewrites the card."""
    fake, slack, config, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    run_purge(store)
    done = erase(store, "x", "angry_ann", by="dpo")
    assert described(done.elsewhere, {"slack": "slack"}) == [QUEUED]
    assert rewrites(store) == [("erase_card:1:purged", "pending")]
    sent = updates(fake_api)
    assert await drain(store, slack, config) == 1
    assert updates(fake_api) == sent + 1
    assert REMOVED in says(fake, ts) and ERASED not in says(fake, ts)
    assert shows_her(fake.messages[ts]["blocks"]) == []


async def test_a_dropped_retention_rewrite_is_followed_by_the_erasures(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """A person dropped the retention's rewrite (`outbox drop`): the card still shows her, so
    her erasure rewrites it, in its own words."""
    fake, slack, config, seeded, ts = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    run_purge(store)
    with store.engine.begin() as conn:
        rewrite = OUTBOX.c.key == "erase_card:1:purged"
        conn.execute(sa.update(OUTBOX).where(rewrite).values(status="dropped"))
    done = erase(store, "x", "angry_ann", by="dpo")
    assert done.elsewhere.rewritten == (("slack", 1),) and done.elsewhere.cleared == ()
    assert await drain(store, slack, config) == 1
    assert ERASED in says(fake, ts) and shows_her(fake.messages[ts]["blocks"]) == []


async def test_the_retention_leaves_the_card_an_erasure_rewrote(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """The reverse order: her erasure rewrote the card; a purge a year on finds the alert
    (and the rewrite's own row) old, and never rewrites the card to the retention's words."""
    fake, slack, config, _, ts = await posted(fake_api, tmp_path, store, db_url)
    erase(store, "x", "angry_ann", by="dpo")
    assert await drain(store, slack, config) == 1
    sent = updates(fake_api)
    done = purge(store, 30, by="dpo", now=datetime.now(UTC) + LATER)
    assert done.cards == 0 and "Slack card" not in done.summary()
    assert rewrites(store) == [("erase_card:1:1", "done")]
    assert await drain(store, slack, config) == 0
    assert updates(fake_api) == sent
    assert ERASED in says(fake, ts) and REMOVED not in says(fake, ts)


async def test_a_purge_while_the_erasures_rewrite_waits_sends_one(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    fake, slack, config, _, ts = await posted(fake_api, tmp_path, store, db_url)
    erase(store, "x", "angry_ann", by="dpo")
    assert not purge(store, 30, by="dpo", now=datetime.now(UTC) + LATER)  # nothing ready
    assert rewrites(store) == [("erase_card:1:1", "pending")]
    assert await drain(store, slack, config) == 1
    assert await drain(store, slack, config) == 0
    assert ERASED in says(fake, ts) and REMOVED not in says(fake, ts)


async def test_store_purge_counts_the_slack_cards_it_rewrites(
    fake_api: FakeAPI, tmp_path: Path, store: Store, db_url: str
) -> None:
    """What the officer reads before and after a purge, and the audit line: the cards in
    the team's channel it rewrites, beside the rows it blanks. Then `authors forget` on the
    same author says the card is left as the retention made it."""
    _, _, _, seeded, _ = await posted(fake_api, tmp_path, store, db_url)
    finish(store, seeded)
    keep_her(store)
    with store.engine.begin() as conn:  # resolved 100 days ago: older than the days kept
        old = datetime.now(UTC) - timedelta(days=100)
        conn.execute(sa.update(CASE).where(CASE.c.id == seeded.case_id).values(closed_at=old))
    config = tmp_path / "config.toml"
    code, output = run_cli(config, "store", "purge", "--dry-run", "--days", "30")
    assert code == 0 and "1 delivered action" in output, output
    assert SLACK_SAID in " ".join(output.split()), output
    assert rewrites(store) == []
    code, output = run_cli(config, "store", "purge", "--days", "30")
    assert code == 0 and SLACK_SAID in " ".join(output.split()), output
    assert rewrites(store) == [("erase_card:1:purged", "pending")]
    code, output = run_cli(config, "authors", "forget", "x", "angry_ann", "--yes")
    flat = " ".join(output.split())
    assert code == 0 and QUEUED in flat, output
    assert "delete them" not in flat  # nothing of hers to delete by hand
    assert rewrites(store) == [("erase_card:1:purged", "pending")]
