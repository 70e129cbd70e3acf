"""An X post edited after the desk read it: the same mention with the latest text, read again,
its pending drafts following the new reading unless a reply went out (edited_posts)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mentiondesk import cli
from mentiondesk.config import Config, load_config
from mentiondesk.pipeline import App
from mentiondesk.queue import approve_draft
from mentiondesk.tables import AUDIT, AUTHOR, DRAFT, MENTION, OUTBOX, READING
from tests.fakes.x import XFake
from tests.platforms.helpers import platform_config

COMPLAINT = "@lumora my lamp arrived broken, terrible, awful support"
PRAISE = "@lumora my mistake, the lamp works, love it, thank you so much!"


def _config(tmp_path: Path, db_url: str, x_fake: XFake) -> Config:
    return load_config(platform_config(tmp_path, "x", x_fake.base_url, 'query = "lumora"', db_url))


@asynccontextmanager
async def _app(tmp_path: Path, db_url: str, x_fake: XFake) -> AsyncIterator[App]:
    async with App(_config(tmp_path, db_url, x_fake)) as app:
        await app.run_once()  # the first run finds where "now" is
        yield app


def _rows(app: App, table: sa.Table, *columns: str) -> list[Any]:
    with app.store.engine.connect() as conn:
        return list(conn.execute(sa.select(*(table.c[c] for c in columns))).all())


def _approve(app: App, draft_id: int) -> None:
    post_route = dict(app.config.settings.routing.post)
    approve_draft(app.store, draft_id, by="ana", post_route=post_route)


async def test_an_edit_before_any_reply_is_read_again_and_its_drafts_follow(
    tmp_path, secrets, x_fake, db_url
) -> None:
    async with _app(tmp_path, db_url, x_fake) as app:
        tweet = x_fake.publish(COMPLAINT, author="bob")
        await app.run_once()
        assert _rows(app, DRAFT, "kind", "status") == [("private", "pending")]
        edited = x_fake.edit(tweet, PRAISE)
        await app.run_once()
        mentions = _rows(app, MENTION, "external_id", "text", "first_text", "url")
        readings = _rows(app, READING, "label")
        drafts = _rows(app, DRAFT, "id", "kind", "status", "decided_by")
        audit = _rows(app, AUDIT, "actor", "action", "detail")
        again = x_fake.edit(edited, PRAISE + " Really.")  # the first text stays the first
        await app.run_once()
        texts = _rows(app, MENTION, "text", "first_text")
        _approve(app, drafts[1].id)  # the thank-you the new reading asked for
        await app.outbox.drain()
    url = f"https://x.com/bob/status/{edited['id']}"
    assert mentions == [(tweet["id"], PRAISE, COMPLAINT, url)]  # one mention, not two
    assert readings == [("positive",)]
    assert [tuple(d)[1:] for d in drafts] == [
        ("private", "withdrawn", "post edited"),  # the apology for what is now praise
        ("public", "pending", None),
    ]
    assert audit == [
        ("listener", "post-edited", "negative → positive; drafts withdrawn 1, written 1")
    ]
    assert texts == [(PRAISE + " Really.", COMPLAINT)]
    # The reply answers the latest version, a post X has.
    (reply,) = x_fake.posted
    assert reply["referenced_tweets"] == [{"type": "replied_to", "id": again["id"]}]


async def _answered(app: Any, x_fake: Any) -> dict[str, Any]:
    """Bob's complaint, read, its DM approved and sent: the tweet."""
    tweet: dict[str, Any] = x_fake.publish(COMPLAINT, author="bob")
    await app.run_once()
    ((draft_id,),) = _rows(app, DRAFT, "id")
    _approve(app, draft_id)
    await app.outbox.drain()
    return tweet


async def test_an_edit_after_the_reply_went_out_changes_only_the_text(
    tmp_path, secrets, x_fake, db_url
) -> None:
    async with _app(tmp_path, db_url, x_fake) as app:
        tweet = await _answered(app, x_fake)
        x_fake.edit(tweet, PRAISE)
        await app.run_once()
        mentions = _rows(app, MENTION, "text", "first_text", "processed")
        readings = _rows(app, READING, "label")
        drafts = _rows(app, DRAFT, "kind", "status")
        audit = _rows(app, AUDIT, "actor", "action", "detail")
    assert mentions == [(PRAISE, COMPLAINT, True)]
    assert readings == [("negative",)]  # nothing redone: the DM answered the complaint
    assert drafts == [("private", "approved")]
    assert ("listener", "post-edited", "answered") in audit
    assert len(x_fake.dms) == 1 and x_fake.posted == []


