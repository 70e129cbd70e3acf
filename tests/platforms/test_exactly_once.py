"""A worker killed (SIGKILL) after the platform call and before the delivery is recorded:
the restarted worker must not post again (exactly once in effect)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import Brand, PluginContext
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from responders.reddit_post import RedditPostResponder, RedditPostResponderConfig
from tests.fakes.bluesky import CREATE
from tests.platforms.posting import post_action, poster

ROOT = Path(__file__).resolve().parents[2]


def _target(platform: str, fakes: dict) -> tuple[str, dict, object]:
    """Publish a mention on the fake; return its id, action options, and a count of our posts."""
    fake = fakes[platform.removesuffix("-dm")]
    if platform == "x":
        tweet = fake.publish("@lumora broken", author="bob")
        return tweet["id"], {}, lambda: len(fake.posted)
    if platform == "reddit":
        item = fake.mention("u/lumora_bot broken", author="erin")
        return item["data"]["name"], {"handle": "erin"}, lambda: len(fake.comments)
    if platform == "mastodon":
        return fake.mention("@lumora broken")["id"], {}, lambda: len(fake.posted)
    if platform == "bluesky-dm":
        view = fake.mention("@lumora broken")
        dm = {"author_id": view["author"]["did"], "private": True}
        return view["uri"], dm, lambda: len(fake.chat.sent())
    return fake.mention("@lumora broken")["uri"], {}, lambda: len(fake.records)


async def _run_child_until_posted(db_url: str, platform: str, base_url: str) -> str:
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.platforms.outbox_child",
        db_url,
        platform,
        base_url,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        assert child.stdout is not None
        async with asyncio.timeout(60):
            line = (await child.stdout.readline()).decode()
        assert line.startswith("READY-TO-RECORD"), line
        return line.split()[1]
    finally:
        child.send_signal(signal.SIGKILL)
        await child.wait()


@pytest.mark.parametrize("case", ["x", "reddit", "mastodon", "bluesky", "bluesky-dm"])
async def test_kill_between_post_and_record_posts_once(
    case, db_url, secrets, x_fake, reddit_fake, mastodon_fake, bluesky_fake
) -> None:
    fakes = {"x": x_fake, "reddit": reddit_fake, "mastodon": mastodon_fake, "bluesky": bluesky_fake}
    platform = case.removesuffix("-dm")
    external_id, options, posted = _target(case, fakes)
    store = Store(db_url)
    store.create_all()
    action = post_action(platform, external_id, **options)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, datetime.now(UTC))))

    first_ref = await _run_child_until_posted(db_url, platform, fakes[platform].base_url)
    assert posted() == 1
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(DELIVERY)) == 0

    later = datetime.now(UTC) + timedelta(hours=1)  # the dead worker's lease has expired
    responder = poster(platform, fakes[platform].base_url)
    sinks = {f"{platform}-post": responder}
    # The database's clock an hour on too: a lease is judged by it (outbox_lease).
    worker = OutboxWorker(
        store, sinks, OutboxSection(), clock=lambda: later, lease_wall=lambda: later
    )
    delivered = await worker.drain()
    await responder.close()
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
        status = conn.scalar(sa.select(OUTBOX.c.status))
    store.dispose()
    assert (delivered, status, posted()) == (1, "done", 1)
    assert ref == first_ref


async def test_reddit_comment_made_but_answered_502_is_posted_once(
    db_url, secrets, reddit_fake, tmp_path
) -> None:
    # Built as `mentiondesk run` builds it, so asyncpraw's own retry policy is the shipped one.
    config = RedditPostResponderConfig(base_url=reddit_fake.base_url, auth_url=reddit_fake.base_url)
    responder = RedditPostResponder.from_config(config, PluginContext(Brand("Lumora"), tmp_path))
    name = reddit_fake.mention("u/lumora_bot broken", author="erin")["data"]["name"]
    reddit_fake.lose_answer("/api/comment/", 502)
    store = Store(db_url)
    store.create_all()
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        action = post_action("reddit", name, handle="erin")
        conn.execute(sa.insert(OUTBOX).values(outbox_row(action, None, now)))
    clock = [now]
    worker = OutboxWorker(
        store, {"reddit-post": responder}, OutboxSection(), clock=lambda: clock[0]
    )
    first = await worker.drain()  # the 502 is a transient failure: retried later
    clock[0] = now + timedelta(hours=1)
    second = await worker.drain()  # attempt 2 looks first and finds the comment
    await responder.close()
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
    store.dispose()
    assert (first, second, len(reddit_fake.comments)) == (0, 1, 1)
    assert len(reddit_fake.api.calls("/api/comment/")) == 1
    assert ref == reddit_fake.comments[0]["data"]["name"]


async def test_bluesky_reply_stored_but_answered_502_is_posted_once(
    db_url, secrets, bluesky_fake
) -> None:
    uri = bluesky_fake.mention("@lumora broken", author="fern")["uri"]
    bluesky_fake.lose_answer(CREATE, 502)  # the PDS stored the reply; its answer was lost
    responder = poster("bluesky", bluesky_fake.base_url)
    store = Store(db_url)
    store.create_all()
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX).values(outbox_row(post_action("bluesky", uri), None, now)))
    clock = [now]
    worker = OutboxWorker(
        store, {"bluesky-post": responder}, OutboxSection(), clock=lambda: clock[0]
    )
    first = await worker.drain()  # the 502 is a transient failure: retried later
    clock[0] = now + timedelta(hours=1)
    second = await worker.drain()  # attempt 2 reads the record by its key before creating
    await responder.close()
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
    store.dispose()
    assert (first, second, len(bluesky_fake.records)) == (0, 1, 1)
    assert len(bluesky_fake.api.calls(CREATE)) == 1
    assert ref == next(iter(bluesky_fake.records.values()))["uri"]