async def test_an_edit_after_the_reply_that_asks_us_to_stop_lists_the_author(
    tmp_path, secrets, x_fake, db_url
) -> None:
    async with _app(tmp_path, db_url, x_fake) as app:
        tweet = await _answered(app, x_fake)
        x_fake.publish(COMPLAINT + " Still broken.", author="bob")  # its DM waits for a person
        await app.run_once()
        x_fake.edit(tweet, COMPLAINT + " Stop messaging me.")
        await app.run_once()
        listed = _rows(app, AUTHOR, "do_not_contact")
        readings = _rows(app, READING, "mention_id", "label")
        drafts = _rows(app, DRAFT, "kind", "status", "decided_by")
        ids = dict(_rows(app, MENTION, "external_id", "id"))
        audit = _rows(app, AUDIT, "action", "detail")
    assert listed == [(True,)]
    assert [r.label for r in readings] == ["negative", "negative"]  # the one answered stays
    assert sorted(tuple(d) for d in drafts) == [
        ("private", "approved", "ana"),
        ("private", "withdrawn", f"opt-out {ids[tweet['id']]}"),  # as a new post asking would
    ]
    assert ("post-edited", "answered; asked to stop") in audit
    assert len(x_fake.dms) == 1


async def test_the_log_counts_edits_apart_from_new_mentions(
    tmp_path, secrets, x_fake, db_url, caplog
) -> None:
    async with _app(tmp_path, db_url, x_fake) as app:
        tweet = x_fake.publish(COMPLAINT, author="bob")
        with caplog.at_level(logging.INFO, logger="mentiondesk.pipeline"):
            await app.run_once()
            x_fake.edit(tweet, PRAISE)
            x_fake.publish(COMPLAINT, author="ann")
            await app.run_once()
    said = [m for m in caplog.messages if m.startswith("source x:")]
    assert said == ["source x: 1 new mention(s)", "source x: 1 new mention(s), 1 edited"]
    assert "lamp" not in caplog.text  # counts, never the text


async def test_the_run_summary_counts_an_edit_apart_from_new_mentions(
    tmp_path, secrets, x_fake, db_url, capsys
) -> None:
    config = _config(tmp_path, db_url, x_fake)
    await cli._run(config, once=True)  # the first run finds where "now" is
    tweet = x_fake.publish(COMPLAINT, author="bob")
    await cli._run(config, once=True)
    x_fake.edit(tweet, PRAISE)
    x_fake.publish(COMPLAINT, author="ann")
    capsys.readouterr()
    await cli._run(config, once=True)
    said = " ".join(capsys.readouterr().out.split())
    assert "Mentions read 2 (1 new in this run, 1 edited and read again)" in said


async def test_an_edit_into_a_complaint_alerts_the_team_once(
    tmp_path, secrets, x_fake, db_url
) -> None:
    async with _app(tmp_path, db_url, x_fake) as app:
        tweet = x_fake.publish("@lumora what time do you open on saturday?", author="bob")
        await app.run_once()
        before = _rows(app, OUTBOX, "kind")
        edited = x_fake.edit(tweet, COMPLAINT)
        await app.run_once()
        after = _rows(app, OUTBOX, "kind", "target", "key", "payload")
        x_fake.edit(edited, COMPLAINT + " Still nothing.")  # read again: no second alert
        await app.run_once()
        again = _rows(app, OUTBOX, "key")
        audit = _rows(app, AUDIT, "detail")
    assert before == []  # a question: a case for a person, no alert
    ((kind, target, key, payload),) = after
    assert (kind, target, key) == ("alert", "console", f"alert:console:x:{tweet['id']}:complaint")
    alert = json.loads(payload)["context"]
    assert alert["mention"]["text"] == COMPLAINT and alert["case_number"] == "MD-000001"
    assert alert["draft_text"]  # the apology the edit asked for, approvable from the chat
    assert [k for (k,) in again] == [key]
    assert audit[0] == ("neutral → negative; drafts withdrawn 0, written 1; alerts and tickets 1",)
